package commands

import "github.com/cajalive/caja"

// Results modes: live (the default) shows results on the display as they
// come; on_reveal shows them nowhere but on the dashboard until the
// organizer sets results_visible.
const (
	ResultsLive     = "live"
	ResultsOnReveal = "on_reveal"
)

// resultsSetting is settings.results of every type with results on a
// screen (all but Q&A, whose questions are its content). Empty is live and
// is not stored.
type resultsSetting struct {
	Results string `json:"results,omitempty"`
}

func (r *resultsSetting) results() *resultsSetting { return r }

// resultsOf finds the results setting of a type's settings, if it has one.
func resultsOf(target any) *resultsSetting {
	if t, ok := target.(interface{ results() *resultsSetting }); ok {
		return t.results()
	}
	return nil
}

func checkResults(errs *caja.Fields, r *resultsSetting) {
	switch r.Results {
	case "", ResultsLive, ResultsOnReveal:
	default:
		errs.Add("settings.results", "must be live or on_reveal")
	}
}
