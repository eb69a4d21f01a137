package commands_test

import (
	"context"
	"fmt"
	"sync"
	"testing"

	"github.com/cajalive/caja"
	"github.com/cajalive/caja/commands"
	"github.com/cajalive/caja/writemodel/writemodeltest"
)

func TestAskQuestion_CapsHoldUnderConcurrency(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name                   string
		maxQuestions, maxEach  int
		participants, attempts int
		wantStored, wantEach   int
		detail                 string
	}{
		{name: "activity cap", maxQuestions: 12, maxEach: 10, participants: 8, attempts: 4, wantStored: 12, wantEach: 4, detail: "this Q&A has reached its 12 questions"},
		{name: "participant cap", maxQuestions: 2000, maxEach: 3, participants: 4, attempts: 6, wantStored: 12, wantEach: 3, detail: "you have asked the 3 questions a participant may ask here"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			ctx := context.Background()
			store := writemodeltest.NewStore(t)
			h := commands.NewHandlersWith(store, caja.NewPresenter("https://caja.test"),
				commands.Config{QnAMaxQuestions: tt.maxQuestions, QnAMaxPerParticipant: tt.maxEach})
			s := createSession(t, h)
			qna := openActivity(t, h, s, "qna")
			tokens := make([]string, tt.participants)
			for i := range tokens {
				p, err := h.JoinSession.Handle(ctx, commands.JoinSession{SessionID: s.ID, Nickname: fmt.Sprintf("p%d", i)})
				if err != nil {
					t.Fatal(err)
				}
				tokens[i] = p.Token
			}
			var wg sync.WaitGroup
			var mu sync.Mutex
			accepted := map[string]int{}
			var refusals []error
			for _, tok := range tokens {
				for j := 0; j < tt.attempts; j++ {
					wg.Add(1)
					go func() {
						defer wg.Done()
						_, err := h.AskQuestion.Handle(ctx, commands.AskQuestion{SessionID: s.ID, ActivityID: qna.ID, Token: tok, Text: "Why?"})
						mu.Lock()
						defer mu.Unlock()
						if err != nil {
							refusals = append(refusals, err)
							return
						}
						accepted[tok]++
					}()
				}
			}
			wg.Wait()
			var stored int64
			if err := store.DB().Gorm.Table("questions").Where("activity_id = ?", qna.ID).Count(&stored).Error; err != nil {
				t.Fatal(err)
			}
			if stored != int64(tt.wantStored) {
				t.Errorf("stored %d questions, want exactly %d", stored, tt.wantStored)
			}
			total := 0
			for tok, n := range accepted {
				total += n
				if n > tt.wantEach {
					t.Errorf("participant %s… got %d questions accepted, want at most %d", tok[:6], n, tt.wantEach)
				}
			}
			if total != tt.wantStored {
				t.Errorf("%d questions acknowledged, %d stored", total, tt.wantStored)
			}
			if len(refusals) == 0 {
				t.Fatal("nothing was refused")
			}
			for _, err := range refusals {
				conflict(t, err, tt.detail)
			}
		})
	}
}

// openActivity creates an activity of a type without options and opens it.
func openActivity(t *testing.T, h commands.Handlers, s *commands.SessionCreated, typ string) *caja.Activity {
	t.Helper()
	ctx := context.Background()
	a, err := h.CreateActivity.Handle(ctx, commands.CreateActivity{SessionID: s.ID, AdminToken: s.AdminToken, Type: typ, Title: "Ask us"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := h.UpdateActivity.Handle(ctx, commands.UpdateActivity{SessionID: s.ID, ActivityID: a.ID, AdminToken: s.AdminToken, Status: ptr("open")}); err != nil {
		t.Fatal(err)
	}
	return a
}
