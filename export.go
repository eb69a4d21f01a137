package caja

import "time"

// ExportRow is one answer (or Q&A question) for the organizer's export.
type ExportRow struct {
	Activity   string    `json:"activity"`
	Type       string    `json:"type"`
	Nickname   string    `json:"nickname"`
	Answer     string    `json:"answer"`
	Correct    *bool     `json:"correct"`
	Score      *int      `json:"score"`
	AnsweredAt time.Time `json:"answered_at"`
}
