package readmodel

import (
	"sync"
	"time"

	"github.com/cajalive/caja"
)

// viewKey names one view of one session in the micro-cache.
type viewKey struct {
	sessionID string
	view      caja.View
	body      bool
}

type cached struct {
	at  time.Time
	tag Tag
	b   Body
}

// microCache keeps what Redis said about a view for a few tens of
// milliseconds. Thousands of phones poll the same session: within that
// window their 304s need no Redis round trip at all, which takes the tail
// latency of the polling path down to that of a plain handler. A change
// reaches phones at most ttl later than without it (against a 2 s poll
// interval), and a flushed Redis is noticed ttl later.
type microCache struct {
	ttl time.Duration
	mu  sync.RWMutex
	m   map[viewKey]cached
}

// maxCached triggers a sweep of expired entries; it only bounds memory, the
// entries of live sessions are refreshed every ttl anyway.
const maxCached = 4096

func newMicroCache(ttl time.Duration) *microCache {
	return &microCache{ttl: ttl, m: make(map[viewKey]cached)}
}

func (c *microCache) get(k viewKey, now time.Time) (cached, bool) {
	if c.ttl <= 0 {
		return cached{}, false
	}
	c.mu.RLock()
	e, ok := c.m[k]
	c.mu.RUnlock()
	if !ok || now.Sub(e.at) >= c.ttl {
		return cached{}, false
	}
	return e, true
}

func (c *microCache) put(k viewKey, e cached) {
	if c.ttl <= 0 {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.m) >= maxCached {
		for key, old := range c.m {
			if e.at.Sub(old.at) >= c.ttl {
				delete(c.m, key)
			}
		}
	}
	c.m[k] = e
}
