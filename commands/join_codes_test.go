package commands_test

import (
	"context"
	"testing"

	"github.com/cajalive/caja"
	"github.com/cajalive/caja/commands"
)

// TestCreateSession_CodesGrowWithTheLiveSessions: join codes have 6 digits
// until more than 10,000 sessions are live, then 8, so that a guessed code
// rarely opens a session.
func TestCreateSession_CodesGrowWithTheLiveSessions(t *testing.T) {
	t.Parallel()
	h, store := newHandlers(t)
	if n := len(createSession(t, h).JoinCode); n != 6 {
		t.Fatalf("with one live session: a %d-digit code, want 6", n)
	}
	// 10,000 more live sessions (and completed ones, which do not count).
	err := store.DB().Gorm.Exec(`INSERT INTO sessions (id, name, status, admin_id, join_code, admin_token_hash, display_key, show_join_info, created_at, updated_at)
		SELECT gen_random_uuid(), 'busy', CASE WHEN i <= 10000 THEN 'active' ELSE 'completed' END, 'ana', (100000000 + i)::text, '\x00', 'k' || i, false, now(), now()
		FROM generate_series(1, 10500) AS i`).Error
	if err != nil {
		t.Fatal(err)
	}
	h2 := commands.NewHandlers(store, caja.NewPresenter("https://caja.test")) // a new process: no count remembered
	s, err := h2.CreateSession.Handle(context.Background(), commands.CreateSession{Name: "Big day", AdminID: "ana"})
	if err != nil {
		t.Fatal(err)
	}
	if n := len(s.JoinCode); n != 8 {
		t.Errorf("with 10,001 live sessions: a %d-digit code, want 8", n)
	}
}
