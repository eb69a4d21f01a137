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

// ExportQuestion is one Q&A question with its moderation state.
type ExportQuestion struct {
	Activity string    `json:"activity"`
	Question string    `json:"question"`
	Nickname string    `json:"nickname"`
	Upvotes  int       `json:"upvotes"`
	Status   string    `json:"status"`
	Pinned   bool      `json:"pinned"`
	AskedAt  time.Time `json:"asked_at"`
}

// ExportSummary is one activity's results. Options is set for polls,
// quizzes, rankings, scales and points (in the options' order), Average for
// ratings and numeric activities with answers, Words
// (the most frequent) for word clouds.
type ExportSummary struct {
	Activity  string              `json:"activity"`
	Type      string              `json:"type"`
	Status    string              `json:"status"`
	Responses int                 `json:"responses"`
	Options   []ExportOptionCount `json:"options,omitempty"`
	Average   *float64            `json:"average,omitempty"`
	Words     []ExportWordCount   `json:"words,omitempty"`
	// Reactions count each emoji sent to the activity (JSON export only).
	Reactions map[string]int `json:"reactions,omitempty"`
	// ImageID is the activity's image (JSON export only).
	ImageID *string `json:"image_id,omitempty"`
}

// ExportOptionCount is how many answers chose an option; Correct is set for
// quiz options. For a ranking Count is the option's Borda points, for
// points its summed points; for scales Count is how many rated the
// statement and Average their mean rating.
type ExportOptionCount struct {
	Label   string   `json:"label"`
	Count   int      `json:"count"`
	Correct *bool    `json:"correct,omitempty"`
	Average *float64 `json:"average,omitempty"`
	// ImageID is the option's image (JSON export only).
	ImageID *string `json:"image_id,omitempty"`
}

// ExportWordCount is how many entries of a word cloud were this word.
type ExportWordCount struct {
	Word  string `json:"word"`
	Count int    `json:"count"`
}

// ExportDocument is the whole export of a session.
type ExportDocument struct {
	Answers   []ExportRow      `json:"answers"`
	Questions []ExportQuestion `json:"questions"`
	Summary   []ExportSummary  `json:"summary"`
}
