package loadgen

import (
	"math"
	"testing"
	"time"

	dto "github.com/prometheus/client_model/go"
)

func TestSummarize_Percentiles(t *testing.T) {
	t.Parallel()
	ds := make([]time.Duration, 100)
	for i := range ds {
		ds[i] = time.Duration(100-i) * time.Millisecond // unsorted on purpose
	}
	p := Summarize(ds)
	want := Percentiles{N: 100, P50: 50 * time.Millisecond, P95: 95 * time.Millisecond, P99: 99 * time.Millisecond, Max: 100 * time.Millisecond}
	if p != want {
		t.Errorf("got %+v, want %+v", p, want)
	}
	if (Summarize(nil) != Percentiles{}) {
		t.Error("no samples must give zero percentiles")
	}
}

func histogramScrape(counts ...uint64) ServerMetrics {
	bounds := []float64{0.01, 0.1, 1, math.Inf(1)}
	h := &dto.Histogram{}
	for i := range counts {
		h.Bucket = append(h.Bucket, &dto.Bucket{UpperBound: &bounds[i], CumulativeCount: &counts[i]})
	}
	total := counts[len(counts)-1]
	h.SampleCount = &total
	return ServerMetrics{"lag": {Metric: []*dto.Metric{{Histogram: h}}}}
}

func TestHistogramQuantile_BetweenScrapes(t *testing.T) {
	t.Parallel()
	before := histogramScrape(10, 10, 10, 10)
	// 100 new observations: 90 under 10 ms, 10 between 10 and 100 ms.
	after := histogramScrape(100, 110, 110, 110)
	tests := []struct {
		q    float64
		want float64
	}{
		{0.5, 0.01 * 50 / 90},
		{0.9, 0.01},
		{0.99, 0.01 + (0.1-0.01)*9/10},
	}
	for _, tt := range tests {
		got, n := HistogramQuantile(before, after, "lag", tt.q)
		if n != 100 || math.Abs(got-tt.want) > 1e-9 {
			t.Errorf("q%.2f: %v (n=%d), want %v (n=100)", tt.q, got, n, tt.want)
		}
	}
	if _, n := HistogramQuantile(after, after, "lag", 0.99); n != 0 {
		t.Error("no new observations must report none")
	}
}

func TestCheckLeaderboard(t *testing.T) {
	t.Parallel()
	correct := map[string]bool{"a": true, "b": true}
	tests := []struct {
		name    string
		entries []LeaderEntry
		ok      bool
	}{
		{"exact", []LeaderEntry{{"a", 900, 1, 1}, {"b", 900, 1, 1}, {"c", 0, 3, 0}}, true},
		{"missing answerer", []LeaderEntry{{"a", 900, 1, 1}, {"b", 800, 2, 1}}, false},
		{"right answer scored 0", []LeaderEntry{{"a", 900, 1, 1}, {"c", 0, 2, 0}, {"b", 0, 2, 0}}, false},
		{"tie without a shared rank", []LeaderEntry{{"a", 900, 1, 1}, {"b", 900, 2, 1}, {"c", 0, 3, 0}}, false},
		{"points above the maximum", []LeaderEntry{{"a", 1200, 1, 1}, {"b", 900, 2, 1}, {"c", 0, 3, 0}}, false},
	}
	for _, tt := range tests {
		if got := checkLeaderboard(tt.entries, correct, 3, 1000) == ""; got != tt.ok {
			t.Errorf("%s: ok=%v, want %v", tt.name, got, tt.ok)
		}
	}
}
