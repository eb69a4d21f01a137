package readmodel

import (
	"cmp"
	"encoding/json"
	"math"
	"slices"

	"github.com/cajalive/caja/writemodel"
)

// Results of the types of issue 17. Types with options list them as
// options: [{id, label, …figures}], as polls do.

type rankedOption struct {
	ID          string   `json:"id"`
	Label       string   `json:"label"`
	Points      int      `json:"points"`
	AverageRank *float64 `json:"average_rank"`
}

type rankingResults struct {
	TotalResponses int            `json:"total_responses"`
	Options        []rankedOption `json:"options"`
}

type scaleOption struct {
	ID           string          `json:"id"`
	Label        string          `json:"label"`
	Average      *float64        `json:"average"`
	Count        int             `json:"count"`
	Distribution []valueCountDoc `json:"distribution"`
}

type scalesResults struct {
	TotalResponses int           `json:"total_responses"`
	Options        []scaleOption `json:"options"`
}

type pointsOption struct {
	ID      string   `json:"id"`
	Label   string   `json:"label"`
	Points  int      `json:"points"`
	Average *float64 `json:"average"`
}

type pointsResults struct {
	TotalResponses int            `json:"total_responses"`
	Options        []pointsOption `json:"options"`
}

type bucketDoc struct {
	From  float64 `json:"from"`
	To    float64 `json:"to"`
	Count int     `json:"count"`
}

type numericResults struct {
	Count     int         `json:"count"`
	Mean      *float64    `json:"mean"`
	Median    *float64    `json:"median"`
	Min       *float64    `json:"min"`
	Max       *float64    `json:"max"`
	Histogram []bucketDoc `json:"histogram"`
}

// round2 rounds a figure to two decimals for the screen.
func round2(x float64) *float64 {
	r := math.Round(x*100) / 100
	return &r
}

// typeResults renders the results of a type of issue 17; nil for others.
func typeResults(a *writemodel.Activity, opts []writemodel.ActivityOption, d *writemodel.ActivityData) any {
	sums := make(map[string]int, len(d.Sums))
	for _, s := range d.Sums {
		sums[s.OptionID] = s.Sum
	}
	position := make(map[string]int, len(opts))
	for i, o := range opts {
		position[o.ID] = i
	}
	switch a.Type {
	case writemodel.TypeRanking:
		// Every answer ranks every option, ranks 1..n earning n−1..0
		// points: the ranks of an option add up to n·answers − points.
		r := rankingResults{TotalResponses: d.Total, Options: make([]rankedOption, 0, len(opts))}
		for _, o := range opts {
			ro := rankedOption{ID: o.ID, Label: o.Label, Points: sums[o.ID]}
			if d.Total > 0 {
				ro.AverageRank = round2(float64(len(opts)) - float64(ro.Points)/float64(d.Total))
			}
			r.Options = append(r.Options, ro)
		}
		slices.SortStableFunc(r.Options, func(x, y rankedOption) int { return cmp.Compare(y.Points, x.Points) })
		return r
	case writemodel.TypePoints:
		r := pointsResults{TotalResponses: d.Total, Options: make([]pointsOption, 0, len(opts))}
		for _, o := range opts {
			po := pointsOption{ID: o.ID, Label: o.Label, Points: sums[o.ID]}
			if d.Total > 0 {
				po.Average = round2(float64(po.Points) / float64(d.Total))
			}
			r.Options = append(r.Options, po)
		}
		slices.SortStableFunc(r.Options, func(x, y pointsOption) int { return cmp.Compare(y.Points, x.Points) })
		return r
	case writemodel.TypeScales:
		var s struct{ Min, Max int }
		s.Min, s.Max = 1, 5
		_ = json.Unmarshal([]byte(a.Settings), &s)
		counts := make(map[string]map[int]int, len(opts))
		for _, c := range d.Scales {
			if counts[c.OptionID] == nil {
				counts[c.OptionID] = map[int]int{}
			}
			counts[c.OptionID][c.Value] += c.Count
		}
		r := scalesResults{TotalResponses: d.Total, Options: make([]scaleOption, 0, len(opts))}
		for _, o := range opts {
			so := scaleOption{ID: o.ID, Label: o.Label, Distribution: make([]valueCountDoc, 0, s.Max-s.Min+1)}
			sum := 0
			for x := s.Min; x <= s.Max; x++ {
				n := counts[o.ID][x]
				so.Count += n
				sum += x * n
				so.Distribution = append(so.Distribution, valueCountDoc{Value: x, Count: n})
			}
			if so.Count > 0 {
				so.Average = round2(float64(sum) / float64(so.Count))
			}
			r.Options = append(r.Options, so)
		}
		return r
	case writemodel.TypeNumeric:
		st := d.Numeric
		if st == nil {
			st = &writemodel.NumericStats{}
		}
		r := numericResults{Count: st.Count, Mean: st.Mean, Median: st.Median, Min: st.Min, Max: st.Max, Histogram: make([]bucketDoc, 0, writemodel.NumericBuckets)}
		width := (st.To - st.From) / writemodel.NumericBuckets
		for i, n := range st.Buckets {
			to := st.From + float64(i+1)*width
			if i == writemodel.NumericBuckets-1 {
				to = st.To
			}
			r.Histogram = append(r.Histogram, bucketDoc{From: st.From + float64(i)*width, To: to, Count: n})
		}
		return r
	case writemodel.TypeContent:
		return struct{}{}
	}
	return nil
}
