package writemodel

import (
	"fmt"
	"time"

	"gorm.io/gorm"
)

// Reactions are an activity's reaction totals and its recent ones: the
// counts of the ReactionRateWindow seconds up to the newest second with a
// reaction (RecentUntil), so that rendering the same rows twice gives the
// same bytes.
type Reactions struct {
	Totals      []ReactionCount
	Recent      []ReactionCount
	RecentUntil time.Time
}

// loadReactions reads an activity's reactions in one round trip: a few rows
// per emoji, however many were sent.
func loadReactions(tx *gorm.DB, activityID string) (*Reactions, error) {
	var rows []struct {
		Kind   string
		Emoji  string
		Count  int
		Second int64
	}
	err := tx.Raw(`
SELECT 'total' AS kind, emoji, CAST(SUM(n) AS bigint) AS count, 0 AS second FROM reaction_tallies WHERE activity_id = ? GROUP BY emoji
UNION ALL
SELECT 'recent', emoji, CAST(SUM(n) AS bigint), MAX(last.s) FROM reaction_seconds,
  (SELECT MAX(second) AS s FROM reaction_seconds WHERE activity_id = ?) last
WHERE activity_id = ? AND second > last.s - ? GROUP BY emoji`, activityID, activityID, activityID, ReactionRateWindow).Find(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("reactions of %s: %w", activityID, err)
	}
	r := &Reactions{}
	for _, row := range rows {
		c := ReactionCount{Emoji: row.Emoji, Count: row.Count}
		if row.Kind == "total" {
			r.Totals = append(r.Totals, c)
			continue
		}
		r.Recent = append(r.Recent, c)
		r.RecentUntil = time.Unix(row.Second, 0).UTC()
	}
	return r, nil
}
