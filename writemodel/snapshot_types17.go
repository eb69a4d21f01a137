package writemodel

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"gorm.io/gorm"
)

// OptionSum is an option's summed points (ranking: Borda points; points:
// the points given to it).
type OptionSum struct {
	OptionID string
	Sum      int
}

// ScaleCount is how often a statement of a scales activity got a rating.
type ScaleCount struct {
	OptionID string
	Value    int
	Count    int
}

// NumericBuckets is how many equal buckets a numeric histogram has.
const NumericBuckets = 10

// NumericStats are a numeric activity's figures, aggregates the database
// computes from the answers (nil figures: no answers).
type NumericStats struct {
	Count                  int
	Mean, Median, Min, Max *float64
	// Buckets counts the answers in each of NumericBuckets equal buckets
	// over the settings' range, [from, to) each, the last one closed.
	Buckets [NumericBuckets]int
	// From and To are the settings' range the buckets split.
	From, To float64
}

// loadTypeData reads the results of the types of issue 17.
func loadTypeData(tx *gorm.DB, a *Activity, d *ActivityData) error {
	var err error
	switch a.Type {
	case TypeRanking, TypePoints:
		d.Sums, d.Total, err = withTotal[OptionSum](tx, "SELECT key AS option_id, CAST(SUM(n) AS bigint) AS sum, "+totalColumn+" FROM result_tallies WHERE activity_id = ? AND kind = 'points' GROUP BY key", a.ID)
		if err == nil && d.Sums == nil {
			d.Total, err = totalOf(tx, a.ID)
		}
	case TypeScales:
		var rows []struct {
			Key   string
			Count int
		}
		if err = tx.Raw("SELECT key, CAST(SUM(n) AS bigint) AS count FROM result_tallies WHERE activity_id = ? AND kind = 'scale' GROUP BY key HAVING SUM(n) > 0", a.ID).Find(&rows).Error; err != nil {
			break
		}
		for _, r := range rows {
			// Keys are "<option id>:<rating>" (migration 00018).
			id, v, ok := strings.Cut(r.Key, ":")
			n, convErr := strconv.Atoi(v)
			if ok && convErr == nil {
				d.Scales = append(d.Scales, ScaleCount{OptionID: id, Value: n, Count: r.Count})
			}
		}
		d.Total, err = totalOf(tx, a.ID)
	case TypeNumeric:
		d.Numeric, err = loadNumeric(tx, a)
		if d.Numeric != nil {
			d.Total = d.Numeric.Count
		}
	}
	return err
}

func totalOf(tx *gorm.DB, activityID string) (int, error) {
	var t struct{ N int64 }
	err := tx.Raw("SELECT COALESCE(CAST(SUM(n) AS bigint), 0) AS n FROM result_tallies WHERE activity_id = ? AND kind = 'total'", activityID).Find(&t).Error
	return int(t.N), err
}

// numericAnswers are the rows numeric figures are computed from.
const numericAnswers = "FROM responses WHERE activity_id = ? AND number_value IS NOT NULL"

// loadNumeric asks the database for a numeric activity's figures: count,
// mean, median, extremes, and the histogram's counts per bucket, in three
// statements over the activity's answers (by its index).
func loadNumeric(tx *gorm.DB, a *Activity) (*NumericStats, error) {
	var s struct {
		Min, Max float64
	}
	s.Min, s.Max = 0, 100
	_ = json.Unmarshal([]byte(a.Settings), &s) // validated by the commands
	st := &NumericStats{From: s.Min, To: s.Max}
	var agg struct {
		Count                int64
		Mean, Lo, Hi, Median *float64
	}
	postgres := tx.Name() == "postgres"
	// SQLite has no percentile_cont: the mean of the middle one or two rows.
	median := "(SELECT AVG(number_value) FROM (SELECT number_value " + numericAnswers + " ORDER BY number_value LIMIT 2 - (SELECT COUNT(*) " + numericAnswers + ") % 2 OFFSET ((SELECT COUNT(*) " + numericAnswers + ") - 1) / 2) m)"
	args := []any{a.ID, a.ID, a.ID, a.ID}
	if postgres {
		median = "percentile_cont(0.5) WITHIN GROUP (ORDER BY number_value)"
		args = []any{a.ID}
	}
	q := "SELECT COUNT(*) AS count, AVG(number_value) AS mean, MIN(number_value) AS lo, MAX(number_value) AS hi, " + median + " AS median " + numericAnswers
	if err := tx.Raw(q, args...).Find(&agg).Error; err != nil {
		return nil, fmt.Errorf("numeric figures: %w", err)
	}
	st.Count, st.Mean, st.Min, st.Max, st.Median = int(agg.Count), agg.Mean, agg.Lo, agg.Hi, agg.Median
	if st.Count == 0 || s.Max <= s.Min {
		return st, nil
	}
	// The bucket of each answer within the range, the maximum in the last.
	bucket := "MIN(CAST((number_value - ?) * 10 / ? AS integer), 9)"
	if postgres {
		bucket = "LEAST(CAST(floor((number_value - ?) * 10 / ?) AS integer), 9)"
	}
	var rows []struct{ Bucket, N int }
	err := tx.Raw("SELECT "+bucket+" AS bucket, COUNT(*) AS n "+numericAnswers+" AND number_value BETWEEN ? AND ? GROUP BY 1",
		s.Min, s.Max-s.Min, a.ID, s.Min, s.Max).Find(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("numeric histogram: %w", err)
	}
	for _, r := range rows {
		if r.Bucket >= 0 && r.Bucket < NumericBuckets {
			st.Buckets[r.Bucket] = r.N
		}
	}
	return st, nil
}
