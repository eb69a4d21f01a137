package caja

import "time"

// Question is the JSON of a Q&A question.
type Question struct {
	ID        string    `json:"id"`
	Text      string    `json:"text"`
	Upvotes   int       `json:"upvotes"`
	Status    string    `json:"status"`
	Pinned    bool      `json:"pinned"`
	CreatedAt time.Time `json:"created_at"`
}
