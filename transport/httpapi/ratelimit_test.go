package httpapi

import (
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
	if n := len(q.seen); n > 2 {
		t.Errorf("%d keys remembered, want at most the recent ones", n)
	}
}
