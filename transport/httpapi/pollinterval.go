package httpapi

import (
	"context"
	"strconv"
	"sync/atomic"
	"time"
)

// PollInterval is the interval the server suggests to polling phones, in
// the X-Poll-Interval-Ms header. It stretches when this instance serves more
// polls per second than it is meant to (CAJA_POLL_TARGET_RPS), so that a
// session with 50,000 phones slows every phone down a little instead of
// falling over, and it comes back down when the crowd thins.
type PollInterval struct {
	header   atomic.Pointer[[]string]
	polls    atomic.Int64
	base     time.Duration
	max      time.Duration
	target   float64
	onChange func(time.Duration)

	// owned by Run
	recent [16]time.Duration
	tick   int
}

// NewPollInterval suggests base, stretching up to maxInterval while this
// instance serves more than targetRPS polls per second (0: never stretch).
func NewPollInterval(base, maxInterval time.Duration, targetRPS int) *PollInterval {
	p := &PollInterval{base: base, max: max(base, maxInterval), target: float64(targetRPS)}
	p.set(base)
	for i := range p.recent {
		p.recent[i] = base
	}
	return p
}

// OnChange registers a function told every new suggestion (for a metric).
// Call it before Run.
func (p *PollInterval) OnChange(f func(time.Duration)) {
	p.onChange = f
	f(p.Get())
}

func (p *PollInterval) set(d time.Duration) {
	v := []string{strconv.FormatInt(d.Milliseconds(), 10)}
	p.header.Store(&v)
	if p.onChange != nil {
		p.onChange(d)
	}
}

// Get returns the current suggestion.
func (p *PollInterval) Get() time.Duration {
	ms, _ := strconv.Atoi((*p.header.Load())[0])
	return time.Duration(ms) * time.Millisecond
}

// observe counts one poll.
func (p *PollInterval) observe() { p.polls.Add(1) }

// Run re-evaluates the suggestion every second until ctx ends.
func (p *PollInterval) Run(ctx context.Context) {
	if p.target <= 0 || p.max == p.base {
		return
	}
	t := time.NewTicker(time.Second)
	defer t.Stop()
	last := time.Now()
	for {
		select {
		case <-ctx.Done():
			return
		case now := <-t.C:
			n := p.polls.Swap(0)
			p.adjust(float64(n) / now.Sub(last).Seconds())
			last = now
		}
	}
}

// adjust takes one step given the polls per second just measured. The
// number of phones is about rate × the interval they poll at; phones adopt a
// new suggestion only at their next poll, so the shortest suggestion of the
// last few seconds stands for the interval they still use. The suggestion
// rises at once (overload is urgent) and comes down a quarter of the way per
// second (so it does not oscillate).
func (p *PollInterval) adjust(rate float64) {
	current := p.Get()
	inUse := current
	for _, d := range p.recent {
		inUse = min(inUse, d)
	}
	phones := rate * inUse.Seconds()
	want := p.base
	if needed := time.Duration(phones / p.target * float64(time.Second)); needed > want {
		want = needed
	}
	want = min(want, p.max)
	next := want
	if want < current {
		next = current - (current-want)/4
	}
	next = max(p.base, next.Round(100*time.Millisecond))
	p.recent[p.tick%len(p.recent)] = next
	p.tick++
	if next != current {
		p.set(next)
	}
}
