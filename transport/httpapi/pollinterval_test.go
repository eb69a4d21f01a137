package httpapi

import (
	"testing"
	"time"
)

func TestPollInterval_Adjust(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		start   time.Duration // the suggestion phones follow
		rate    float64       // polls per second measured
		want    time.Duration
		comment string
	}{
		{"light load keeps the base", 2 * time.Second, 1000, 2 * time.Second, "2,000 phones"},
		{"at the target keeps the base", 2 * time.Second, 4000, 2 * time.Second, "8,000 phones"},
		{"overload stretches at once", 2 * time.Second, 5000, 2500 * time.Millisecond, "10,000 phones"},
		{"a huge crowd stops at the maximum", 2 * time.Second, 25000, 10 * time.Second, "50,000 phones"},
		{"a thinning crowd comes back a quarter of the way", 10 * time.Second, 400, 8 * time.Second, "4,000 phones"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := NewPollInterval(2*time.Second, 10*time.Second, 4000)
			for i := range p.recent {
				p.recent[i] = tt.start
			}
			p.set(tt.start)
			p.adjust(tt.rate)
			if got := p.Get(); got != tt.want {
				t.Errorf("%s: suggestion %s, want %s", tt.comment, got, tt.want)
			}
		})
	}
}

// TestPollInterval_SettlesWithPhonesThatFollowIt closes the loop: phones
// poll at the suggestion they last saw, the server measures their rate.
func TestPollInterval_SettlesWithPhonesThatFollowIt(t *testing.T) {
	t.Parallel()
	tests := []struct {
		phones float64
		want   time.Duration
	}{
		{2000, 2 * time.Second},
		{20000, 5 * time.Second},
		{50000, 10 * time.Second},
	}
	for _, tt := range tests {
		p := NewPollInterval(2*time.Second, 10*time.Second, 4000)
		following := p.Get()
		peak := following
		for second := 0; second < 120; second++ {
			p.adjust(tt.phones / following.Seconds())
			// Phones see a new suggestion within one of their intervals;
			// here, within a second.
			following = p.Get()
			peak = max(peak, following)
		}
		got := p.Get()
		if got < tt.want-200*time.Millisecond || got > tt.want+200*time.Millisecond {
			t.Errorf("%v phones: settled at %s, want about %s", tt.phones, got, tt.want)
		}
		if peak > 10*time.Second {
			t.Errorf("%v phones: suggested %s, above the maximum", tt.phones, peak)
		}
		if rate := tt.phones / got.Seconds(); tt.want < 10*time.Second && rate > 4000*1.1 {
			t.Errorf("%v phones: still %.0f polls/s at %s", tt.phones, rate, got)
		}
	}
}
