package writemodel

import (
	"encoding/json"
	"time"
)

// Activity types.
const (
	TypePoll      = "poll"
	TypeQuiz      = "quiz"
	TypeWordCloud = "word_cloud"
	TypeOpenText  = "open_text"
	TypeRating    = "rating"
	TypeQnA       = "qna"
	TypeRanking   = "ranking"
	TypeScales    = "scales"
	TypePoints    = "points"
	TypeNumeric   = "numeric"
	TypeContent   = "content"
)

// Activity statuses.
const (
	ActivityDraft  = "draft"
	ActivityOpen   = "open"
	ActivityClosed = "closed"
)

// Question statuses.
const (
	QuestionPending  = "pending"
	QuestionApproved = "approved"
	QuestionHidden   = "hidden"
	QuestionAnswered = "answered"
)

// Activity is one question, poll or exercise of a session.
type Activity struct {
	ID             string `gorm:"primaryKey"`
	SessionID      string
	Type           string
	Title          string
	Settings       string // JSON object, validated by commands
	Status         string
	Position       int
	ResultsVisible bool
	OpenedAt       *time.Time
	// ClosesAt is the deadline: the server closes the activity then
	// (CloseDueActivities) and refuses answers that arrive later than a
	// short grace. Set when a timed activity opens, cleared when the
	// organizer closes it; one the server closed keeps it.
	ClosesAt *time.Time
	// RevealedAt is when a quiz's answers were first shown: it never opens
	// again after that, even if they are hidden again.
	RevealedAt *time.Time
	// Notes are the organizer's speaker notes (Markdown).
	Notes string
	// Body is a content slide's text (Markdown), "" for other types.
	Body string
	// ImageID is the image shown with the activity (an Image linked to
	// the session), or nil.
	ImageID   *string
	CreatedAt time.Time
	UpdatedAt time.Time
}

// ActivityOption is a choice of a poll or quiz.
type ActivityOption struct {
	ID         string `gorm:"primaryKey"`
	ActivityID string
	Position   int
	Label      string
	Correct    bool
	// ImageID is the image shown with the option, or nil.
	ImageID *string
}

// Participant is a phone that joined a session.
type Participant struct {
	ID          string `gorm:"primaryKey"`
	SessionID   string
	Nickname    string
	NicknameKey string
	TokenHash   []byte
	KickedAt    *time.Time
	CreatedAt   time.Time
}

// Response is one answer (or one word-cloud entry).
type Response struct {
	ID            string `gorm:"primaryKey"`
	SessionID     string
	ActivityID    string
	ParticipantID string
	Slot          int
	Text          *string
	Normalized    *string
	Value         *int
	Correct       *bool
	Points        int
	// OptionIDs is the JSON array of the options chosen in a poll or quiz
	// answer (OptionsJSON), NULL for other answers.
	OptionIDs *string `gorm:"column:option_ids"`
	// Ratings (scales: statement id -> rating) and OptionPoints (ranking:
	// option id -> Borda points; points: option id -> points given) are
	// JSON objects (ValuesJSON), NULL for other answers; NumberValue is a
	// numeric answer. The tallies count them (migration 00018).
	Ratings      *string  `gorm:"column:ratings"`
	OptionPoints *string  `gorm:"column:option_points"`
	NumberValue  *float64 `gorm:"column:number_value"`
	CreatedAt    time.Time
	UpdatedAt    time.Time
}

// OptionsJSON is how an answer's chosen options are stored: a JSON array of
// option ids (jsonb in Postgres, text in SQLite), or NULL when none.
func OptionsJSON(ids []string) *string {
	if len(ids) == 0 {
		return nil
	}
	b, _ := json.Marshal(ids) // strings only: cannot fail
	s := string(b)
	return &s
}

// ValuesJSON is how an answer's values per option are stored: a JSON
// object of option id to whole number, or NULL when there are none.
func ValuesJSON(m map[string]int) *string {
	if len(m) == 0 {
		return nil
	}
	b, _ := json.Marshal(m) // strings to ints: cannot fail
	s := string(b)
	return &s
}

// Question is a Q&A question.
type Question struct {
	ID            string `gorm:"primaryKey"`
	SessionID     string
	ActivityID    string
	ParticipantID string
	Text          string
	Status        string
	Pinned        bool
	CreatedAt     time.Time
}

// QuestionUpvote is one participant's upvote.
type QuestionUpvote struct {
	QuestionID    string `gorm:"primaryKey"`
	ParticipantID string `gorm:"primaryKey"`
	CreatedAt     time.Time
}
