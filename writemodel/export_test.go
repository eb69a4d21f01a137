package writemodel_test

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/cajalive/caja/commands"
	"github.com/cajalive/caja/writemodel/views"
	"github.com/cajalive/caja/writemodel/writemodeltest"
)

// TestExportRows_ChoicesInTheOptionsOrder: a multiple-choice answer is
// exported as its options' labels in the order the organizer gave them,
// whatever order the phone sent them in.
func TestExportRows_ChoicesInTheOptionsOrder(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	store := writemodeltest.NewStore(t)
	h := commands.NewHandlers(store, views.NewPresenter("https://caja.test"))
	s, err := h.CreateSession.Handle(ctx, commands.CreateSession{Name: "Town hall", AdminID: "ana"})
	if err != nil {
		t.Fatal(err)
	}
	poll, err := h.CreateActivity.Handle(ctx, commands.CreateActivity{SessionID: s.ID, AdminToken: s.AdminToken, Type: "poll", Title: "Lunch?",
		Options: []commands.OptionInput{{Label: "soup"}, {Label: "salad"}, {Label: "stew"}}, Settings: json.RawMessage(`{"multiple":true}`)})
	if err != nil {
		t.Fatal(err)
	}
	open := "open"
	if _, err := h.UpdateActivity.Handle(ctx, commands.UpdateActivity{SessionID: s.ID, ActivityID: poll.ID, AdminToken: s.AdminToken, Status: &open}); err != nil {
		t.Fatal(err)
	}
	p, err := h.JoinSession.Handle(ctx, commands.JoinSession{SessionID: s.ID, Nickname: "bo"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := h.SubmitResponse.Handle(ctx, commands.SubmitResponse{SessionID: s.ID, ActivityID: poll.ID, Token: p.Token, OptionIDs: []string{poll.Options[2].ID, poll.Options[0].ID}}); err != nil {
		t.Fatal(err)
	}
	rows, err := store.ExportRows(ctx, s.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 1 || rows[0].Answer != "soup; stew" || rows[0].Nickname != "bo" {
		t.Errorf("export %+v, want bo's answer \"soup; stew\"", rows)
	}
}
