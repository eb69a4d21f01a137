package views

import (
	"encoding/json"
	"time"

	"github.com/cajalive/caja/writemodel"
)

// Option is a poll or quiz choice. Correct is present only where the right
// answer may be shown (the organizer, or everyone once revealed).
type Option struct {
	ID      string `json:"id"`
	Label   string `json:"label"`
	Correct *bool  `json:"correct,omitempty"`
}

// Activity is the JSON of an activity.
type Activity struct {
	ID             string          `json:"id"`
	Type           string          `json:"type"`
	Title          string          `json:"title"`
	Status         string          `json:"status"`
	Position       int             `json:"position"`
	ResultsVisible bool            `json:"results_visible"`
	Options        []Option        `json:"options"`
	Settings       json.RawMessage `json:"settings"`
	// Choices (quizzes only) is how many options make the right answer, so
	// that a phone lets that many be chosen; which ones stays hidden.
	Choices  int        `json:"choices,omitempty"`
	OpenedAt *time.Time `json:"opened_at"`
	// ClosesAt is the server's deadline, for clients to count down from;
	// null when the activity has none.
	ClosesAt  *time.Time      `json:"closes_at"`
	Results   json.RawMessage `json:"results,omitempty"`
	Questions []Question      `json:"questions,omitempty"`
}

// ActivityOf renders an activity. withCorrect shows which options are right:
// true for the organizer, and for everyone once a quiz's results are
// visible.
func ActivityOf(a *writemodel.Activity, opts []writemodel.ActivityOption, withCorrect bool) Activity {
	doc := Activity{
		ID: a.ID, Type: a.Type, Title: a.Title, Status: a.Status, Position: a.Position,
		ResultsVisible: a.ResultsVisible, Options: make([]Option, 0, len(opts)), Settings: json.RawMessage(a.Settings),
	}
	if a.OpenedAt != nil {
		t := a.OpenedAt.UTC()
		doc.OpenedAt = &t
	}
	if a.ClosesAt != nil {
		t := a.ClosesAt.UTC()
		doc.ClosesAt = &t
	}
	show := withCorrect && a.Type == writemodel.TypeQuiz
	for _, o := range opts {
		if a.Type == writemodel.TypeQuiz && o.Correct {
			doc.Choices++
		}
		opt := Option{ID: o.ID, Label: o.Label}
		if show {
			c := o.Correct
			opt.Correct = &c
		}
		doc.Options = append(doc.Options, opt)
	}
	return doc
}

// Question is the JSON of a Q&A question.
type Question struct {
	ID        string    `json:"id"`
	Text      string    `json:"text"`
	Upvotes   int       `json:"upvotes"`
	Status    string    `json:"status"`
	Pinned    bool      `json:"pinned"`
	CreatedAt time.Time `json:"created_at"`
}

// QuestionOf renders a question with its upvote count.
func QuestionOf(q *writemodel.Question, upvotes int) Question {
	return Question{ID: q.ID, Text: q.Text, Upvotes: upvotes, Status: q.Status, Pinned: q.Pinned, CreatedAt: q.CreatedAt.UTC()}
}

// VisibleToAudience reports whether participants and the display may see a
// question: approved or answered, never pending or hidden.
func VisibleToAudience(status string) bool {
	return status == writemodel.QuestionApproved || status == writemodel.QuestionAnswered
}
