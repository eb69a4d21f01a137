package commands_test

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/cajalive/caja"
	"github.com/cajalive/caja/commands"
)

// TestJoinSession_NicknamesFollowPRECIS: two nicknames that differ only by
// case, width or spacing are the same nickname; invisible and
// text-direction characters are refused (RFC 8266, the Nickname profile).
func TestJoinSession_NicknamesFollowPRECIS(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, first, second string
		secondKind          caja.Kind // of the second join; 0 = it succeeds
		shown               string    // the second's nickname as stored
	}{
		{"CaseFolded", "Ann", "ANN", caja.Conflict, ""},
		{"FullWidth", "Ann", "Ａｎｎ", caja.Conflict, ""},
		{"Spaces", "Ann Lee", "  Ann   Lee ", caja.Conflict, ""},
		{"NoBreakSpace", "Ann Lee", "Ann\u00a0Lee", caja.Conflict, ""},
		{"ZeroWidthSpace", "Ann", "An\u200bn", caja.Invalid, ""},
		{"RightToLeftOverride", "Ann", "\u202eAnn", caja.Invalid, ""},
		{"WordJoiner", "Ann", "A\u2060nn", caja.Invalid, ""},
		{"OtherName", "Ann", "Zoë", 0, "Zoë"},
		{"Emoji", "Ann", "🎉 Ann", 0, "🎉 Ann"},
		{"WidthNormalised", "Bo", "Ｚｏｅ", 0, "Zoe"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			h, _ := newHandlers(t)
			s := createSession(t, h)
			ctx := context.Background()
			if _, err := h.JoinSession.Handle(ctx, commands.JoinSession{SessionID: s.ID, Nickname: tt.first}); err != nil {
				t.Fatalf("first join %q: %v", tt.first, err)
			}
			got, err := h.JoinSession.Handle(ctx, commands.JoinSession{SessionID: s.ID, Nickname: tt.second})
			if tt.secondKind == 0 {
				if err != nil || got.Nickname != tt.shown {
					t.Fatalf("join %q: %v, %+v; want nickname %q", tt.second, err, got, tt.shown)
				}
				return
			}
			if caja.KindOf(err) != tt.secondKind {
				t.Fatalf("join %q after %q: %v, want kind %v", tt.second, tt.first, err, tt.secondKind)
			}
			if e, _ := caja.AsError(err); len(e.Fields) == 0 || e.Fields[0].Field != "nickname" {
				t.Errorf("the error does not name the nickname field: %v", err)
			}
		})
	}
}

// TestJoinSession_BurstsAreGroupCommittedExactly: a burst of joins written
// in shared batches still gives each nickname to exactly one phone, refuses
// the others by naming the field, and stores every acknowledged join.
func TestJoinSession_BurstsAreGroupCommittedExactly(t *testing.T) {
	t.Parallel()
	h, store := newHandlers(t)
	s := createSession(t, h)
	ended := createSession(t, h)
	endedStatus := "completed"
	if _, err := h.UpdateSession.Handle(context.Background(), commands.UpdateSession{SessionID: ended.ID, AdminToken: ended.AdminToken, Status: &endedStatus}); err != nil {
		t.Fatalf("end session: %v", err)
	}
	const names, racers = 40, 5
	var wg sync.WaitGroup
	var mu sync.Mutex
	won := map[string]int{}
	var ids []string
	for i := range names * racers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			name := fmt.Sprintf("Name %d", i%names)
			if i%racers == 1 {
				name = strings.ToUpper(name) // the same nickname, folded
			}
			got, err := h.JoinSession.Handle(context.Background(), commands.JoinSession{SessionID: s.ID, Nickname: name})
			mu.Lock()
			defer mu.Unlock()
			if err != nil {
				if e, _ := caja.AsError(err); caja.KindOf(err) != caja.Conflict || len(e.Fields) == 0 || e.Fields[0].Field != "nickname" {
					t.Errorf("join %q: %v, want a nickname conflict", name, err)
				}
				return
			}
			won[strings.ToLower(name)]++
			ids = append(ids, got.ID)
		}()
		if i%50 == 0 {
			// Joins to an ended and to an unknown session in the same bursts.
			wg.Add(2)
			go func() {
				defer wg.Done()
				if _, err := h.JoinSession.Handle(context.Background(), commands.JoinSession{SessionID: ended.ID, Nickname: "late"}); caja.KindOf(err) != caja.Conflict {
					t.Errorf("join to an ended session: %v, want a conflict", err)
				}
			}()
			go func() {
				defer wg.Done()
				if _, err := h.JoinSession.Handle(context.Background(), commands.JoinSession{SessionID: "00000000-0000-4000-8000-000000000000", Nickname: "lost"}); caja.KindOf(err) != caja.NotFound {
					t.Errorf("join to no session: %v, want not found", err)
				}
			}()
		}
	}
	wg.Wait()
	if len(won) != names {
		t.Fatalf("%d nicknames were taken, want %d", len(won), names)
	}
	for name, n := range won {
		if n != 1 {
			t.Errorf("%q went to %d phones", name, n)
		}
	}
	var stored int64
	if err := store.DB().Gorm.Raw("SELECT count(*) FROM participants WHERE session_id = ? AND id IN ?", s.ID, ids).Scan(&stored).Error; err != nil {
		t.Fatal(err)
	}
	if stored != names {
		t.Errorf("%d acknowledged joins stored, want %d", stored, names)
	}
	if batches, joins := h.JoinSession.Batches(); batches >= joins {
		t.Errorf("%d joins in %d batches: none were grouped", joins, batches)
	}
}
