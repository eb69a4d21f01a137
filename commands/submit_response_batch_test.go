package commands_test

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/cajalive/caja"
	"github.com/cajalive/caja/commands"
	"github.com/cajalive/caja/writemodel"
	"github.com/cajalive/caja/writemodel/writemodeltest"
)

// answerFixture is a session with one open activity of each answered type,
// a closed poll, and participants with known tokens; answers go through
// the group commit of h.
type answerFixture struct {
	h                                commands.SubmitResponseHandler
	store                            *writemodel.Store
	db                               *writemodel.DB
	sessionID                        string
	quiz, poll, cloud, closed        string
	quizRight, pollA, pollB, closedA string
	tokens                           []string
	strangerToken                    string // a participant of another session
}

func newAnswerFixture(t *testing.T, participants int) *answerFixture {
	t.Helper()
	db := writemodeltest.NewDB(t)
	store := writemodel.NewStore(db)
	f := &answerFixture{h: commands.NewSubmitResponseHandler(store, commands.DefaultGroupCommit), store: store, db: db}
	now := time.Now().UTC()
	sessions := 0
	mkSession := func() string {
		id := uuid.NewString()
		sessions++
		s := writemodel.Session{ID: id, Name: "s", Status: writemodel.StatusActive, AdminID: "a", JoinCode: fmt.Sprint(1000000 + sessions), AdminTokenHash: caja.HashToken(id), DisplayKey: id, CreatedAt: now, UpdatedAt: now}
		if err := db.Gorm.Create(&s).Error; err != nil {
			t.Fatal(err)
		}
		return id
	}
	f.sessionID = mkSession()
	other := mkSession()
	mkActivity := func(typ, status, settings string, options ...bool) (string, []string) {
		a := writemodel.Activity{ID: uuid.NewString(), SessionID: f.sessionID, Type: typ, Title: typ, Settings: settings, Status: status, OpenedAt: &now, CreatedAt: now, UpdatedAt: now}
		if err := db.Gorm.Create(&a).Error; err != nil {
			t.Fatal(err)
		}
		var ids []string
		for i, correct := range options {
			o := writemodel.ActivityOption{ID: uuid.NewString(), ActivityID: a.ID, Position: i, Label: "o", Correct: correct}
			if err := db.Gorm.Create(&o).Error; err != nil {
				t.Fatal(err)
			}
			ids = append(ids, o.ID)
		}
		return a.ID, ids
	}
	var opts []string
	f.quiz, opts = mkActivity(writemodel.TypeQuiz, writemodel.ActivityOpen, `{}`, true, false)
	f.quizRight = opts[0]
	f.poll, opts = mkActivity(writemodel.TypePoll, writemodel.ActivityOpen, `{}`, false, false)
	f.pollA, f.pollB = opts[0], opts[1]
	f.cloud, _ = mkActivity(writemodel.TypeWordCloud, writemodel.ActivityOpen, `{}`)
	f.closed, opts = mkActivity(writemodel.TypePoll, writemodel.ActivityClosed, `{}`, false, false)
	f.closedA = opts[0]
	join := func(sessionID string, i int) string {
		token := uuid.NewString()
		p := writemodel.Participant{ID: uuid.NewString(), SessionID: sessionID, Nickname: fmt.Sprint("p", i), NicknameKey: fmt.Sprint("p", i), TokenHash: caja.HashToken(token), CreatedAt: now}
		if err := db.Gorm.Create(&p).Error; err != nil {
			t.Fatal(err)
		}
		return token
	}
	for i := 0; i < participants; i++ {
		f.tokens = append(f.tokens, join(f.sessionID, i))
	}
	f.strangerToken = join(other, 0)
	return f
}

// choice is a poll or quiz answer.
func choice(option string) commands.SubmitResponse {
	return commands.SubmitResponse{OptionIDs: []string{option}}
}

// word is a word-cloud entry.
func word(text string) commands.SubmitResponse {
	return commands.SubmitResponse{Text: &text}
}

type outcome struct {
	stored *commands.ResponseAccepted
	err    error
}

// submitAll sends every request at once and returns the outcomes in order.
func submitAll(t *testing.T, f *answerFixture, reqs []commands.SubmitResponse) []outcome {
	t.Helper()
	out := make([]outcome, len(reqs))
	var wg sync.WaitGroup
	start := make(chan struct{})
	for i, r := range reqs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			s, err := f.h.Handle(context.Background(), r)
			out[i] = outcome{s, err}
		}()
	}
	close(start)
	wg.Wait()
	return out
}

func TestSubmitResponse_BatchConcurrentBatchesKeepEveryRule(t *testing.T) {
	t.Parallel()
	const people = 40
	f := newAnswerFixture(t, people)
	req := func(token, activity string, answer commands.SubmitResponse) commands.SubmitResponse {
		answer.SessionID, answer.ActivityID, answer.Token = f.sessionID, activity, token
		return answer
	}
	var reqs []commands.SubmitResponse
	kinds := map[int]string{}
	add := func(kind string, r commands.SubmitResponse) {
		kinds[len(reqs)] = kind
		reqs = append(reqs, r)
	}
	for _, tok := range f.tokens {
		for k := 0; k < 3; k++ { // a quiz keeps the first answer
			add("quiz", req(tok, f.quiz, choice(f.quizRight)))
		}
		add("poll", req(tok, f.poll, choice(f.pollA)))
		add("poll", req(tok, f.poll, choice(f.pollB)))
	}
	for k := 0; k < 10; k++ { // three entries at most
		add("cloud", req(f.tokens[0], f.cloud, word(fmt.Sprint("w", k))))
	}
	add("badtoken", req("not a token", f.poll, choice(f.pollA)))
	add("stranger", req(f.strangerToken, f.poll, choice(f.pollA)))
	add("closed", req(f.tokens[1], f.closed, choice(f.closedA)))
	add("unknown", req(f.tokens[1], uuid.NewString(), choice(f.pollA)))

	outcomes := submitAll(t, f, reqs)

	type tally struct{ created, replaced int }
	got := map[string]*tally{}
	errKinds := map[string][]caja.Kind{}
	for i, o := range outcomes {
		k := kinds[i]
		if got[k] == nil {
			got[k] = &tally{}
		}
		switch {
		case o.err != nil:
			errKinds[k] = append(errKinds[k], caja.KindOf(o.err))
		case !o.stored.Created():
			got[k].replaced++
		default:
			got[k].created++
		}
	}
	tests := []struct {
		kind              string
		created, replaced int
		errs              int
		errKind           caja.Kind
	}{
		{"quiz", people, 0, 2 * people, caja.Conflict},
		{"poll", people, people, 0, 0},
		{"cloud", 3, 0, 7, caja.Conflict},
		{"badtoken", 0, 0, 1, caja.Unauthorized},
		{"stranger", 0, 0, 1, caja.Forbidden},
		{"closed", 0, 0, 1, caja.Conflict},
		{"unknown", 0, 0, 1, caja.NotFound},
	}
	for _, tt := range tests {
		g := got[tt.kind]
		if g.created != tt.created || g.replaced != tt.replaced || len(errKinds[tt.kind]) != tt.errs {
			t.Errorf("%s: %d created, %d replaced, %d errors; want %d, %d, %d", tt.kind, g.created, g.replaced, len(errKinds[tt.kind]), tt.created, tt.replaced, tt.errs)
		}
		for _, k := range errKinds[tt.kind] {
			if k != tt.errKind {
				t.Errorf("%s: error kind %v, want %v", tt.kind, k, tt.errKind)
			}
		}
	}

	// The database agrees: one row per (activity, participant, slot), one
	// chosen option per poll and quiz answer, one outbox row per write.
	var rows []struct {
		ActivityID string
		N          int
	}
	if err := f.db.Gorm.Raw("SELECT activity_id, count(*) AS n FROM responses GROUP BY activity_id").Scan(&rows).Error; err != nil {
		t.Fatal(err)
	}
	want := map[string]int{f.quiz: people, f.poll: people, f.cloud: 3}
	for _, r := range rows {
		if r.N != want[r.ActivityID] {
			t.Errorf("activity %s: %d responses, want %d", r.ActivityID, r.N, want[r.ActivityID])
		}
	}
	var chosen []string
	if err := f.db.Gorm.Raw("SELECT CAST(option_ids AS text) FROM responses WHERE option_ids IS NOT NULL").Find(&chosen).Error; err != nil {
		t.Fatal(err)
	}
	if n := len(chosen); n != 2*people {
		t.Errorf("%d answers with chosen options, want %d", n, 2*people)
	}
	for _, c := range chosen {
		var ids []string
		if err := json.Unmarshal([]byte(c), &ids); err != nil || len(ids) != 1 {
			t.Errorf("chosen options %s, want one (a replaced poll answer keeps one)", c)
		}
	}
	// Every stored answer is projected: each answer's participant is named
	// by an outbox row of its activity, and a batch writes one row per
	// activity (not one per answer).
	named := map[[2]string]bool{}
	var outbox []struct {
		ActivityID, ParticipantID, ParticipantIDs *string
	}
	if err := f.db.Gorm.Raw("SELECT CAST(activity_id AS text) AS activity_id, CAST(participant_id AS text) AS participant_id, participant_ids FROM outbox WHERE topic = 'response'").Scan(&outbox).Error; err != nil {
		t.Fatal(err)
	}
	for _, r := range outbox {
		if r.ActivityID == nil {
			continue
		}
		if r.ParticipantID != nil {
			named[[2]string{*r.ActivityID, *r.ParticipantID}] = true
		}
		if r.ParticipantIDs != nil {
			for _, id := range strings.Split(*r.ParticipantIDs, ",") {
				named[[2]string{*r.ActivityID, id}] = true
			}
		}
	}
	var answered []struct{ ActivityID, ParticipantID string }
	if err := f.db.Gorm.Raw("SELECT DISTINCT CAST(activity_id AS text) AS activity_id, CAST(participant_id AS text) AS participant_id FROM responses").Scan(&answered).Error; err != nil {
		t.Fatal(err)
	}
	for _, a := range answered {
		if !named[[2]string{a.ActivityID, a.ParticipantID}] {
			t.Errorf("participant %s's answer to %s is in no outbox row", a.ParticipantID, a.ActivityID)
		}
	}
	if len(outbox) >= len(answered) {
		t.Errorf("%d outbox rows for %d answers: a batch should write one per activity", len(outbox), len(answered))
	}
}

func TestSubmitResponse_BatchCancelledBeforeWritingStoresNothing(t *testing.T) {
	t.Parallel()
	f := newAnswerFixture(t, 1)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := f.h.Handle(ctx, commands.SubmitResponse{SessionID: f.sessionID, ActivityID: f.poll, Token: f.tokens[0], OptionIDs: []string{f.pollA}})
	if err == nil {
		t.Fatal("a cancelled request was stored")
	}
	if n := writemodeltest.Count(t, f.db, "responses"); n != 0 {
		t.Errorf("%d responses stored", n)
	}
}

func TestSubmitResponse_BatchValidationErrorStoresNothing(t *testing.T) {
	t.Parallel()
	f := newAnswerFixture(t, 1)
	// No option chosen: "choose at least one option".
	_, err := f.h.Handle(context.Background(), commands.SubmitResponse{SessionID: f.sessionID, ActivityID: f.poll, Token: f.tokens[0], OptionIDs: []string{}})
	if caja.KindOf(err) != caja.Invalid {
		t.Fatalf("error %v, want invalid", err)
	}
	for _, table := range []string{"responses", "outbox"} {
		if n := writemodeltest.Count(t, f.db, table); n != 0 {
			t.Errorf("%d rows in %s", n, table)
		}
	}
}

// TestSubmitResponse_BatchManyWaitersSmallBatches drives the lead hand-over hard:
// far more answers than a batch holds, few leaders, some callers giving up.
// Every answer that was not given up is stored exactly once, and nothing
// hangs.
func TestSubmitResponse_BatchManyWaitersSmallBatches(t *testing.T) {
	t.Parallel()
	const people = 300
	f := newAnswerFixture(t, people)
	f.h = commands.NewSubmitResponseHandler(f.store, commands.GroupCommitConfig{MaxBatch: 2, Lanes: 8})
	ok := make([]bool, people)
	var wg sync.WaitGroup
	for i, tok := range f.tokens {
		wg.Add(1)
		go func() {
			defer wg.Done()
			ctx := context.Background()
			if i%10 == 0 { // a phone that gives up almost at once
				var cancel context.CancelFunc
				ctx, cancel = context.WithTimeout(ctx, time.Millisecond)
				defer cancel()
			}
			_, err := f.h.Handle(ctx, commands.SubmitResponse{SessionID: f.sessionID, ActivityID: f.poll, Token: tok, OptionIDs: []string{f.pollA}})
			ok[i] = err == nil
		}()
	}
	finished := make(chan struct{})
	go func() { wg.Wait(); close(finished) }()
	select {
	case <-finished:
	case <-time.After(60 * time.Second):
		t.Fatal("answers still waiting after a minute: the lead was lost")
	}
	acknowledged := 0
	for _, o := range ok {
		if o {
			acknowledged++
		}
	}
	if acknowledged < people*8/10 {
		t.Errorf("only %d of %d answers stored", acknowledged, people)
	}
	// A given-up answer may still have been written (it was in a batch
	// already); an acknowledged one must be.
	if n := writemodeltest.Count(t, f.db, "responses"); n < int64(acknowledged) || n > people {
		t.Errorf("%d responses for %d acknowledged answers", n, acknowledged)
	}
}
