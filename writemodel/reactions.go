package writemodel

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/cajalive/caja"
)

// TopicReaction is the outbox topic of a reaction: the activity's
// reactions are re-read, nothing else.
const TopicReaction = "reaction"

// ReactionShards spreads one emoji's count of one activity over this many
// rows, so that a room reacting at once does not queue on one row lock.
const ReactionShards = 8

// ReactionSet is a session's reactions: its own set, the default one, or
// none (reactions off).
func ReactionSet(s *Session) []string {
	if s.Reactions == nil {
		return caja.DefaultReactions
	}
	var set []string
	if err := json.Unmarshal([]byte(*s.Reactions), &set); err != nil || set == nil {
		return []string{}
	}
	return set
}

// ReactionsJSON is how a session's reaction set is stored: NULL for the
// default set.
func ReactionsJSON(set []string) *string {
	if set == nil {
		return nil
	}
	b, _ := json.Marshal(set) // strings only: cannot fail
	s := string(b)
	return &s
}

// AddReaction counts one reaction to an activity: the database adds 1 to a
// shard of its tally and of its second (an upsert each, never a read in
// the application), and the projector is told.
func (tx *Tx) AddReaction(sessionID, activityID, emoji string, at time.Time, shard int) error {
	if err := tx.db.Exec(`INSERT INTO reaction_tallies (activity_id, emoji, shard, n) VALUES (?, ?, ?, 1)
ON CONFLICT (activity_id, emoji, shard) DO UPDATE SET n = reaction_tallies.n + 1`, activityID, emoji, shard).Error; err != nil {
		return fmt.Errorf("count reaction: %w", err)
	}
	if err := tx.db.Exec(`INSERT INTO reaction_seconds (activity_id, second, emoji, shard, n) VALUES (?, ?, ?, ?, 1)
ON CONFLICT (activity_id, second, emoji, shard) DO UPDATE SET n = reaction_seconds.n + 1`, activityID, at.Unix(), emoji, shard).Error; err != nil {
		return fmt.Errorf("count reaction: %w", err)
	}
	return tx.publishActivity(sessionID, activityID, "", TopicReaction)
}

// ReactionCount is how often an emoji was sent.
type ReactionCount struct {
	Emoji string
	Count int
}

// ReactionRateWindow is the span of the recent reaction rate, in seconds.
const ReactionRateWindow = 5
