package commands_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/cajalive/caja"
	"github.com/cajalive/caja/commands"
	"github.com/cajalive/caja/writemodel"
	"github.com/cajalive/caja/writemodel/writemodeltest"
)

// openQuiz creates a session with an open quiz (right answer: the second
// option) and one participant.
func openQuiz(t *testing.T, h commands.Handlers) (*commands.SessionCreated, *caja.Activity, *commands.Joined) {
	t.Helper()
	ctx := context.Background()
	s := createSession(t, h)
	quiz, err := h.CreateActivity.Handle(ctx, commands.CreateActivity{SessionID: s.ID, AdminToken: s.AdminToken, Type: "quiz", Title: "2+2",
		Options: []commands.OptionInput{{Label: "3"}, {Label: "4", Correct: true}}, Settings: json.RawMessage(`{"time_limit_s":20}`)})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := h.UpdateActivity.Handle(ctx, commands.UpdateActivity{SessionID: s.ID, ActivityID: quiz.ID, AdminToken: s.AdminToken, Status: ptr("open")}); err != nil {
		t.Fatal(err)
	}
	p, err := h.JoinSession.Handle(ctx, commands.JoinSession{SessionID: s.ID, Nickname: "ana"})
	if err != nil {
		t.Fatal(err)
	}
	return s, quiz, p
}

func activityRow(t *testing.T, store *writemodel.Store, id string) writemodel.Activity {
	t.Helper()
	var a writemodel.Activity
	if err := store.DB().Gorm.Where("id = ?", id).Take(&a).Error; err != nil {
		t.Fatal(err)
	}
	return a
}

// conflict fails unless err is a Conflict whose message contains detail.
func conflict(t *testing.T, err error, detail string) {
	t.Helper()
	e, ok := caja.AsError(err)
	if !ok || e.Kind != caja.Conflict || !strings.Contains(e.Message, detail) {
		t.Fatalf("got %v, want a conflict saying %q", err, detail)
	}
}

func TestUpdateActivity_OpeningSetsTheDeadline(t *testing.T) {
	t.Parallel()
	h, store := newHandlers(t)
	before := time.Now()
	_, quiz, _ := openQuiz(t, h)
	a := activityRow(t, store, quiz.ID)
	if a.ClosesAt == nil || a.OpenedAt == nil || !a.ClosesAt.Equal(a.OpenedAt.Add(20*time.Second)) || a.OpenedAt.Before(before.Add(-time.Second)) {
		t.Fatalf("opened_at %v, closes_at %v: want closes_at = opened_at + 20 s", a.OpenedAt, a.ClosesAt)
	}
}

func TestUpdateActivity_RevealedQuizCannotReopen(t *testing.T) {
	t.Parallel()
	h, store := newHandlers(t)
	ctx := context.Background()
	tests := []struct {
		name    string
		typ     string
		reveal  bool // revealed before the reopen
		patch   commands.UpdateActivity
		refused bool
		hide    bool // and hidden again before the reopen
	}{
		{"RevealedQuiz", "quiz", true, commands.UpdateActivity{Status: ptr("open")}, true, false},
		{"RevealedByTheSamePatch", "quiz", false, commands.UpdateActivity{Status: ptr("open"), ResultsVisible: ptr(true)}, true, false},
		{"QuizNotRevealed", "quiz", false, commands.UpdateActivity{Status: ptr("open")}, false, false},
		{"RevealedPoll", "poll", true, commands.UpdateActivity{Status: ptr("open")}, false, false},
		{"RevealedThenHidden", "quiz", true, commands.UpdateActivity{Status: ptr("open")}, true, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := createSession(t, h)
			opts := []commands.OptionInput{{Label: "a"}, {Label: "b", Correct: tt.typ == "quiz"}}
			act, err := h.CreateActivity.Handle(ctx, commands.CreateActivity{SessionID: s.ID, AdminToken: s.AdminToken, Type: tt.typ, Title: "Q", Options: opts})
			if err != nil {
				t.Fatal(err)
			}
			upd := func(c commands.UpdateActivity) error {
				c.SessionID, c.ActivityID, c.AdminToken = s.ID, act.ID, s.AdminToken
				_, err := h.UpdateActivity.Handle(ctx, c)
				return err
			}
			for _, st := range []string{"open", "closed"} {
				if err := upd(commands.UpdateActivity{Status: ptr(st)}); err != nil {
					t.Fatal(err)
				}
			}
			if tt.reveal {
				if err := upd(commands.UpdateActivity{ResultsVisible: ptr(true)}); err != nil {
					t.Fatal(err)
				}
			}
			if tt.hide {
				if err := upd(commands.UpdateActivity{ResultsVisible: ptr(false)}); err != nil {
					t.Fatal(err)
				}
			}
			before := activityRow(t, store, act.ID)
			err = upd(tt.patch)
			after := activityRow(t, store, act.ID)
			if !tt.refused {
				if err != nil || after.Status != "open" {
					t.Fatalf("reopen: %v, status %s", err, after.Status)
				}
				return
			}
			conflict(t, err, "a quiz whose answers were revealed cannot be reopened")
			if after.Status != "closed" || after.ResultsVisible != before.ResultsVisible || !after.OpenedAt.Equal(*before.OpenedAt) {
				t.Errorf("a refused reopen changed the quiz: %+v → %+v", before, after)
			}
		})
	}
}

// setDeadline moves an activity's deadline (and status) as the clock would.
func setDeadline(t *testing.T, store *writemodel.Store, id, status string, closesAt *time.Time) {
	t.Helper()
	if err := store.DB().Gorm.Exec("UPDATE activities SET status = ?, closes_at = ? WHERE id = ?", status, closesAt, id).Error; err != nil {
		t.Fatal(err)
	}
}

func TestCloseDueActivities_ClosesOnlyDueOnes(t *testing.T) {
	t.Parallel()
	onBothDialects(t, func(t *testing.T, store *writemodel.Store, h commands.Handlers) {
		ctx := context.Background()
		s, due, _ := openQuiz(t, h)
		later, err := h.CreateActivity.Handle(ctx, commands.CreateActivity{SessionID: s.ID, AdminToken: s.AdminToken, Type: "quiz", Title: "later",
			Options: []commands.OptionInput{{Label: "a"}, {Label: "b", Correct: true}}})
		if err != nil {
			t.Fatal(err)
		}
		poll, err := h.CreateActivity.Handle(ctx, commands.CreateActivity{SessionID: s.ID, AdminToken: s.AdminToken, Type: "poll", Title: "untimed",
			Options: []commands.OptionInput{{Label: "a"}, {Label: "b"}}})
		if err != nil {
			t.Fatal(err)
		}
		for _, id := range []string{later.ID, poll.ID} {
			if _, err := h.UpdateActivity.Handle(ctx, commands.UpdateActivity{SessionID: s.ID, ActivityID: id, AdminToken: s.AdminToken, Status: ptr("open")}); err != nil {
				t.Fatal(err)
			}
		}
		deadline := time.Now().Add(-100 * time.Millisecond).UTC()
		setDeadline(t, store, due.ID, "open", &deadline)
		outbox := writemodeltest.Count(t, store.DB(), "outbox")

		n, err := h.CloseDueActivities.Handle(ctx, commands.CloseDueActivities{Limit: 10})
		if err != nil || n != 1 {
			t.Fatalf("closed %d (%v), want 1", n, err)
		}
		want := map[string]string{due.ID: "closed", later.ID: "open", poll.ID: "open"}
		for id, st := range want {
			if a := activityRow(t, store, id); a.Status != st {
				t.Errorf("activity %s is %s, want %s", a.Title, a.Status, st)
			}
		}
		if a := activityRow(t, store, due.ID); a.ClosesAt == nil || a.ClosesAt.Sub(deadline).Abs() > time.Millisecond {
			t.Errorf("the closed quiz lost its deadline: %v", a.ClosesAt)
		}
		if got := writemodeltest.Count(t, store.DB(), "outbox"); got != outbox+1 {
			t.Errorf("%d outbox rows written, want one for the closed quiz, in its transaction", got-outbox)
		}
		if n, err := h.CloseDueActivities.Handle(ctx, commands.CloseDueActivities{Limit: 10}); err != nil || n != 0 {
			t.Errorf("a second pass closed %d (%v), want 0", n, err)
		}
	})
}

func TestCloseDueActivities_BoundedPass(t *testing.T) {
	t.Parallel()
	h, store := newHandlers(t)
	ctx := context.Background()
	past := time.Now().Add(-time.Second).UTC()
	for range 3 {
		_, quiz, _ := openQuiz(t, h)
		setDeadline(t, store, quiz.ID, "open", &past)
	}
	for _, want := range []int{2, 1, 0} {
		if n, err := h.CloseDueActivities.Handle(ctx, commands.CloseDueActivities{Limit: 2}); err != nil || n != want {
			t.Fatalf("closed %d (%v), want %d", n, err, want)
		}
	}
}

func TestSubmitResponse_Deadline(t *testing.T) {
	t.Parallel()
	onBothDialects(t, func(t *testing.T, store *writemodel.Store, h commands.Handlers) {
		// The deadline is set right before the answer, relative to now: the
		// setup before it may take long on a loaded machine.
		tests := []struct {
			name   string
			status string
			ago    *time.Duration // how long ago the deadline passed; nil: none
			detail string         // "" = stored
		}{
			{"BeforeTheDeadline", "open", ptr(-10 * time.Second), ""},
			{"WithinTheGrace", "open", ptr(100 * time.Millisecond), ""},
			{"WithinTheGraceClosedByTheSweep", "closed", ptr(100 * time.Millisecond), ""},
			{"AfterTheGrace", "open", ptr(1500 * time.Millisecond), "time is up"},
			{"AfterTheGraceClosedByTheSweep", "closed", ptr(1500 * time.Millisecond), "time is up"},
			{"ClosedByTheOrganizer", "closed", nil, "not open for answers"},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				s, quiz, p := openQuiz(t, h)
				var closesAt *time.Time
				if tt.ago != nil {
					at := time.Now().Add(-*tt.ago).UTC()
					closesAt = &at
				}
				setDeadline(t, store, quiz.ID, tt.status, closesAt)
				_, err := h.SubmitResponse.Handle(context.Background(), commands.SubmitResponse{SessionID: s.ID, ActivityID: quiz.ID, Token: p.Token, OptionIDs: []string{quiz.Options[1].ID}})
				stored := writemodeltest.Count(t, store.DB(), "responses WHERE activity_id = '"+quiz.ID+"'")
				if tt.detail == "" {
					if err != nil || stored != 1 {
						t.Fatalf("answer: %v, %d stored; want it stored", err, stored)
					}
					return
				}
				conflict(t, err, tt.detail)
				if stored != 0 {
					t.Errorf("a refused answer was stored")
				}
			})
		}
	})
}

func TestSessionEnded_RefusesParticipantWrites(t *testing.T) {
	t.Parallel()
	h, store := newHandlers(t)
	ctx := context.Background()
	s, quiz, p := openQuiz(t, h)
	qna, err := h.CreateActivity.Handle(ctx, commands.CreateActivity{SessionID: s.ID, AdminToken: s.AdminToken, Type: "qna", Title: "Ask"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := h.UpdateActivity.Handle(ctx, commands.UpdateActivity{SessionID: s.ID, ActivityID: qna.ID, AdminToken: s.AdminToken, Status: ptr("open")}); err != nil {
		t.Fatal(err)
	}
	other, err := h.JoinSession.Handle(ctx, commands.JoinSession{SessionID: s.ID, Nickname: "bo"})
	if err != nil {
		t.Fatal(err)
	}
	q, err := h.AskQuestion.Handle(ctx, commands.AskQuestion{SessionID: s.ID, ActivityID: qna.ID, Token: other.Token, Text: "Why?"})
	if err != nil {
		t.Fatal(err)
	}

	if _, err := h.UpdateSession.Handle(ctx, commands.UpdateSession{SessionID: s.ID, AdminToken: s.AdminToken, Status: ptr("completed")}); err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{quiz.ID, qna.ID} {
		if a := activityRow(t, store, id); a.Status != "closed" || a.ClosesAt != nil {
			t.Errorf("after the end, %s is %s (closes_at %v), want closed", a.Title, a.Status, a.ClosesAt)
		}
	}

	rows := func() int64 {
		return writemodeltest.Count(t, store.DB(), "participants") + writemodeltest.Count(t, store.DB(), "responses") +
			writemodeltest.Count(t, store.DB(), "questions") + writemodeltest.Count(t, store.DB(), "question_upvotes")
	}
	before := rows()
	writes := []struct {
		name string
		do   func() error
	}{
		{"Join", func() error {
			_, err := h.JoinSession.Handle(ctx, commands.JoinSession{SessionID: s.ID, Nickname: "late"})
			return err
		}},
		{"Answer", func() error {
			_, err := h.SubmitResponse.Handle(ctx, commands.SubmitResponse{SessionID: s.ID, ActivityID: quiz.ID, Token: p.Token, OptionIDs: []string{quiz.Options[1].ID}})
			return err
		}},
		{"Question", func() error {
			_, err := h.AskQuestion.Handle(ctx, commands.AskQuestion{SessionID: s.ID, ActivityID: qna.ID, Token: p.Token, Text: "Still there?"})
			return err
		}},
		{"Upvote", func() error {
			return h.UpvoteQuestion.Handle(ctx, commands.UpvoteQuestion{SessionID: s.ID, ActivityID: qna.ID, QuestionID: q.ID, Token: p.Token, Up: true})
		}},
		{"Reopen", func() error {
			_, err := h.UpdateActivity.Handle(ctx, commands.UpdateActivity{SessionID: s.ID, ActivityID: quiz.ID, AdminToken: s.AdminToken, Status: ptr("open")})
			return err
		}},
	}
	for _, w := range writes {
		t.Run(w.name, func(t *testing.T) {
			conflict(t, w.do(), "this session has ended")
		})
	}
	if after := rows(); after != before {
		t.Errorf("refused writes changed %d rows", after-before)
	}
	if a := activityRow(t, store, quiz.ID); a.Status != "closed" {
		t.Errorf("the quiz reopened: %s", a.Status)
	}
}

func TestUpdateSession_OpenOnPresent(t *testing.T) {
	t.Parallel()
	h, store := newHandlers(t)
	ctx := context.Background()
	s := createSession(t, h)
	if !s.OpenOnPresent {
		t.Fatal("open_on_present must default to true")
	}
	out, err := h.UpdateSession.Handle(ctx, commands.UpdateSession{SessionID: s.ID, AdminToken: s.AdminToken, OpenOnPresent: ptr(false)})
	if err != nil || out.OpenOnPresent {
		t.Fatalf("set false: %v %+v", err, out)
	}
	if row, err := store.GetSession(ctx, s.ID); err != nil || row.OpenOnPresent {
		t.Fatalf("stored: %v %+v", err, row)
	}
	dup, err := h.DuplicateSession.Handle(ctx, commands.DuplicateSession{SessionID: s.ID, AdminToken: s.AdminToken})
	if err != nil || dup.OpenOnPresent {
		t.Fatalf("the copy must keep open_on_present false: %v %+v", err, dup)
	}
}
