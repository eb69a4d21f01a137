package writemodel

import "time"

// Activity types.
const (
	TypePoll      = "poll"
	TypeQuiz      = "quiz"
	TypeWordCloud = "word_cloud"
	TypeOpenText  = "open_text"
	TypeRating    = "rating"
	TypeQnA       = "qna"
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
	CreatedAt      time.Time
	UpdatedAt      time.Time
}

// ActivityOption is a choice of a poll or quiz.
type ActivityOption struct {
	ID         string `gorm:"primaryKey"`
	ActivityID string
	Position   int
	Label      string
	Correct    bool
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
	CreatedAt     time.Time
	UpdatedAt     time.Time
}

// ResponseOption is an option chosen in a poll or quiz response.
type ResponseOption struct {
	ResponseID string `gorm:"primaryKey"`
	ActivityID string
	OptionID   string `gorm:"primaryKey"`
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
