package writemodel_test

import (
	"context"
	"testing"

	"github.com/cajalive/caja/writemodel/writemodeltest"
)

// TestExportRows_ChoicesInTheOptionsOrder: a multiple-choice answer is
// exported as its options' labels in the order the organizer gave them,
// whatever order the phone sent them in.
func TestExportRows_ChoicesInTheOptionsOrder(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	store := writemodeltest.NewStore(t)
	poll := openPoll(t, store, `{"multiple":true}`, "soup", "salad", "stew")
	poll.answer(t, poll.join(t, "bo"), poll.Options[2], poll.Options[0])
	rows, err := store.ExportRows(ctx, poll.SessionID)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 1 || rows[0].Answer != "soup; stew" || rows[0].Nickname != "bo" {
		t.Errorf("export %+v, want bo's answer \"soup; stew\"", rows)
	}
}
