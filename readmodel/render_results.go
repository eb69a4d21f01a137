package readmodel

import (
	"encoding/json"
	"math"
	"time"

	"github.com/cajalive/caja"
	"github.com/cajalive/caja/writemodel"
)

type choiceCount struct {
	ID      string `json:"id"`
	Label   string `json:"label"`
	Count   int    `json:"count"`
	Correct *bool  `json:"correct,omitempty"`
}

type choiceResults struct {
	TotalResponses int           `json:"total_responses"`
	Options        []choiceCount `json:"options"`
}

type wordResults struct {
	TotalResponses int            `json:"total_responses"`
	Words          []wordCountDoc `json:"words"`
}

type wordCountDoc struct {
	Text  string `json:"text"`
	Count int    `json:"count"`
	// ID (an entry of the word, to hide it by) and Hidden: the organizer's
	// documents only.
	ID     string `json:"id,omitempty"`
	Hidden *bool  `json:"hidden,omitempty"`
	// Held (waiting for approval) and Flagged (a listed word): the
	// organizer's documents only.
	Held    *bool `json:"held,omitempty"`
	Flagged bool  `json:"flagged,omitempty"`
}

type textAnswerDoc struct {
	ID        string    `json:"id"`
	Text      string    `json:"text"`
	CreatedAt time.Time `json:"created_at"`
	// Hidden, Held and Flagged: the organizer's documents only (others
	// never see hidden or held ones).
	Hidden  *bool `json:"hidden,omitempty"`
	Held    *bool `json:"held,omitempty"`
	Flagged bool  `json:"flagged,omitempty"`
}

type textResults struct {
	TotalResponses int             `json:"total_responses"`
	Answers        []textAnswerDoc `json:"answers"`
}

type valueCountDoc struct {
	Value int `json:"value"`
	Count int `json:"count"`
}

type ratingResults struct {
	Count        int             `json:"count"`
	Average      *float64        `json:"average"`
	Distribution []valueCountDoc `json:"distribution"`
}

type qnaResults struct {
	TotalQuestions int             `json:"total_questions"`
	Questions      []caja.Question `json:"questions"`
	// StatusCounts (the organizer's only) counts every question by status.
	StatusCounts map[string]int `json:"status_counts,omitempty"`
}

// encodedLen is how many bytes s takes as a JSON string.
func encodedLen(s string) int {
	b, _ := json.Marshal(s) // a string: cannot fail
	return len(b)
}

// results renders an activity's results; withCorrect marks right options.
func results(a *writemodel.Activity, opts []writemodel.ActivityOption, d *writemodel.ActivityData, withCorrect, audience bool, screen *entryScreen) (json.RawMessage, []caja.Question) {
	var v any
	var questions []caja.Question
	switch a.Type {
	case writemodel.TypePoll, writemodel.TypeQuiz:
		counts := make(map[string]int, len(d.Options))
		for _, c := range d.Options {
			counts[c.OptionID] = c.Count
		}
		r := choiceResults{TotalResponses: d.Total, Options: make([]choiceCount, 0, len(opts))}
		for _, o := range opts {
			c := choiceCount{ID: o.ID, Label: o.Label, Count: counts[o.ID]}
			if withCorrect && a.Type == writemodel.TypeQuiz {
				ok := o.Correct
				c.Correct = &ok
			}
			r.Options = append(r.Options, c)
		}
		v = r
	case writemodel.TypeWordCloud:
		r := wordResults{TotalResponses: d.Total, Words: make([]wordCountDoc, 0, len(d.Words))}
		moderated := moderatedFreeText(a)
		for _, w := range d.Words {
			st := screen.state(w.Text, w.Hidden, w.Approved, moderated)
			if audience && !st.visible() {
				continue
			}
			doc := wordCountDoc{Text: w.Text, Count: w.Count}
			if !audience {
				hidden, held := st.Hidden, st.Held
				doc.ID, doc.Hidden, doc.Held, doc.Flagged = w.ID, &hidden, &held, st.Flagged
			}
			r.Words = append(r.Words, doc)
		}
		v = r
	case writemodel.TypeOpenText:
		r := textResults{TotalResponses: d.Total, Answers: make([]textAnswerDoc, 0, len(d.Texts))}
		budget := textsBudget
		moderated := moderatedFreeText(a)
		for _, t := range d.Texts {
			st := screen.state(t.Text, t.Hidden, t.Approved, moderated)
			if audience && !st.visible() {
				continue
			}
			if budget -= encodedLen(t.Text); budget < 0 {
				break
			}
			doc := textAnswerDoc{ID: t.ID, Text: t.Text, CreatedAt: t.UpdatedAt.UTC()}
			if !audience {
				hidden, held := st.Hidden, st.Held
				doc.Hidden, doc.Held, doc.Flagged = &hidden, &held, st.Flagged
			}
			r.Answers = append(r.Answers, doc)
		}
		v = r
	case writemodel.TypeRating:
		var s struct{ Min, Max int }
		s.Min, s.Max = 1, 5
		_ = json.Unmarshal([]byte(a.Settings), &s)
		counts := map[int]int{}
		total, sum := 0, 0
		for _, c := range d.Values {
			counts[c.Value] = c.Count
			total += c.Count
			sum += c.Value * c.Count
		}
		r := ratingResults{Count: total, Distribution: make([]valueCountDoc, 0, s.Max-s.Min+1)}
		if total > 0 {
			avg := math.Round(float64(sum)/float64(total)*100) / 100
			r.Average = &avg
		}
		for x := s.Min; x <= s.Max; x++ {
			r.Distribution = append(r.Distribution, valueCountDoc{Value: x, Count: counts[x]})
		}
		v = r
	case writemodel.TypeQnA:
		// The top questions only (the snapshot read no more); the rest
		// are in the paged list.
		rows := d.Questions
		if audience {
			rows = d.PublicQuestions
		}
		questions = make([]caja.Question, 0, len(rows))
		budget := questionsBudget
		for i := range rows {
			if budget -= encodedLen(rows[i].Text); budget < 0 {
				break
			}
			questions = append(questions, writemodel.QuestionOf(&rows[i].Question, rows[i].Upvotes))
		}
		r := qnaResults{Questions: questions}
		for status, n := range d.QuestionCounts {
			if !audience || writemodel.VisibleToAudience(status) {
				r.TotalQuestions += n
			}
		}
		if !audience {
			r.StatusCounts = d.QuestionCounts
		}
		v = r
	default:
		v = typeResults(a, opts, d)
	}
	b, _ := json.Marshal(v)
	return b, questions
}

// activityDocs renders the organizer's and the audience's versions of one
// activity with its results.
type activityDocs struct {
	admin, audience, display        caja.Activity
	adminResults, publicResults     json.RawMessage
	adminQuestions, publicQuestions []caja.Question
}

func renderActivity(a *writemodel.Activity, opts []writemodel.ActivityOption, d *writemodel.ActivityData, screen *entryScreen) activityDocs {
	revealed := a.ResultsVisible
	var out activityDocs
	out.admin = writemodel.OrganizerActivityOf(a, opts)
	out.audience = writemodel.ActivityOf(a, opts, revealed)
	out.display = out.audience
	if d == nil {
		return out
	}
	out.adminResults, out.adminQuestions = results(a, opts, d, true, false, screen)
	out.publicResults, out.publicQuestions = results(a, opts, d, revealed, true, screen)
	out.admin.Results = out.adminResults
	out.display.Results = out.publicResults
	addReactions(&out.display, d.Reactions)
	addReactions(&out.admin, d.Reactions)
	if !revealed && resultsOnReveal(a) {
		// Until the organizer shows them, the screen shows how many
		// answered, not what they answered.
		out.display.Results = responsesOnly(a, d)
	}
	if revealed {
		out.audience.Results = out.publicResults
	}
	if a.Type == writemodel.TypeQnA {
		out.admin.Questions = nonNil(out.adminQuestions)
		out.audience.Questions = nonNil(out.publicQuestions)
		out.display.Questions = nonNil(out.publicQuestions)
	}
	return out
}

func noQuestions(d *writemodel.ActivityData) bool {
	for _, n := range d.QuestionCounts {
		if n > 0 {
			return false
		}
	}
	return true
}

func nonNil(q []caja.Question) []caja.Question {
	if q == nil {
		return []caja.Question{}
	}
	return q
}

// Byte budgets keep the views under 256 KB whatever the text: 200 answers
// of 500 characters are 100 KB in ASCII but 600 KB when every character is
// escaped (<, > and & become \u003c). The newest (or top) entries that fit
// are kept; the counts still count them all.
const (
	textsBudget     = 120 << 10
	questionsBudget = 50 << 10
)
