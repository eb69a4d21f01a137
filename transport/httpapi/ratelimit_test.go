package httpapi

import (
	"fmt"
	"testing"
	"time"
)

func TestQuietKeys_FirstRequestAfterAQuietPeriod(t *testing.T) {
	t.Parallel()
	q := newQuietKeys(time.Second)
	t0 := time.Unix(1000, 0)
	steps := []struct {
		key   string
		at    time.Duration
		first bool
	}{
		{"ana", 0, true},                       // never seen
		{"ana", 100 * time.Millisecond, false}, // again within the period: the shared limiter decides
		{"bo", 200 * time.Millisecond, true},   // keys are independent
		{"ana", 900 * time.Millisecond, false}, // still busy
		{"ana", 2 * time.Second, true},         // quiet for over a period
		{"bo", 5 * time.Second, true},          // long gone (swept)
		{"bo", 5*time.Second + time.Millisecond, false},
	}
	for i, s := range steps {
		if got := q.first(s.key, t0.Add(s.at)); got != s.first {
			t.Errorf("step %d (%s at %s): first = %v, want %v", i, s.key, s.at, got, s.first)
		}
	}
	// The request at 5 s swept every key quiet for over a period: ana (last
	// seen at 2 s) is forgotten, bo is remembered from 5 s on.
	if _, ok := q.seen["ana"]; ok || len(q.seen) != 1 {
		t.Errorf("remembered %v at 5 s, want only bo: ana has been quiet since 2 s", q.seen)
	}
}

// TestQuietKeys_SweepForgetsOnlyQuietKeys: memory stays bounded by the keys
// heard within the last period. A sweep (at most one per period, on a
// request) forgets the keys quiet for over a period and keeps the others, so
// those still count as busy.
func TestQuietKeys_SweepForgetsOnlyQuietKeys(t *testing.T) {
	t.Parallel()
	t0 := time.Unix(1000, 0)
	ms := func(n int) time.Time { return t0.Add(time.Duration(n) * time.Millisecond) }
	tests := []struct {
		name       string
		crowdAt    time.Time // 1,000 keys seen once
		busyAt     time.Time // "busy" seen last
		sweepAt    time.Time // "late"'s request, which may sweep
		remembered int       // keys remembered afterwards
		crowdGone  bool
	}{
		{"the crowd has been quiet for over a period", ms(0), ms(900), ms(1500), 2, true},
		{"a sweep waits a period after the last one", ms(0), ms(900), ms(1000), 1003, false},
		{"keys heard within the period stay", ms(600), ms(900), ms(1500), 1002, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			q := newQuietKeys(time.Second)
			q.first("start", t0) // the first sweep: nothing to forget yet
			for i := range 1000 {
				q.first(fmt.Sprint("p", i), tt.crowdAt)
			}
			q.first("busy", tt.busyAt)
			q.first("late", tt.sweepAt)
			if n := len(q.seen); n != tt.remembered {
				t.Errorf("%d keys remembered, want %d", n, tt.remembered)
			}
			if _, ok := q.seen["p0"]; ok == tt.crowdGone {
				t.Errorf("crowd remembered = %v, want %v", ok, !tt.crowdGone)
			}
			if q.first("busy", tt.sweepAt.Add(time.Millisecond)) {
				t.Error("busy was forgotten by the sweep: its next request within the period counts as a first one")
			}
		})
	}
}
