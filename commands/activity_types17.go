package commands

import (
	"fmt"
	"math"

	"github.com/cajalive/caja"
	"github.com/cajalive/caja/writemodel"
)

// Settings of the types of issue 17: ranking, scales, points, numeric and
// content slides (which have none).
type rankingSettings struct {
	resultsSetting
	timerSound
	TimeLimitS *int `json:"time_limit_s,omitempty"`
}

type scalesSettings struct {
	resultsSetting
	timerSound
	Min        int    `json:"min"`
	Max        int    `json:"max"`
	MinLabel   string `json:"min_label,omitempty"`
	MaxLabel   string `json:"max_label,omitempty"`
	TimeLimitS *int   `json:"time_limit_s,omitempty"`
}

type pointsSettings struct {
	resultsSetting
	timerSound
	Total      int  `json:"total"`
	TimeLimitS *int `json:"time_limit_s,omitempty"`
}

// numericCorrect makes a numeric activity a quiz: an answer within
// tolerance of value is right, scored like a quiz answer.
type numericCorrect struct {
	Value     *float64 `json:"value"`
	Tolerance float64  `json:"tolerance"`
}

type numericSettings struct {
	resultsSetting
	timerSound
	Min     float64         `json:"min"`
	Max     float64         `json:"max"`
	Unit    string          `json:"unit,omitempty"`
	Correct *numericCorrect `json:"correct,omitempty"`
	// Points and TimeLimitS of the quiz variant: like a quiz's, defaults
	// 1000 points and 20 s when correct is set.
	Points     *int `json:"points,omitempty"`
	TimeLimitS *int `json:"time_limit_s,omitempty"`
}

type contentSettings struct{}

// Bounds of the new types.
const (
	minRankingOptions = 2
	maxTypeOptions    = 10
	maxNumber         = 1e12
	maxBody           = 10000
)

// Quiz returns a numeric quiz's scoring as quiz settings; ok is false for a
// plain numeric activity.
func (s numericSettings) Quiz() (quizSettings, bool) {
	if s.Correct == nil {
		return quizSettings{}, false
	}
	q := quizSettings{TimeLimitS: 20, Points: 1000}
	if s.TimeLimitS != nil {
		q.TimeLimitS = *s.TimeLimitS
	}
	if s.Points != nil {
		q.Points = *s.Points
	}
	return q, true
}

// checkNewTypeSettings checks the settings of the types of issue 17, and
// fills in the quiz variant's defaults.
func checkNewTypeSettings(errs *caja.Fields, typ string, s *Settings) {
	switch typ {
	case writemodel.TypeScales:
		if s.Scales.Min < 0 || s.Scales.Min > 1 {
			errs.Add("settings.min", "must be 0 or 1")
		}
		if s.Scales.Max < 2 || s.Scales.Max > 10 {
			errs.Add("settings.max", "must be between 2 and 10")
		}
		s.Scales.MinLabel = text(errs, "settings.min_label", s.Scales.MinLabel, 0, 100)
		s.Scales.MaxLabel = text(errs, "settings.max_label", s.Scales.MaxLabel, 0, 100)
	case writemodel.TypePoints:
		if s.Points.Total < 10 || s.Points.Total > 1000 {
			errs.Add("settings.total", "must be between 10 and 1000")
		}
	case writemodel.TypeNumeric:
		n := &s.Numeric
		if !finite(n.Min) || !finite(n.Max) || n.Min >= n.Max {
			errs.Add("settings.max", "the range must have min < max, both between -%g and %g", maxNumber, maxNumber)
		}
		n.Unit = text(errs, "settings.unit", n.Unit, 0, 20)
		if n.Correct == nil {
			if n.Points != nil {
				errs.Add("settings.points", "needs settings.correct (points are for the quiz variant)")
			}
			return
		}
		c := n.Correct
		switch {
		case c.Value == nil:
			errs.Add("settings.correct.value", "is required")
		case *c.Value < n.Min || *c.Value > n.Max:
			errs.Add("settings.correct.value", "must be between settings.min and settings.max")
		}
		if c.Tolerance < 0 || !finite(c.Tolerance) {
			errs.Add("settings.correct.tolerance", "must be a non-negative number up to %g", maxNumber)
		}
		if n.TimeLimitS == nil {
			d := 20
			n.TimeLimitS = &d
		}
		if n.Points == nil {
			d := 1000
			n.Points = &d
		} else if *n.Points < 1 || *n.Points > 100000 {
			errs.Add("settings.points", "must be between 1 and 100000")
		}
	}
}

func finite(x float64) bool {
	return !math.IsNaN(x) && !math.IsInf(x, 0) && math.Abs(x) <= maxNumber
}

// checkTypeOptions validates the options of ranking (2–10), scales (its
// statements, 1–10) and points (2–10): labels only, no right answer.
func checkTypeOptions(errs *caja.Fields, typ string, opts []OptionInput) []OptionInput {
	least := minRankingOptions
	if typ == writemodel.TypeScales {
		least = 1
	}
	if len(opts) < least || len(opts) > maxTypeOptions {
		errs.Add("options", "must have between %d and %d options", least, maxTypeOptions)
		return nil
	}
	out := make([]OptionInput, len(opts))
	for i, o := range opts {
		out[i] = OptionInput{Label: text(errs, fmt.Sprintf("options[%d].label", i), o.Label, 1, 200)}
		if o.Correct {
			errs.Add(fmt.Sprintf("options[%d].correct", i), "only quiz options can be right")
		}
	}
	return out
}

// hasTypeOptions reports whether a type of issue 17 takes options.
func hasTypeOptions(typ string) bool {
	return typ == writemodel.TypeRanking || typ == writemodel.TypeScales || typ == writemodel.TypePoints
}

// checkBody validates a content slide's Markdown body (nil: not sent). Only
// content slides have one.
func checkBody(errs *caja.Fields, typ string, body *string) string {
	if body == nil {
		return ""
	}
	if typ != writemodel.TypeContent {
		if *body != "" {
			errs.Add("body", "is only for content slides")
		}
		return ""
	}
	return multiline(errs, "body", *body, 0, maxBody)
}
