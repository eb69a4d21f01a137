package readmodel

import (
	"encoding/json"

	"github.com/cajalive/caja/writemodel"
)

// resultsOnReveal reports whether an activity keeps its results off the
// display (and phones) until results_visible: settings.results on_reveal.
func resultsOnReveal(a *writemodel.Activity) bool {
	var s struct {
		Results string `json:"results"`
	}
	_ = json.Unmarshal([]byte(a.Settings), &s) // validated by the commands
	return s.Results == "on_reveal"
}

// responsesOnly is the results document of an activity whose results are
// not shown yet: the number of responses, no counts per option, no words,
// no entries.
func responsesOnly(a *writemodel.Activity, d *writemodel.ActivityData) json.RawMessage {
	var v any
	if a.Type == writemodel.TypeNumeric {
		v = struct {
			Count int `json:"count"`
		}{d.Total}
	} else if a.Type == writemodel.TypeRating {
		total := 0
		for _, c := range d.Values {
			total += c.Count
		}
		v = struct {
			Count int `json:"count"`
		}{total}
	} else {
		v = struct {
			TotalResponses int `json:"total_responses"`
		}{d.Total}
	}
	b, _ := json.Marshal(v) // plain structs: cannot fail
	return b
}
