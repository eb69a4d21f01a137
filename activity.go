package caja

import (
	"encoding/json"
	"time"
)

// Option is a poll or quiz choice. Correct is present only where the right
// answer may be shown (the organizer, or everyone once revealed).
type Option struct {
	ID      string `json:"id"`
	Label   string `json:"label"`
	Correct *bool  `json:"correct,omitempty"`
	// ImageID is the image shown with the option (GET /api/v1/images/{id}).
	ImageID *string `json:"image_id,omitempty"`
}

// Activity is the JSON of an activity.
type Activity struct {
	ID    string `json:"id"`
	Type  string `json:"type"`
	Title string `json:"title"`
	// Body is a content slide's Markdown text (content slides only).
	Body           *string         `json:"body,omitempty"`
	Status         string          `json:"status"`
	Position       int             `json:"position"`
	ResultsVisible bool            `json:"results_visible"`
	Options        []Option        `json:"options"`
	Settings       json.RawMessage `json:"settings"`
	// ImageID is the image shown with the activity (GET
	// /api/v1/images/{id}); null when it has none.
	ImageID *string `json:"image_id"`
	// Choices (quizzes only) is how many options make the right answer, so
	// that a phone lets that many be chosen; which ones stays hidden.
	Choices  int        `json:"choices,omitempty"`
	OpenedAt *time.Time `json:"opened_at"`
	// ClosesAt is the server's deadline, for clients to count down from;
	// null when the activity has none.
	ClosesAt *time.Time `json:"closes_at"`
	// Notes are the speaker notes (Markdown): the organizer's documents
	// only, never a participant's or the display's.
	Notes *string `json:"notes,omitempty"`
	// Reactions (display and organizer only) count each emoji sent to it;
	// ReactionsRate is the reactions per second of each emoji over the
	// few seconds up to ReactionsAt (the newest second with a reaction),
	// for the display to float them up while they are recent.
	Reactions     map[string]int     `json:"reactions,omitempty"`
	ReactionsRate map[string]float64 `json:"reactions_rate,omitempty"`
	ReactionsAt   *time.Time         `json:"reactions_at,omitempty"`
	Results       json.RawMessage    `json:"results,omitempty"`
	Questions     []Question         `json:"questions,omitempty"`
}
