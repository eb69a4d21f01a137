package commands_test

import (
	"context"
	"errors"
	"regexp"
	"strings"
	"testing"

	"github.com/cajalive/caja"
	"github.com/cajalive/caja/commands"
	"github.com/cajalive/caja/writemodel"
	"github.com/cajalive/caja/writemodel/writemodeltest"
)

func ptr[T any](v T) *T { return &v }

func newHandlers(t *testing.T) (commands.Handlers, *writemodel.Store) {
	t.Helper()
	store := writemodeltest.NewStore(t)
	return commands.NewHandlers(store, caja.NewPresenter("https://caja.test")), store
}

func createSession(t *testing.T, h commands.Handlers) *commands.SessionCreated {
	t.Helper()
	out, err := h.CreateSession.Handle(context.Background(), commands.CreateSession{Name: "Town hall", AdminID: "ana"})
	if err != nil {
		t.Fatalf("create session: %v", err)
	}
	return out
}

func TestCreateSession_OK(t *testing.T) {
	t.Parallel()
	h, store := newHandlers(t)
	out, err := h.CreateSession.Handle(context.Background(), commands.CreateSession{Name: "  Town hall ", Description: ptr("Q3"), AdminID: "ana"})
	if err != nil {
		t.Fatal(err)
	}
	if out.Name != "Town hall" || out.Status != "draft" || out.AdminID != "ana" || *out.Description != "Q3" {
		t.Errorf("unexpected session %+v", out.Session)
	}
	if !regexp.MustCompile(`^[1-9][0-9]{5,7}$`).MatchString(out.JoinCode) {
		t.Errorf("join code %q is not 6–8 digits", out.JoinCode)
	}
	if out.JoinURL != "https://caja.test/join/"+out.JoinCode {
		t.Errorf("join url %q", out.JoinURL)
	}
	if !strings.HasPrefix(out.QRCodeURL, "data:image/png;base64,") {
		t.Errorf("qr_code_url is not a PNG data URI")
	}
	if len(out.AdminToken) < 22 { // 128 bits in base64url
		t.Errorf("admin token too short: %d chars", len(out.AdminToken))
	}

	stored, err := store.GetSession(context.Background(), out.ID)
	if err != nil {
		t.Fatal(err)
	}
	if string(stored.AdminTokenHash) == out.AdminToken || !caja.TokenMatches(out.AdminToken, stored.AdminTokenHash) {
		t.Error("admin token must be stored as its hash")
	}
	if n := writemodeltest.Count(t, store.DB(), "outbox WHERE session_id = '"+out.ID+"'"); n != 1 {
		t.Errorf("outbox rows = %d, want 1 in the same transaction", n)
	}
}

func TestCreateSession_Invalid(t *testing.T) {
	t.Parallel()
	h, store := newHandlers(t)
	tests := []struct {
		name  string
		cmd   commands.CreateSession
		field string
	}{
		{"EmptyName", commands.CreateSession{Name: "", AdminID: "a"}, "name"},
		{"BlankName", commands.CreateSession{Name: "   ", AdminID: "a"}, "name"},
		{"LongName", commands.CreateSession{Name: strings.Repeat("n", 256), AdminID: "a"}, "name"},
		{"ControlCharInName", commands.CreateSession{Name: "a\x00b", AdminID: "a"}, "name"},
		{"LongDescription", commands.CreateSession{Name: "n", Description: ptr(strings.Repeat("d", 1001)), AdminID: "a"}, "description"},
		{"NoAdminID", commands.CreateSession{Name: "n"}, "admin_id"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := h.CreateSession.Handle(context.Background(), tt.cmd)
			e, ok := caja.AsError(err)
			if !ok || e.Kind != caja.Invalid || len(e.Fields) == 0 || e.Fields[0].Field != tt.field {
				t.Fatalf("got %v, want invalid %s", err, tt.field)
			}
		})
	}
	if n := writemodeltest.Count(t, store.DB(), "sessions"); n != 0 {
		t.Errorf("%d sessions stored by invalid commands", n)
	}
}

func TestCreateSession_NameLengthCountsCharacters(t *testing.T) {
	t.Parallel()
	h, _ := newHandlers(t)
	// 255 characters of 2 bytes each: within the limit.
	if _, err := h.CreateSession.Handle(context.Background(), commands.CreateSession{Name: strings.Repeat("é", 255), AdminID: "a"}); err != nil {
		t.Fatalf("255 characters must be accepted: %v", err)
	}
}

func TestInsertSession_JoinCodeUniqueAmongLiveSessions(t *testing.T) {
	t.Parallel()
	h, store := newHandlers(t)
	ctx := context.Background()
	first := createSession(t, h)
	dup := &writemodel.Session{ID: "00000000-0000-4000-8000-000000000001", Name: "dup", Status: "draft", AdminID: "b", JoinCode: first.JoinCode, AdminTokenHash: caja.HashToken("x"), DisplayKey: "k"}
	if err := store.InsertSession(ctx, dup); !errors.Is(err, writemodel.ErrJoinCodeTaken) {
		t.Fatalf("duplicate live join code: got %v, want ErrJoinCodeTaken", err)
	}
	if _, err := h.UpdateSession.Handle(ctx, commands.UpdateSession{SessionID: first.ID, AdminToken: first.AdminToken, Status: ptr("completed")}); err != nil {
		t.Fatal(err)
	}
	if err := store.InsertSession(ctx, dup); err != nil {
		t.Fatalf("a completed session's code must be reusable: %v", err)
	}
}

func TestUpdateSession(t *testing.T) {
	t.Parallel()
	h, _ := newHandlers(t)
	ctx := context.Background()

	t.Run("OK", func(t *testing.T) {
		s := createSession(t, h)
		out, err := h.UpdateSession.Handle(ctx, commands.UpdateSession{SessionID: s.ID, AdminToken: s.AdminToken, Name: ptr("Renamed"), Description: commands.Optional[string]{Set: true, Value: ptr("new")}, Status: ptr("active")})
		if err != nil {
			t.Fatal(err)
		}
		if out.Name != "Renamed" || *out.Description != "new" || out.Status != "active" {
			t.Errorf("got %+v", out)
		}
		if !out.UpdatedAt.After(s.UpdatedAt) {
			t.Error("updated_at did not move")
		}
		out, err = h.UpdateSession.Handle(ctx, commands.UpdateSession{SessionID: s.ID, AdminToken: s.AdminToken, Description: commands.Optional[string]{Set: true}})
		if err != nil || out.Description != nil {
			t.Errorf("description null must clear it: %v %+v", err, out)
		}
	})

	errCases := []struct {
		name  string
		setup func(s *commands.SessionCreated) commands.UpdateSession
		kind  caja.Kind
	}{
		{"ErrNoToken", func(s *commands.SessionCreated) commands.UpdateSession {
			return commands.UpdateSession{SessionID: s.ID, Name: ptr("x")}
		}, caja.Unauthorized},
		{"ErrWrongToken", func(s *commands.SessionCreated) commands.UpdateSession {
			return commands.UpdateSession{SessionID: s.ID, AdminToken: caja.NewToken(), Name: ptr("x")}
		}, caja.Forbidden},
		{"ErrUnknownSession", func(s *commands.SessionCreated) commands.UpdateSession {
			return commands.UpdateSession{SessionID: "00000000-0000-4000-8000-00000000abcd", AdminToken: s.AdminToken, Name: ptr("x")}
		}, caja.NotFound},
		{"ErrBadStatus", func(s *commands.SessionCreated) commands.UpdateSession {
			return commands.UpdateSession{SessionID: s.ID, AdminToken: s.AdminToken, Status: ptr("paused")}
		}, caja.Invalid},
		{"ErrEmptyName", func(s *commands.SessionCreated) commands.UpdateSession {
			return commands.UpdateSession{SessionID: s.ID, AdminToken: s.AdminToken, Name: ptr("")}
		}, caja.Invalid},
		{"ErrUnknownActivity", func(s *commands.SessionCreated) commands.UpdateSession {
			return commands.UpdateSession{SessionID: s.ID, AdminToken: s.AdminToken, CurrentActivityID: commands.Optional[string]{Set: true, Value: ptr("00000000-0000-4000-8000-00000000abcd")}}
		}, caja.Invalid},
	}
	for _, tt := range errCases {
		t.Run(tt.name, func(t *testing.T) {
			s := createSession(t, h)
			_, err := h.UpdateSession.Handle(ctx, tt.setup(s))
			if k := caja.KindOf(err); k != tt.kind {
				t.Fatalf("got %v (%s), want %s", err, k, tt.kind)
			}
		})
	}

	t.Run("StatusOnlyForward", func(t *testing.T) {
		s := createSession(t, h)
		steps := []struct {
			to   string
			kind caja.Kind
		}{
			{"active", caja.Internal}, // Internal = no error
			{"draft", caja.Conflict},
			{"completed", caja.Internal},
			{"active", caja.Conflict},
			{"completed", caja.Internal},
		}
		for _, st := range steps {
			_, err := h.UpdateSession.Handle(ctx, commands.UpdateSession{SessionID: s.ID, AdminToken: s.AdminToken, Status: ptr(st.to)})
			if st.kind == caja.Internal && err != nil || st.kind != caja.Internal && caja.KindOf(err) != st.kind {
				t.Fatalf("to %s: got %v, want %s", st.to, err, st.kind)
			}
		}
	})
}

func TestRotateAdminToken_OldTokenStopsWorking(t *testing.T) {
	t.Parallel()
	h, store := newHandlers(t)
	ctx := context.Background()
	s := createSession(t, h)
	newToken, err := commands.NewRotateAdminTokenHandler(store).Handle(ctx, commands.RotateAdminToken{SessionID: s.ID})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := h.UpdateSession.Handle(ctx, commands.UpdateSession{SessionID: s.ID, AdminToken: s.AdminToken, Name: ptr("x")}); caja.KindOf(err) != caja.Forbidden {
		t.Errorf("old token: got %v, want forbidden", err)
	}
	if _, err := h.UpdateSession.Handle(ctx, commands.UpdateSession{SessionID: s.ID, AdminToken: newToken, Name: ptr("x")}); err != nil {
		t.Errorf("new token: %v", err)
	}
}
