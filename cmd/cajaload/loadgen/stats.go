package loadgen

import (
	"context"
	"fmt"
	"math"
	"net/http"
	"slices"
	"time"

	dto "github.com/prometheus/client_model/go"
	"github.com/prometheus/common/expfmt"
	"github.com/prometheus/common/model"
)

// Percentiles summarises a set of durations.
type Percentiles struct {
	N                  int
	P50, P95, P99, Max time.Duration
}

// Summarize sorts ds in place and reads its percentiles.
func Summarize(ds []time.Duration) Percentiles {
	if len(ds) == 0 {
		return Percentiles{}
	}
	slices.Sort(ds)
	at := func(q float64) time.Duration {
		i := int(math.Ceil(q*float64(len(ds)))) - 1
		return ds[max(0, min(i, len(ds)-1))]
	}
	return Percentiles{N: len(ds), P50: at(0.50), P95: at(0.95), P99: at(0.99), Max: ds[len(ds)-1]}
}

func (p Percentiles) String() string {
	return fmt.Sprintf("p50 %s  p95 %s  p99 %s  max %s  (n=%d)", ms(p.P50), ms(p.P95), ms(p.P99), ms(p.Max), p.N)
}

func ms(d time.Duration) string { return fmt.Sprintf("%.1fms", float64(d)/float64(time.Millisecond)) }

// ServerMetrics is a scrape of the server's /metrics.
type ServerMetrics map[string]*dto.MetricFamily

// Scrape reads the server's Prometheus metrics, with MetricsToken.
func (c *Client) Scrape(ctx context.Context) (ServerMetrics, error) {
	req, err := http.NewRequestWithContext(ctx, "GET", c.Base+"/metrics", nil)
	if err != nil {
		return nil, err
	}
	if c.MetricsToken != "" {
		req.Header.Set("Authorization", "Bearer "+c.MetricsToken)
	}
	resp, err := c.HTTP.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("GET /metrics: %s", resp.Status)
	}
	p := expfmt.NewTextParser(model.UTF8Validation)
	fams, err := p.TextToMetricFamilies(resp.Body)
	if err != nil {
		return nil, fmt.Errorf("parse /metrics: %w", err)
	}
	return fams, nil
}

// Gauge is the value of an unlabelled gauge (or counter); NaN when absent.
func (m ServerMetrics) Gauge(name string) float64 {
	f, ok := m[name]
	if !ok || len(f.Metric) == 0 {
		return math.NaN()
	}
	mt := f.Metric[0]
	switch {
	case mt.Gauge != nil:
		return mt.Gauge.GetValue()
	case mt.Counter != nil:
		return mt.Counter.GetValue()
	}
	return math.NaN()
}

// histogram is a cumulative histogram: upper bounds and counts.
type histogram struct {
	bounds []float64
	counts []uint64
	total  uint64
}

func (m ServerMetrics) histogram(name string) histogram {
	f, ok := m[name]
	if !ok || len(f.Metric) == 0 || f.Metric[0].Histogram == nil {
		return histogram{}
	}
	h := f.Metric[0].Histogram
	var out histogram
	for _, b := range h.Bucket {
		out.bounds = append(out.bounds, b.GetUpperBound())
		out.counts = append(out.counts, b.GetCumulativeCount())
	}
	out.total = h.GetSampleCount()
	return out
}

// HistogramQuantile estimates quantile q of the observations made between
// two scrapes, as Prometheus's histogram_quantile does (linear within the
// bucket). It returns the number of observations too.
func HistogramQuantile(before, after ServerMetrics, name string, q float64) (float64, uint64) {
	a, b := after.histogram(name), before.histogram(name)
	if len(a.bounds) == 0 {
		return math.NaN(), 0
	}
	counts := make([]uint64, len(a.counts))
	for i := range a.counts {
		counts[i] = a.counts[i]
		if i < len(b.counts) {
			counts[i] -= b.counts[i]
		}
	}
	total := a.total - b.total
	if total == 0 {
		return math.NaN(), 0
	}
	rank := q * float64(total)
	lower, prev := 0.0, uint64(0)
	for i, c := range counts {
		if float64(c) >= rank {
			upper := a.bounds[i]
			if math.IsInf(upper, 1) {
				return lower, total
			}
			inBucket := float64(c - prev)
			if inBucket == 0 {
				return upper, total
			}
			return lower + (upper-lower)*(rank-float64(prev))/inBucket, total
		}
		lower, prev = a.bounds[i], c
	}
	return lower, total
}
