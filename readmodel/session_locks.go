package readmodel

import (
	"context"
	"sync"
)

// sessionLocks lets one projection of a session run at a time (two renders
// of one session written in either order could put the older over the
// newer) while projections of different sessions run side by side.
type sessionLocks struct {
	mu   sync.Mutex
	busy map[string]chan struct{}
}

func newSessionLocks() *sessionLocks { return &sessionLocks{busy: map[string]chan struct{}{}} }

// lock waits until the session is free and takes it.
func (l *sessionLocks) lock(ctx context.Context, id string) error {
	for {
		l.mu.Lock()
		ch, busy := l.busy[id]
		if !busy {
			l.busy[id] = make(chan struct{})
			l.mu.Unlock()
			return nil
		}
		l.mu.Unlock()
		select {
		case <-ch:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}

// tryLock takes the session if it is free.
func (l *sessionLocks) tryLock(id string) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	if _, busy := l.busy[id]; busy {
		return false
	}
	l.busy[id] = make(chan struct{})
	return true
}

func (l *sessionLocks) unlock(id string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if ch, ok := l.busy[id]; ok {
		close(ch)
		delete(l.busy, id)
	}
}

// held lists the sessions being projected now.
func (l *sessionLocks) held() []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	out := make([]string, 0, len(l.busy))
	for id := range l.busy {
		out = append(out, id)
	}
	return out
}
