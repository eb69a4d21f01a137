package readmodel_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/cajalive/caja"
	"github.com/cajalive/caja/commands"
	"github.com/cajalive/caja/readmodel"
	"github.com/cajalive/caja/readmodel/readmodeltest"
	"github.com/cajalive/caja/writemodel"
	"github.com/cajalive/caja/writemodel/writemodeltest"
)

type fixture struct {
	store     *writemodel.Store
	redis     *readmodel.Redis
	projector *readmodel.Projector
	cmd       commands.Handlers
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	return newFixtureTB(t)
}

func newFixtureTB(t testing.TB) *fixture {
	t.Helper()
	store := writemodeltest.NewStore(t)
	r := readmodeltest.NewRedis(t)
	f := &fixture{store: store, redis: r, cmd: commands.NewHandlers(store, testPresenter)}
	cfg := readmodel.DefaultProjectorConfig()
	cfg.Fallback = 100 * time.Millisecond
	cfg.MetaCheck = 100 * time.Millisecond
	f.projector = f.newProjector(cfg)
	return f
}

var testPresenter = caja.NewPresenter("https://caja.test")

// newProjector is a projector on the fixture's store and Redis.
func (f *fixture) newProjector(cfg readmodel.ProjectorConfig) *readmodel.Projector {
	return readmodel.NewProjector(f.store, f.redis, readmodel.NewRenderer(testPresenter), slog.New(slog.DiscardHandler), nil, cfg)
}

// run runs the projector until the test ends.
func (f *fixture) run(t *testing.T) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	wg.Add(1)
	go func() { defer wg.Done(); _ = f.projector.Run(ctx) }()
	t.Cleanup(func() { cancel(); wg.Wait() })
}

func (f *fixture) hash(t *testing.T, id string) map[string]string {
	t.Helper()
	m, err := f.redis.Client.HGetAll(context.Background(), f.redis.Keys.Session(id)).Result()
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// session creates the "Town hall" session through its command.
func (f *fixture) session(t *testing.T) *commands.SessionCreated {
	t.Helper()
	s, err := f.cmd.CreateSession.Handle(context.Background(), commands.CreateSession{Name: "Town hall", AdminID: "ana"})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func (f *fixture) drain(t *testing.T) {
	t.Helper()
	if err := f.projector.Drain(context.Background()); err != nil {
		t.Fatalf("drain: %v", err)
	}
}

// eventually polls cond until it holds or the deadline passes.
// eventually waits for cond. The bound is a test's expectation times
// eventuallySlack: speeds are measured by benchmarks, and a test on a
// loaded 2-core machine (the whole suite at once under -race) must not fail
// for being slow; a condition that holds returns at once whatever the bound.
func eventually(t *testing.T, within time.Duration, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(within * eventuallySlack)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("%s: not within %s", what, within*eventuallySlack)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// eventuallySlack multiplies every eventually bound.
const eventuallySlack = 3

func ptr[T any](v T) *T { return &v }

func TestProjector_WritesSessionHash(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	ctx := context.Background()
	s := f.session(t)
	f.drain(t)

	h := f.hash(t, s.ID)
	want := map[string]string{"name": "Town hall", "status": "draft", "join_code": s.JoinCode, "current_activity_id": "", "participant_count": "0"}
	for k, v := range want {
		if h[k] != v {
			t.Errorf("field %s = %q, want %q", k, h[k], v)
		}
	}
	for _, k := range []string{"etag", "updated_at", "session_json", "participant_json", "display_json", "admin_json", "display_etag", "admin_etag"} {
		if h[k] == "" {
			t.Errorf("field %s is missing", k)
		}
	}
	if id, _ := f.redis.Client.Get(ctx, f.redis.Keys.Join(s.JoinCode)).Result(); id != s.ID {
		t.Errorf("join key points to %q, want %q", id, s.ID)
	}
	if n, _ := f.store.OutboxBacklog(ctx); n != 0 {
		t.Errorf("outbox backlog after drain = %d, want 0", n)
	}
}

func TestProjector_ETagChangesOnlyWithBytes(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	ctx := context.Background()
	s := f.session(t)
	f.drain(t)
	before := f.hash(t, s.ID)

	// Re-projecting unchanged rows must not change the ETag nor updated_at.
	if err := f.projector.ProjectSessions(ctx, []string{s.ID}); err != nil {
		t.Fatal(err)
	}
	again := f.hash(t, s.ID)
	if again["etag"] != before["etag"] || again["updated_at"] != before["updated_at"] {
		t.Errorf("re-projection changed etag/updated_at: %q→%q, %q→%q", before["etag"], again["etag"], before["updated_at"], again["updated_at"])
	}

	if _, err := f.cmd.UpdateSession.Handle(ctx, commands.UpdateSession{SessionID: s.ID, AdminToken: s.AdminToken, Status: ptr("active")}); err != nil {
		t.Fatal(err)
	}
	f.drain(t)
	after := f.hash(t, s.ID)
	if after["etag"] == before["etag"] || after["status"] != "active" {
		t.Errorf("after a change: etag %q (was %q), status %q", after["etag"], before["etag"], after["status"])
	}
	if after["updated_at"] <= before["updated_at"] {
		t.Errorf("updated_at did not move: %q → %q", before["updated_at"], after["updated_at"])
	}
}

func TestProjector_CompletedSessionReleasesJoinCode(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	ctx := context.Background()
	s := f.session(t)
	if _, err := f.cmd.UpdateSession.Handle(ctx, commands.UpdateSession{SessionID: s.ID, AdminToken: s.AdminToken, Status: ptr("completed")}); err != nil {
		t.Fatal(err)
	}
	f.drain(t)
	if n, _ := f.redis.Client.Exists(ctx, f.redis.Keys.Join(s.JoinCode)).Result(); n != 0 {
		t.Error("a completed session still holds its join code")
	}
	if f.hash(t, s.ID)["status"] != "completed" {
		t.Error("completed session not projected")
	}
}

func TestProjector_RebuildsAfterFlush(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	f.run(t)
	ctx := context.Background()
	s := f.session(t)
	eventually(t, 2*time.Second, "session projected", func() bool { return f.hash(t, s.ID)["etag"] != "" })

	readmodeltest.DeletePrefix(t, f.redis) // this test's FLUSHALL
	// The flush is noticed by the next check of caja:meta, then the whole
	// read model is rebuilt: on a loaded machine that takes seconds.
	eventually(t, 10*time.Second, "session re-projected after flush", func() bool {
		return f.hash(t, s.ID)["etag"] != "" && f.redis.Client.Get(ctx, f.redis.Keys.Join(s.JoinCode)).Val() == s.ID
	})
}

func TestProjector_RepairsOnRequest(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	f.run(t)
	ctx := context.Background()
	s := f.session(t)
	eventually(t, 2*time.Second, "session projected", func() bool { return f.hash(t, s.ID)["etag"] != "" })
	reader := readmodel.NewReader(f.redis)

	// One evicted hash (the marker stays, so no full rebuild happens).
	f.redis.Client.Del(ctx, f.redis.Keys.Session(s.ID))
	if err := reader.AwaitRepair(ctx, s.ID); err != nil {
		t.Fatalf("repair of a known session: %v", err)
	}
	if f.hash(t, s.ID)["name"] != "Town hall" {
		t.Error("session not re-projected")
	}

	// An id Postgres does not know is marked absent: NotFound, quickly.
	if err := reader.AwaitRepair(ctx, "00000000-0000-4000-8000-000000000042"); err == nil {
		t.Fatal("repair of an unknown session must fail")
	}
	if n, _ := f.redis.Client.Exists(ctx, f.redis.Keys.Absent("00000000-0000-4000-8000-000000000042")).Result(); n != 1 {
		t.Error("unknown session not marked absent")
	}
}

func TestProjector_PacesDrainsDuringABurst(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	cfg := readmodel.DefaultProjectorConfig()
	cfg.Pace = 500 * time.Millisecond
	f.projector = f.newProjector(cfg)
	ctx := context.Background()
	s := f.session(t)
	f.run(t)
	eventually(t, 5*time.Second, "session projected", func() bool { return f.hash(t, s.ID)["participant_json"] != "" })

	// The first commit after a quiet spell is projected at once.
	began := time.Now()
	rename := func(name string) {
		t.Helper()
		if _, err := f.cmd.UpdateSession.Handle(ctx, commands.UpdateSession{SessionID: s.ID, AdminToken: s.AdminToken, Name: &name}); err != nil {
			t.Fatal(err)
		}
	}
	time.Sleep(cfg.Pace)
	rename("first")
	eventually(t, 5*time.Second, "first rename projected", func() bool { return strings.Contains(f.hash(t, s.ID)["participant_json"], `"first"`) })
	if waited := time.Since(began) - cfg.Pace; waited >= cfg.Pace {
		t.Errorf("a lone commit waited %s for its projection; the pace is %s", waited, cfg.Pace)
	}

	// Thirty commits in a row, each waking the projector: a handful of
	// drains take them all, and the last one is projected.
	before := f.projector.Renders()
	burst := time.Now()
	for i := range 30 {
		rename("burst " + strconv.Itoa(i))
	}
	// One drain per pace while the commits came, and a couple after.
	most := 3 + int64(time.Since(burst)/cfg.Pace)
	eventually(t, 5*time.Second, "last rename projected", func() bool { return strings.Contains(f.hash(t, s.ID)["participant_json"], `"burst 29"`) })
	if n := f.projector.Renders() - before; n > most {
		t.Errorf("%d renders for 30 commits in a row; want at most %d", n, most)
	}
}

func TestProjector_CoalescesBursts(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	ctx := context.Background()
	s, err := f.cmd.CreateSession.Handle(ctx, commands.CreateSession{Name: "Burst", AdminID: "ana"})
	if err != nil {
		t.Fatal(err)
	}
	a, err := f.cmd.CreateActivity.Handle(ctx, commands.CreateActivity{SessionID: s.ID, AdminToken: s.AdminToken, Type: "poll", Title: "?", Options: []commands.OptionInput{{Label: "a"}, {Label: "b"}}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.cmd.UpdateActivity.Handle(ctx, commands.UpdateActivity{SessionID: s.ID, ActivityID: a.ID, AdminToken: s.AdminToken, Status: ptr("open")}); err != nil {
		t.Fatal(err)
	}
	f.drain(t)
	const answers = 1500
	var wg sync.WaitGroup
	sem := make(chan struct{}, 16)
	for i := 0; i < answers; i++ {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			p, err := f.cmd.JoinSession.Handle(ctx, commands.JoinSession{SessionID: s.ID, Nickname: "p" + strconv.Itoa(i)})
			if err != nil {
				t.Error(err)
				return
			}
			if _, err := f.cmd.SubmitResponse.Handle(ctx, commands.SubmitResponse{SessionID: s.ID, ActivityID: a.ID, Token: p.Token, OptionIDs: []string{a.Options[i%2].ID}}); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	before := f.projector.Renders()
	f.drain(t)
	// 3,000 outbox rows (joins and answers) in batches of 1,000: three
	// renders of the session, not 3,000.
	if n := f.projector.Renders() - before; n > 3 {
		t.Errorf("%d renders for a burst of %d answers", n, answers)
	}
	participant := f.hash(t, s.ID)["participant_json"]
	if !strings.Contains(participant, `"participant_count":1500`) {
		t.Errorf("participant view after the burst: %s", participant)
	}
	var totals struct {
		Options []struct{ Count int } `json:"options"`
	}
	res, _ := f.redis.Client.HGet(ctx, f.redis.Keys.Activity(s.ID, a.ID), "results_json").Result()
	if err := json.Unmarshal([]byte(res), &totals); err != nil || totals.Options[0].Count != 750 || totals.Options[1].Count != 750 {
		t.Errorf("results after the burst: %s", res)
	}
}

// TestProjector_IncrementalEqualsFull: batch after batch the projector
// re-reads only what each batch's changes can touch. Whatever the mix of
// changes, the read model must end exactly as a fresh projection of
// everything from Postgres.
func TestProjector_IncrementalEqualsFull(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	ctx := context.Background()
	must := func(_ any, err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	s, err := f.cmd.CreateSession.Handle(ctx, commands.CreateSession{Name: "Town hall", AdminID: "ana"})
	must(s, err)
	admin := s.AdminToken
	poll, err := f.cmd.CreateActivity.Handle(ctx, commands.CreateActivity{SessionID: s.ID, AdminToken: admin, Type: "poll", Title: "Lunch?", Options: []commands.OptionInput{{Label: "yes"}, {Label: "no"}}})
	must(poll, err)
	quiz, err := f.cmd.CreateActivity.Handle(ctx, commands.CreateActivity{SessionID: s.ID, AdminToken: admin, Type: "quiz", Title: "2+2?", Options: []commands.OptionInput{{Label: "4", Correct: true}, {Label: "5"}}})
	must(quiz, err)
	qna, err := f.cmd.CreateActivity.Handle(ctx, commands.CreateActivity{SessionID: s.ID, AdminToken: admin, Type: "qna", Title: "Ask"})
	must(qna, err)
	f.drain(t)
	var people []*commands.Joined
	for _, nick := range []string{"ana", "bo", "cy"} {
		p, err := f.cmd.JoinSession.Handle(ctx, commands.JoinSession{SessionID: s.ID, Nickname: nick})
		must(p, err)
		people = append(people, p)
	}
	f.drain(t)
	open := func(aid string) {
		t.Helper()
		must(f.cmd.UpdateActivity.Handle(ctx, commands.UpdateActivity{SessionID: s.ID, ActivityID: aid, AdminToken: admin, Status: ptr("open")}))
	}
	present := func(aid string) {
		t.Helper()
		must(f.cmd.UpdateSession.Handle(ctx, commands.UpdateSession{SessionID: s.ID, AdminToken: admin, CurrentActivityID: commands.Optional[string]{Set: true, Value: ptr(aid)}}))
	}
	answer := func(p *commands.Joined, aid, option string) {
		t.Helper()
		must(f.cmd.SubmitResponse.Handle(ctx, commands.SubmitResponse{SessionID: s.ID, ActivityID: aid, Token: p.Token, OptionIDs: []string{option}}))
	}
	steps := []func(){
		func() { open(poll.ID); present(poll.ID) },
		func() { answer(people[0], poll.ID, poll.Options[0].ID); answer(people[1], poll.ID, poll.Options[1].ID) },
		func() {
			must(f.cmd.UpdateSession.Handle(ctx, commands.UpdateSession{SessionID: s.ID, AdminToken: admin, Name: ptr("Town hall, day 2")}))
			answer(people[2], poll.ID, poll.Options[0].ID)
		},
		func() { open(quiz.ID); present(quiz.ID); answer(people[0], quiz.ID, quiz.Options[0].ID) },
		func() { answer(people[1], quiz.ID, quiz.Options[1].ID); answer(people[0], poll.ID, poll.Options[1].ID) },
		func() {
			must(f.cmd.UpdateActivity.Handle(ctx, commands.UpdateActivity{SessionID: s.ID, ActivityID: quiz.ID, AdminToken: admin, ResultsVisible: ptr(true)}))
		},
		func() { answer(people[2], quiz.ID, quiz.Options[0].ID) }, // a revealed quiz still open: scores move
		func() {
			must(nil, f.cmd.KickParticipant.Handle(ctx, commands.KickParticipant{SessionID: s.ID, ParticipantID: people[1].ID, AdminToken: admin}))
		},
		func() { open(qna.ID); present(qna.ID) },
		func() {
			q, err := f.cmd.AskQuestion.Handle(ctx, commands.AskQuestion{SessionID: s.ID, ActivityID: qna.ID, Token: people[0].Token, Text: "Why?"})
			must(q, err)
		},
		func() { present(poll.ID) }, // back to a result that was computed earlier
		func() {
			p, err := f.cmd.JoinSession.Handle(ctx, commands.JoinSession{SessionID: s.ID, Nickname: "di"})
			must(p, err)
			answer(p, poll.ID, poll.Options[1].ID)
		},
		func() { answer(people[2], poll.ID, poll.Options[1].ID) },
		// A participant whose row the projector has read for an answer,
		// kicked with no full re-render after it: read again, not reused.
		func() {
			must(nil, f.cmd.KickParticipant.Handle(ctx, commands.KickParticipant{SessionID: s.ID, ParticipantID: people[2].ID, AdminToken: admin}))
		},
	}
	for _, step := range steps {
		step()
		f.drain(t)
	}

	incremental := f.documents(t, s.ID)
	readmodeltest.DeletePrefix(t, f.redis)
	fresh := f.newProjector(readmodel.DefaultProjectorConfig())
	if err := fresh.ProjectSessions(ctx, []string{s.ID}); err != nil {
		t.Fatal(err)
	}
	full := f.documents(t, s.ID)
	for k, v := range full {
		if incremental[k] != v {
			t.Errorf("%s differs:\n incremental %.300s\n full        %.300s", k, incremental[k], v)
		}
	}
	if len(incremental) != len(full) {
		t.Errorf("%d documents incrementally, %d fully", len(incremental), len(full))
	}
}

// documents reads every key of a session (but the timestamps of writing).
func (f *fixture) documents(t *testing.T, sessionID string) map[string]string {
	t.Helper()
	ctx := context.Background()
	out := map[string]string{}
	keys, err := f.redis.Client.Keys(ctx, f.redis.Keys.Session(sessionID)+"*").Result()
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range keys {
		switch typ, _ := f.redis.Client.Type(ctx, k).Result(); typ {
		case "hash":
			m, err := f.redis.Client.HGetAll(ctx, k).Result()
			if err != nil {
				t.Fatal(err)
			}
			for field, v := range m {
				if field != "projected_at" && field != "updated_at" {
					out[k+" "+field] = v
				}
			}
		case "zset":
			zs, err := f.redis.Client.ZRangeWithScores(ctx, k, 0, -1).Result()
			if err != nil {
				t.Fatal(err)
			}
			out[k] = fmt.Sprint(zs)
		}
	}
	return out
}

// TestReader_ViewCacheIsBriefAndBounded: polls of one view within
// ViewCacheTTL share what Redis said; after it, Redis is asked again (a
// flushed session is noticed).
func TestReader_ViewCacheIsBriefAndBounded(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	ctx := context.Background()
	s := f.session(t)
	f.drain(t)
	// Far longer than the default, so that a loaded machine (the prefix's
	// deletion scans a shared Redis) cannot miss the window.
	const ttl = 5 * time.Second
	r := readmodel.NewReader(f.redis).WithViewCacheTTL(ttl)
	tag, err := r.ViewTag(ctx, s.ID, caja.ViewParticipant)
	read := time.Now() // the cached entry is no younger than this
	if err != nil || tag.ETag == "" {
		t.Fatalf("tag: %v %+v", err, tag)
	}
	readmodeltest.DeletePrefix(t, f.redis)
	if again, err := r.ViewTag(ctx, s.ID, caja.ViewParticipant); err != nil || again != tag {
		t.Errorf("within the cache window: %+v %v, want the tag read just before", again, err)
	}
	time.Sleep(time.Until(read.Add(ttl)))
	if _, err := r.ViewTag(ctx, s.ID, caja.ViewParticipant); !errors.Is(err, readmodel.ErrMissing) {
		t.Errorf("after the cache window: %v, want ErrMissing", err)
	}
}
