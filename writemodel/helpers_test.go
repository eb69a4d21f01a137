package writemodel_test

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/cajalive/caja"
	"github.com/cajalive/caja/commands"
	"github.com/cajalive/caja/writemodel"
)

// openPoll creates a session on store with one open poll of the given
// options (and settings, JSON), through the commands a dashboard uses.
func openPoll(t *testing.T, store *writemodel.Store, settings string, labels ...string) (commands.Handlers, *commands.SessionCreated, *caja.Activity) {
	t.Helper()
	ctx := context.Background()
	h := commands.NewHandlers(store, caja.NewPresenter("https://caja.test"))
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
