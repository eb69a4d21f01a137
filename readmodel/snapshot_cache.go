package readmodel

import (
	"cmp"
	"slices"
	"sync"

	"github.com/cajalive/caja/writemodel"
)

// snapshotCache keeps each session's last snapshot (without its
// per-participant part), so that a batch of answers re-reads only what
// answers change. It is bounded by bytes: past the budget the least
// recently used snapshots go (their next batch simply reads everything),
// and a snapshot larger than a quarter of the budget is not kept at all.
type snapshotCache struct {
	mu      sync.Mutex
	budget  int
	total   int
	clock   uint64
	entries map[string]*cachedSnapshot
}

type cachedSnapshot struct {
	snap  *writemodel.Snapshot
	bytes int
	used  uint64
}

func newSnapshotCache(budget int) *snapshotCache {
	return &snapshotCache{budget: budget, entries: map[string]*cachedSnapshot{}}
}

func (c *snapshotCache) get(sessionID string) *writemodel.Snapshot {
	c.mu.Lock()
	defer c.mu.Unlock()
	e := c.entries[sessionID]
	if e == nil {
		return nil
	}
	c.clock++
	e.used = c.clock
	return e.snap
}

func (c *snapshotCache) put(sessionID string, snap *writemodel.Snapshot) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.dropLocked(sessionID)
	size := snap.ApproxBytes()
	if size > c.budget/4 {
		return
	}
	c.clock++
	c.entries[sessionID] = &cachedSnapshot{snap: snap, bytes: size, used: c.clock}
	c.total += size
	if c.total <= c.budget {
		return
	}
	// Evict down to three quarters of the budget, so that eviction (a
	// sort) runs once per many puts, not on each.
	ids := make([]string, 0, len(c.entries))
	for id := range c.entries {
		ids = append(ids, id)
	}
	slices.SortFunc(ids, func(a, b string) int { return cmp.Compare(c.entries[a].used, c.entries[b].used) })
	for _, id := range ids {
		if c.total <= c.budget*3/4 {
			break
		}
		c.dropLocked(id)
	}
}

func (c *snapshotCache) drop(sessionID string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.dropLocked(sessionID)
}

func (c *snapshotCache) dropLocked(sessionID string) {
	if e := c.entries[sessionID]; e != nil {
		c.total -= e.bytes
		delete(c.entries, sessionID)
	}
}

func (c *snapshotCache) clear() {
	c.mu.Lock()
	defer c.mu.Unlock()
	clear(c.entries)
	c.total = 0
}

// size reports the kept bytes and snapshots.
func (c *snapshotCache) size() (bytes, snapshots int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.total, len(c.entries)
}
