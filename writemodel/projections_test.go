package writemodel_test

import (
	"context"
	"testing"
	"time"

	"github.com/cajalive/caja/writemodel"
	"github.com/cajalive/caja/writemodel/writemodeltest"
)

// TestCompleteBatch_VersionsNeverMoveBack: a batch that carries an older
// version of a session (rows committed out of id order) does not move its
// recorded version back; absent sessions are forgotten; done rows go.
func TestCompleteBatch_VersionsNeverMoveBack(t *testing.T) {
	t.Parallel()
	store := writemodeltest.NewStore(t)
	ctx := context.Background()
	const a, b = "00000000-0000-4000-8000-00000000000a", "00000000-0000-4000-8000-00000000000b"
	if err := store.CompleteBatch(ctx, nil, map[string]int64{a: 10, b: 3}, nil); err != nil {
		t.Fatal(err)
	}
	if err := store.CompleteBatch(ctx, nil, map[string]int64{a: 7}, []string{b}); err != nil {
		t.Fatal(err)
	}
	got, err := store.ProjectedVersions(ctx, []string{a, b})
	if err != nil {
		t.Fatal(err)
	}
	if got[a] != 10 {
		t.Errorf("version of a = %d, want 10 (never moved back)", got[a])
	}
	if _, ok := got[b]; ok {
		t.Error("an absent session's version is still recorded")
	}
	recent, err := store.RecentProjections(ctx, time.Now().Add(-time.Minute), 10)
	if err != nil || len(recent) != 1 || recent[0] != (writemodel.SessionProjection{SessionID: a, Version: 10}) {
		t.Errorf("recent projections: %v %v", recent, err)
	}
}
