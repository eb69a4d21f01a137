package caja

// Profanity filter modes of a session (settings.profanity_filter): entries
// of open text, word clouds and Q&A that contain a listed word are shown
// as usual (off), held until the organizer approves them (hold, the
// default) or hidden (hide).
const (
	ProfanityOff  = "off"
	ProfanityHold = "hold"
	ProfanityHide = "hide"
)

// SessionSettings are a session's settings. ProfanityWords, the
// organizer's own words, are only in the organizer's documents.
type SessionSettings struct {
	ProfanityFilter string   `json:"profanity_filter"`
	ProfanityWords  []string `json:"profanity_words,omitempty"`
	// Language is the display's language (one of Languages).
	Language string `json:"language"`
}
