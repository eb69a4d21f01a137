package writemodel

import (
	"context"
	"fmt"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/logger"

	"github.com/cajalive/caja"
)

// ErrSessionEnded is what every participant write to a completed session,
// and every reopening of its activities, gets.
func ErrSessionEnded() error { return caja.Errorf(caja.Conflict, "this session has ended") }

// DueActivity is an activity the deadline sweep closed.
type DueActivity struct {
	ID        string
	SessionID string
}

// CloseDueActivities closes up to limit open activities whose deadline
// (closes_at) is at or before now, and publishes each, in one transaction.
// The UPDATE is conditional, so every replica may run it: a second run
// finds nothing to close. On Postgres the rows an organizer's command holds
// are skipped (SKIP LOCKED) and closed by a later pass, if still due. The
// activity keeps its closes_at: answers in flight still get their grace.
func (s *Store) CloseDueActivities(ctx context.Context, now time.Time, limit int) ([]DueActivity, error) {
	var closed []DueActivity
	// Four passes a second: its statements stay out of the debug log (slow
	// or failed ones are still logged).
	quiet := s.db.Gorm.Session(&gorm.Session{Logger: s.db.Gorm.Logger.LogMode(logger.Warn)})
	err := s.transact(ctx, quiet, func(tx *Tx) error {
		due := "SELECT id FROM activities WHERE status = 'open' AND closes_at IS NOT NULL AND closes_at <= ? ORDER BY closes_at, id LIMIT ?"
		update := "UPDATE activities SET status = 'closed', updated_at = ? WHERE id IN (" + due + ") AND status = 'open' RETURNING id, session_id"
		args := []any{now.UTC(), now.UTC(), limit}
		if tx.dialect == Postgres {
			// Materialized, so that the limit holds: a subquery the planner
			// may run again for each row could pick other rows each time.
			update = "WITH due AS MATERIALIZED (" + due + " FOR UPDATE SKIP LOCKED) UPDATE activities SET status = 'closed', updated_at = ? WHERE id IN (SELECT id FROM due) AND status = 'open' RETURNING id, session_id"
			args = []any{now.UTC(), limit, now.UTC()}
		}
		if err := tx.db.Raw(update, args...).Find(&closed).Error; err != nil {
			return fmt.Errorf("close due activities: %w", err)
		}
		for _, a := range closed {
			if err := tx.publishActivity(a.SessionID, a.ID, "", TopicActivity); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return closed, nil
}

// CloseOpenActivities closes every open activity of a session (the
// session is ending) and publishes each; it returns how many it closed.
func (tx *Tx) CloseOpenActivities(sessionID string, now time.Time) (int, error) {
	var ids []string
	if err := tx.db.Raw("UPDATE activities SET status = 'closed', closes_at = NULL, updated_at = ? WHERE session_id = ? AND status = 'open' RETURNING id",
		now.UTC(), sessionID).Find(&ids).Error; err != nil {
		return 0, fmt.Errorf("close open activities: %w", err)
	}
	for _, id := range ids {
		if err := tx.publishActivity(sessionID, id, "", TopicActivity); err != nil {
			return 0, err
		}
	}
	return len(ids), nil
}
