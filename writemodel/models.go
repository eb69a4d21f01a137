package writemodel

import "time"

// Session statuses, in the only order a session may move through them.
const (
	StatusDraft     = "draft"
	StatusActive    = "active"
	StatusCompleted = "completed"
)

// Session is an organizer's event.
type Session struct {
	ID             string `gorm:"primaryKey"`
	Name           string
	Description    *string
	Status         string
	AdminID        string
	JoinCode       string
	AdminTokenHash []byte
	// ModeratorTokenHash is the moderator link's token hash; nil: none yet.
	ModeratorTokenHash []byte
	DisplayKey         string
	CurrentActivityID  *string
	ShowJoinInfo       bool
	// OpenOnPresent tells the dashboard whether Present also opens the
	// activity; the server only stores it.
	OpenOnPresent bool
	// Reactions is the session's reaction set, a JSON array (ReactionSet):
	// NULL is the default set, [] is off.
	Reactions *string
	// ProfanityFilter is off, hold or hide (ProfanityHold by default: the
	// database's default fills it on insert); ProfanityWords are the
	// organizer's own words, a JSON array (NULL: none).
	ProfanityFilter string `gorm:"default:hold"`
	ProfanityWords  *string
	// Language is the display's language (caja.Languages; the database's
	// default, en, fills it on insert).
	Language string `gorm:"default:en"`
	// OwnerID is the account the session belongs to (nil: anonymous).
	OwnerID   *string
	CreatedAt time.Time
	UpdatedAt time.Time
	// MeVersion is only ever incremented in SQL (BumpMeVersion): GORM reads
	// it and never writes it, so saving a session cannot put back an old
	// value.
	MeVersion int64 `gorm:"<-:false"`
}

// OutboxEntry is a committed change waiting to be projected.
type OutboxEntry struct {
	ID            int64
	SessionID     string
	ParticipantID *string
	// ParticipantIDs lists, comma-separated, the participants of a
	// batch's answers (one row per batch and activity), or is nil.
	ParticipantIDs *string
	ActivityID     *string
	// QuestionID is the Q&A question the change touched, if any.
	QuestionID *string
	Topic      string
	CreatedAt  time.Time
}

// TableName keeps GORM from pluralising.
func (OutboxEntry) TableName() string { return "outbox" }
