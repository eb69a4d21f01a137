package readmodel

import (
	"strconv"
	"strings"
	"testing"

	"github.com/cajalive/caja/writemodel"
)

func snapshotOf(bytes int) *writemodel.Snapshot {
	return &writemodel.Snapshot{Session: writemodel.Session{Name: strings.Repeat("x", bytes)}}
}

// TestSnapshotCache_BoundedByBytes: the projector's kept snapshots never
// exceed their byte budget, however many sessions there are or however
// large one is; the most recently used survive eviction.
func TestSnapshotCache_BoundedByBytes(t *testing.T) {
	const budget = 1 << 20
	c := newSnapshotCache(budget)
	for i := range 2000 {
		c.put("s"+strconv.Itoa(i), snapshotOf(10_000))
		if b, _ := c.size(); b > budget {
			t.Fatalf("after %d puts the cache holds %d bytes, over its %d", i+1, b, budget)
		}
	}
	if c.get("s1999") == nil {
		t.Error("the most recent snapshot was evicted")
	}
	if c.get("s0") != nil {
		t.Error("the oldest snapshot survived 20 MB of newer ones")
	}
	// One session heavier than a quarter of the budget is not kept at all.
	c.put("huge", snapshotOf(budget/2))
	if c.get("huge") != nil {
		t.Error("a snapshot of half the budget was kept")
	}
	if b, _ := c.size(); b > budget {
		t.Errorf("%d bytes kept", b)
	}
	c.put("s1999", snapshotOf(10))
	if b, n := c.size(); b > budget || n == 0 {
		t.Errorf("replacing a snapshot: %d bytes, %d snapshots", b, n)
	}
}
