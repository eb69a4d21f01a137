package commands_test

import (
	"context"
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
