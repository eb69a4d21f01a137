package writemodel_test

import (
	"context"
	"testing"

	"github.com/cajalive/caja/commands"
	"github.com/cajalive/caja/writemodel/writemodeltest"
)

// TestExportRows_ChoicesInTheOptionsOrder: a multiple-choice answer is
// exported as its options' labels in the order the organizer gave them,
// whatever order the phone sent them in.
func TestExportRows_ChoicesInTheOptionsOrder(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	store := writemodeltest.NewStore(t)
	h, s, poll := openPoll(t, store, `{"multiple":true}`, "soup", "salad", "stew")
	p := join(t, h, s.ID, "bo")
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
