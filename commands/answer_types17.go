package commands

import (
	"fmt"
	"maps"
	"math"
	"slices"
	"strings"

	"github.com/cajalive/caja"
	"github.com/cajalive/caja/writemodel"
)

// The answers of the types of issue 17. Each may be changed while the
// activity is open (AnswerReplace), except a numeric quiz's: like a quiz
// answer, the first one stands.

// optionIndex maps an activity's option ids to their position.
func optionIndex(opts []writemodel.ActivityOption) map[string]int {
	at := make(map[string]int, len(opts))
	for i, o := range opts {
		at[o.ID] = i
	}
	return at
}

// planRanking takes every option once, best first; the first earns n−1
// points, the last 0 (Borda), which the database sums per option.
func planRanking(plan *writemodel.Answer, opts []writemodel.ActivityOption, cmd SubmitResponse) error {
	var errs caja.Fields
	onlyFields(&errs, cmd, "option_ids")
	at := optionIndex(opts)
	seen := make(map[string]bool, len(cmd.OptionIDs))
	ids := make([]string, 0, len(cmd.OptionIDs))
	for i, id := range cmd.OptionIDs {
		if i >= len(opts) {
			break // named below, once
		}
		id = strings.ToLower(id)
		switch _, ok := at[id]; {
		case !ok:
			errs.Add(fmt.Sprintf("option_ids[%d]", i), "is not an option of this activity")
		case seen[id]:
			errs.Add(fmt.Sprintf("option_ids[%d]", i), "ranks an option a second time")
		default:
			seen[id] = true
			ids = append(ids, id)
		}
	}
	if cmd.OptionIDs == nil {
		errs.Add("option_ids", "is required: every option once, best first")
	} else if len(cmd.OptionIDs) != len(opts) {
		errs.Add("option_ids", "must rank every one of the %d options exactly once", len(opts))
	}
	if err := errs.Err(); err != nil {
		return err
	}
	points := make(map[string]int, len(ids))
	for i, id := range ids {
		points[id] = len(ids) - 1 - i
	}
	plan.OptionIDs = ids
	plan.Response.OptionPoints = writemodel.ValuesJSON(points)
	return nil
}

// valuesPerOption checks the keys of a ratings or points object against
// the options; it returns the values by lower-case option id.
func valuesPerOption(errs *caja.Fields, field string, sent map[string]int, opts []writemodel.ActivityOption) map[string]int {
	at := optionIndex(opts)
	out := make(map[string]int, len(sent))
	for _, k := range slices.Sorted(maps.Keys(sent)) {
		id := strings.ToLower(k)
		if _, ok := at[id]; !ok {
			errs.Add(field+"."+k, "is not an option of this activity")
			continue
		}
		if _, dup := out[id]; dup {
			errs.Add(field+"."+k, "names an option a second time")
			continue
		}
		out[id] = sent[k]
	}
	return out
}

// planScales takes a rating of every statement, each within min..max.
func planScales(plan *writemodel.Answer, settings Settings, opts []writemodel.ActivityOption, cmd SubmitResponse) error {
	var errs caja.Fields
	onlyFields(&errs, cmd, "ratings")
	s := settings.Scales
	if cmd.Ratings == nil {
		errs.Add("ratings", "is required: a rating of every statement")
		return errs.Err()
	}
	ratings := valuesPerOption(&errs, "ratings", cmd.Ratings, opts)
	for _, k := range slices.Sorted(maps.Keys(cmd.Ratings)) {
		if v, ok := ratings[strings.ToLower(k)]; ok && (v < s.Min || v > s.Max) {
			errs.Add("ratings."+k, "must be between %d and %d", s.Min, s.Max)
		}
	}
	for _, o := range opts {
		if _, ok := ratings[o.ID]; !ok {
			errs.Add("ratings."+o.ID, "is required: rate every statement")
		}
	}
	if err := errs.Err(); err != nil {
		return err
	}
	plan.Response.Ratings = writemodel.ValuesJSON(ratings)
	return nil
}

// planPoints takes non-negative whole points per option, at most the
// settings' total in all; options given none may be left out.
func planPoints(plan *writemodel.Answer, settings Settings, opts []writemodel.ActivityOption, cmd SubmitResponse) error {
	var errs caja.Fields
	onlyFields(&errs, cmd, "points")
	total := settings.Points.Total
	if cmd.Points == nil {
		errs.Add("points", "is required: points per option, %d in all at most", total)
		return errs.Err()
	}
	given := valuesPerOption(&errs, "points", cmd.Points, opts)
	sum := 0
	kept := make(map[string]int, len(given))
	for _, k := range slices.Sorted(maps.Keys(cmd.Points)) {
		v, id := cmd.Points[k], strings.ToLower(k)
		if _, ok := given[id]; !ok {
			continue
		}
		if v < 0 || v > total {
			errs.Add("points."+k, "must be between 0 and %d", total)
			continue
		}
		sum += v
		if v > 0 {
			kept[id] = v
		}
	}
	if sum > total {
		errs.Add("points", "must add up to at most %d (they add up to %d)", total, sum)
	}
	if err := errs.Err(); err != nil {
		return err
	}
	plan.Response.OptionPoints = writemodel.ValuesJSON(kept)
	return nil
}

// planNumeric takes a number within the settings' range; the quiz variant
// scores it like a quiz answer, timed by the server, once.
func planNumeric(plan *writemodel.Answer, a *writemodel.Activity, settings Settings, cmd SubmitResponse) error {
	var errs caja.Fields
	onlyFields(&errs, cmd, "value")
	s := settings.Numeric
	switch {
	case cmd.Value == nil:
		errs.Add("value", "is required")
	case math.IsNaN(*cmd.Value) || *cmd.Value < s.Min || *cmd.Value > s.Max:
		errs.Add("value", "must be between %g and %g", s.Min, s.Max)
	}
	if err := errs.Err(); err != nil {
		return err
	}
	v := *cmd.Value
	plan.Response.NumberValue = &v
	if q, ok := s.Quiz(); ok {
		// A hair of slack, so that 0.1 + 0.2 is within 0 of 0.3.
		right := math.Abs(v-*s.Correct.Value) <= s.Correct.Tolerance+1e-9*math.Max(1, math.Abs(*s.Correct.Value))
		plan.Kind = writemodel.AnswerOnce
		plan.Response.Correct = &right
		plan.Response.Points = quizPoints(right, a.OpenedAt, plan.Response.CreatedAt, q)
	}
	return nil
}

// scored reports whether an activity's answers earn points on the
// leaderboard once revealed: quizzes and numeric quizzes.
func scored(a *writemodel.Activity) bool {
	return writemodel.Scored(a)
}
