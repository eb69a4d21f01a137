package writemodel_test

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/cajalive/caja/commands"
	"github.com/cajalive/caja/writemodel"
	"github.com/cajalive/caja/writemodel/secret"
	"github.com/cajalive/caja/writemodel/views"
)

// openPoll creates a session on store with one open poll of the given
// options (and settings, JSON), through the commands a dashboard uses.
func openPoll(t *testing.T, store *writemodel.Store, settings string, labels ...string) (commands.Handlers, *commands.SessionCreated, *views.Activity) {
	t.Helper()
	ctx := context.Background()
	h := commands.NewHandlers(store, views.NewPresenter("https://caja.test"))
	s, err := h.CreateSession.Handle(ctx, commands.CreateSession{Name: "Town hall", AdminID: "ana"})
	if err != nil {
		t.Fatal(err)
	}
	opts := make([]commands.OptionInput, len(labels))
	for i, l := range labels {
		opts[i] = commands.OptionInput{Label: l}
	}
	poll, err := h.CreateActivity.Handle(ctx, commands.CreateActivity{SessionID: s.ID, AdminToken: s.AdminToken, Type: "poll", Title: "Lunch?", Options: opts, Settings: json.RawMessage(settings)})
	if err != nil {
		t.Fatal(err)
	}
	open := "open"
	if _, err := h.UpdateActivity.Handle(ctx, commands.UpdateActivity{SessionID: s.ID, ActivityID: poll.ID, AdminToken: s.AdminToken, Status: &open}); err != nil {
		t.Fatal(err)
	}
	return h, s, poll
}

// join adds a participant to a session.
func join(t *testing.T, h commands.Handlers, sessionID, nickname string) *commands.Joined {
	t.Helper()
	p, err := h.JoinSession.Handle(context.Background(), commands.JoinSession{SessionID: sessionID, Nickname: nickname})
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// openPollAt is openPoll on a database at an older migration: today's
// commands write columns that schema lacks, so the session and its open poll
// are inserted with the columns every version has (those of migrations
// 00001 and 00002). Only ID and AdminToken of the session, ID and Options
// of the poll are filled in.
func openPollAt(t *testing.T, db *writemodel.DB, settings string, labels ...string) (commands.Handlers, *commands.SessionCreated, *views.Activity) {
	t.Helper()
	now := time.Now().UTC()
	s := &commands.SessionCreated{AdminToken: secret.New()}
	s.ID = uuid.NewString()
	poll := &views.Activity{ID: uuid.NewString()}
	exec := func(q string, args ...any) {
		t.Helper()
		if err := db.Gorm.Exec(q, args...).Error; err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	exec("INSERT INTO sessions (id, name, status, admin_id, join_code, admin_token_hash, display_key, show_join_info, created_at, updated_at) VALUES (?, 'Town hall', 'active', 'ana', ?, ?, ?, false, ?, ?)",
		s.ID, "9"+s.ID[:5], secret.Hash(s.AdminToken), secret.New(), now, now)
	exec("INSERT INTO activities (id, session_id, type, title, settings, status, position, results_visible, opened_at, created_at, updated_at) VALUES (?, ?, 'poll', 'Lunch', ?, 'open', 0, false, ?, ?, ?)",
		poll.ID, s.ID, settings, now, now, now)
	for i, l := range labels {
		o := views.Option{ID: uuid.NewString(), Label: l}
		exec("INSERT INTO activity_options (id, activity_id, position, label, correct) VALUES (?, ?, ?, ?, false)", o.ID, poll.ID, i, l)
		poll.Options = append(poll.Options, o)
	}
	return commands.NewHandlers(writemodel.NewStore(db), views.NewPresenter("https://caja.test")), s, poll
}
