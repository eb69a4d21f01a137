package caja

import "time"

// RateLimit is a request budget: Rate requests per Period, with bursts of
// up to Burst (Burst 0 means Rate).
type RateLimit struct {
	Rate   int
	Burst  int
	Period time.Duration
}

// BurstOrRate is the burst to enforce.
func (l RateLimit) BurstOrRate() int {
	if l.Burst > 0 {
		return l.Burst
	}
	return l.Rate
}
