package writemodel

import (
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"gorm.io/gorm"

	"github.com/cajalive/caja"
)

// The export of the types of issue 17: each answer in readable form (a
// ranking "A > C > B", scales "Statement: 4; …", points "A: 60; B: 40", a
// number as written), and each activity's results from its tallies.

// typeAnswer renders an answer of a ranking, scales, points or numeric
// activity; ok is false for other types.
func typeAnswer(typ string, optionIDs, ratings, optionPoints *string, number *float64, options []ActivityOption, optionAt map[string]int) (answer string, ok bool, err error) {
	label := func(id string) string {
		if i, found := optionAt[id]; found {
			return options[i].Label
		}
		return id
	}
	switch typ {
	case TypeRanking:
		var ids []string
		if optionIDs != nil {
			if err := json.Unmarshal([]byte(*optionIDs), &ids); err != nil {
				return "", true, fmt.Errorf("export ranking: %w", err)
			}
		}
		labels := make([]string, len(ids))
		for i, id := range ids {
			labels[i] = label(id)
		}
		return strings.Join(labels, " > "), true, nil
	case TypeScales, TypePoints:
		src := ratings
		if typ == TypePoints {
			src = optionPoints
		}
		var values map[string]int
		if src != nil {
			if err := json.Unmarshal([]byte(*src), &values); err != nil {
				return "", true, fmt.Errorf("export %s: %w", typ, err)
			}
		}
		// In the options' order.
		ids := make([]string, 0, len(values))
		for id := range values {
			ids = append(ids, id)
		}
		slices.SortFunc(ids, func(a, b string) int { return optionAt[a] - optionAt[b] })
		parts := make([]string, len(ids))
		for i, id := range ids {
			parts[i] = label(id) + ": " + strconv.Itoa(values[id])
		}
		return strings.Join(parts, "; "), true, nil
	case TypeNumeric:
		if number == nil {
			return "", true, nil
		}
		return strconv.FormatFloat(*number, 'f', -1, 64), true, nil
	}
	return "", false, nil
}

// typeTallies collects the 'points' and 'scale' tallies of a session's
// export.
type typeTallies struct {
	points map[string]int         // option id -> summed points
	scales map[string]map[int]int // option id -> rating -> count
}

func (t *typeTallies) add(kind, key string, n int64) {
	switch kind {
	case "points":
		if t.points == nil {
			t.points = map[string]int{}
		}
		t.points[key] += int(n)
	case "scale":
		id, v, ok := strings.Cut(key, ":")
		rating, err := strconv.Atoi(v)
		if !ok || err != nil || n <= 0 {
			return
		}
		if t.scales == nil {
			t.scales = map[string]map[int]int{}
		}
		if t.scales[id] == nil {
			t.scales[id] = map[int]int{}
		}
		t.scales[id][rating] += int(n)
	}
}

// summarize fills the results of an activity of a type of issue 17: per
// option the summed points (ranking, points) or the ratings' count and
// average (scales); a numeric activity's mean.
func (t *typeTallies) summarize(db *gorm.DB, a *Activity, opts []ActivityOption, line *caja.ExportSummary) error {
	switch a.Type {
	case TypeRanking, TypePoints:
		line.Options = make([]caja.ExportOptionCount, 0, len(opts))
		for _, o := range opts {
			line.Options = append(line.Options, caja.ExportOptionCount{Label: o.Label, Count: t.points[o.ID]})
		}
	case TypeScales:
		line.Options = make([]caja.ExportOptionCount, 0, len(opts))
		for _, o := range opts {
			c := caja.ExportOptionCount{Label: o.Label}
			sum := 0
			for v, n := range t.scales[o.ID] {
				c.Count += n
				sum += v * n
			}
			if c.Count > 0 {
				avg := math.Round(float64(sum)/float64(c.Count)*100) / 100
				c.Average = &avg
			}
			line.Options = append(line.Options, c)
		}
	case TypeNumeric:
		var mean struct{ Mean *float64 }
		if err := db.Raw("SELECT AVG(number_value) AS mean FROM responses WHERE activity_id = ? AND number_value IS NOT NULL", a.ID).Find(&mean).Error; err != nil {
			return classify(fmt.Errorf("export numeric: %w", err))
		}
		if mean.Mean != nil {
			avg := math.Round(*mean.Mean*100) / 100
			line.Average = &avg
		}
	}
	return nil
}
