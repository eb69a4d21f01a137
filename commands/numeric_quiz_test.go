package commands_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/cajalive/caja"
	"github.com/cajalive/caja/commands"
	"github.com/cajalive/caja/writemodel"
)

// TestSubmitResponse_NumericQuizScoresOnce: on both dialects, a numeric
// quiz's answer within the tolerance is right and earns points timed by the
// server, a wrong one earns none, the first answer stands; once revealed
// it cannot open again, while a plain numeric answer may change.
func TestSubmitResponse_NumericQuizScoresOnce(t *testing.T) {
	t.Parallel()
	onBothDialects(t, func(t *testing.T, store *writemodel.Store, h commands.Handlers) {
		ctx := context.Background()
		s := createSession(t, h)
		create := func(settings string) *caja.Activity {
			t.Helper()
			a, err := h.CreateActivity.Handle(ctx, commands.CreateActivity{SessionID: s.ID, AdminToken: s.AdminToken, Type: "numeric", Title: "?", Settings: json.RawMessage(settings)})
			if err != nil {
				t.Fatal(err)
			}
			if _, err := h.UpdateActivity.Handle(ctx, commands.UpdateActivity{SessionID: s.ID, ActivityID: a.ID, AdminToken: s.AdminToken, Status: ptr("open")}); err != nil {
				t.Fatal(err)
			}
			return a
		}
		quiz := create(`{"min":0,"max":1,"correct":{"value":0.3,"tolerance":0},"points":500}`)
		plain := create(`{"min":0,"max":1}`)
		if !strings.Contains(string(quiz.Settings), `"time_limit_s":20`) {
			t.Errorf("quiz settings %s lack the default time limit", quiz.Settings)
		}
		answer := func(aid, token string, v float64) error {
			_, err := h.SubmitResponse.Handle(ctx, commands.SubmitResponse{SessionID: s.ID, ActivityID: aid, Token: token, Value: &v})
			return err
		}
		right, err := h.JoinSession.Handle(ctx, commands.JoinSession{SessionID: s.ID, Nickname: "right"})
		if err != nil {
			t.Fatal(err)
		}
		wrong, err := h.JoinSession.Handle(ctx, commands.JoinSession{SessionID: s.ID, Nickname: "wrong"})
		if err != nil {
			t.Fatal(err)
		}
		if err := answer(quiz.ID, right.Token, 0.1+0.2); err != nil { // 0.30000000000000004
			t.Fatal(err)
		}
		if err := answer(quiz.ID, right.Token, 0.9); caja.KindOf(err) != caja.Conflict {
			t.Errorf("a second quiz answer: %v, want a conflict", err)
		}
		if err := answer(quiz.ID, wrong.Token, 0.31); err != nil {
			t.Fatal(err)
		}
		for _, v := range []float64{0.5, 0.7} {
			if err := answer(plain.ID, right.Token, v); err != nil {
				t.Errorf("plain numeric answer %g: %v", v, err)
			}
		}
		var rows []struct {
			ParticipantID string
			Correct       *bool
			Points        int
			NumberValue   float64
		}
		if err := store.DB().Gorm.Raw("SELECT participant_id, correct, points, number_value FROM responses WHERE activity_id = ?", quiz.ID).Scan(&rows).Error; err != nil {
			t.Fatal(err)
		}
		got := map[string]int{}
		for _, r := range rows {
			if r.Correct == nil {
				t.Fatalf("a numeric quiz answer without correct: %+v", r)
			}
			got[r.ParticipantID] = r.Points
			if (r.ParticipantID == right.ID) != *r.Correct {
				t.Errorf("answer %+v: correct %v", r, *r.Correct)
			}
		}
		if len(rows) != 2 || got[right.ID] < 250 || got[right.ID] > 500 || got[wrong.ID] != 0 {
			t.Errorf("scores %v of %d answers", got, len(rows))
		}
		var plainValue float64
		if err := store.DB().Gorm.Raw("SELECT number_value FROM responses WHERE activity_id = ?", plain.ID).Scan(&plainValue).Error; err != nil || plainValue != 0.7 {
			t.Errorf("the plain answer is %v (%v), want the changed 0.7", plainValue, err)
		}

		for _, change := range []commands.UpdateActivity{{Status: ptr("closed")}, {ResultsVisible: ptr(true)}} {
			change.SessionID, change.ActivityID, change.AdminToken = s.ID, quiz.ID, s.AdminToken
			if _, err := h.UpdateActivity.Handle(ctx, change); err != nil {
				t.Fatal(err)
			}
		}
		_, err = h.UpdateActivity.Handle(ctx, commands.UpdateActivity{SessionID: s.ID, ActivityID: quiz.ID, AdminToken: s.AdminToken, Status: ptr("open")})
		if caja.KindOf(err) != caja.Conflict {
			t.Errorf("reopening a revealed numeric quiz: %v, want a conflict", err)
		}
	})
}
