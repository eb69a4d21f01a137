package queries

import (
	"context"
	"encoding/json"

	"github.com/cajalive/caja/readmodel"
)

// Leaderboard asks for the quiz leaderboard; ties share a rank.
type Leaderboard struct {
	SessionID string
	Limit     int
}

// LeaderboardHandler answers Leaderboard.
type LeaderboardHandler struct{ reader SessionFields }

// NewLeaderboardHandler returns the handler.
func NewLeaderboardHandler(r SessionFields) LeaderboardHandler { return LeaderboardHandler{reader: r} }

// Handle returns {"entries": [...]}, the top Limit (default 50).
func (h LeaderboardHandler) Handle(ctx context.Context, q Leaderboard) ([]byte, error) {
	vals, err := fieldsWithRepair(ctx, h.reader, q.SessionID, readmodel.FieldLeaderboardJSON)
	if err != nil {
		return nil, err
	}
	var entries []json.RawMessage
	if vals[0] != "" {
		if err := json.Unmarshal([]byte(vals[0]), &entries); err != nil {
			return nil, err
		}
	}
	limit := q.Limit
	if limit <= 0 {
		limit = 50
	}
	entries = entries[:min(limit, len(entries))]
	if entries == nil {
		entries = []json.RawMessage{}
	}
	return json.Marshal(map[string]any{"entries": entries})
}
