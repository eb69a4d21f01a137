package commands

import (
	"context"
	"sync"
	"time"
)

// Join codes are digits a phone's keypad types. Six digits make 900,000
// codes: with 10,000 sessions live, one guess in 90 opens one. Past that,
// new codes get 8 digits (one in 9,000 at 10,000 live).
const (
	shortCodeMaxLive = 10_000
	shortCodeDigits  = 6
	longCodeDigits   = 8
)

// JoinCodeLength decides the length of new join codes from the number of
// live sessions, counted at most every few seconds (a count over the index
// of live join codes), shared by every handler that draws codes.
type JoinCodeLength struct {
	store LiveSessionCounter
	every time.Duration

	mu      sync.Mutex
	counted time.Time
	digits  int
}

// NewJoinCodeLength returns a JoinCodeLength counting over store.
func NewJoinCodeLength(store LiveSessionCounter) *JoinCodeLength {
	return &JoinCodeLength{store: store, every: 5 * time.Second, digits: shortCodeDigits}
}

// Digits is the length to draw first (collisions lengthen the next draws).
// A failed count keeps the last answer: the unique index still decides.
func (l *JoinCodeLength) Digits(ctx context.Context) int {
	l.mu.Lock()
	defer l.mu.Unlock()
	if time.Since(l.counted) < l.every {
		return l.digits
	}
	live, err := l.store.LiveSessionCount(ctx)
	if err != nil {
		return l.digits
	}
	l.counted = time.Now()
	l.digits = shortCodeDigits
	if live > shortCodeMaxLive {
		l.digits = longCodeDigits
	}
	return l.digits
}
