package writemodel

import (
	"context"
	"fmt"
	"strings"
	"time"
)

// SessionProjection is the version the projector last wrote to Redis for a
// session: the highest outbox id it applied (0 before the first).
type SessionProjection struct {
	SessionID string
	Version   int64
}

// ProjectedVersions returns the recorded version of each given session
// (sessions never projected are missing).
func (s *Store) ProjectedVersions(ctx context.Context, sessionIDs []string) (map[string]int64, error) {
	out := make(map[string]int64, len(sessionIDs))
	if len(sessionIDs) == 0 {
		return out, nil
	}
	var rows []SessionProjection
	if err := s.db.Projection.WithContext(ctx).Raw("SELECT session_id, version FROM session_projections WHERE session_id IN ?", sessionIDs).Scan(&rows).Error; err != nil {
		return nil, classify(fmt.Errorf("read projected versions: %w", err))
	}
	for _, r := range rows {
		out[r.SessionID] = r.Version
	}
	return out, nil
}

// RecentProjections lists the sessions projected since the given time, most
// recent first, at most limit: what the anti-entropy pass checks.
func (s *Store) RecentProjections(ctx context.Context, since time.Time, limit int) ([]SessionProjection, error) {
	var rows []SessionProjection
	err := s.db.Projection.WithContext(ctx).Raw("SELECT session_id, version FROM session_projections WHERE projected_at >= ? ORDER BY projected_at DESC LIMIT ?", since.UTC(), limit).Scan(&rows).Error
	if err != nil {
		return nil, classify(fmt.Errorf("read recent projections: %w", err))
	}
	return rows, nil
}

// CompleteBatch records, in one transaction, what a projector batch wrote:
// each session's new version (never moved back), the sessions found absent
// (their records go), and the outbox rows done (deleted by id, so a row
// with a lower id that committed late is still there for the next batch).
func (s *Store) CompleteBatch(ctx context.Context, done []int64, versions map[string]int64, absent []string) error {
	if len(done) == 0 && len(versions) == 0 && len(absent) == 0 {
		return nil
	}
	return s.transact(ctx, s.db.Projection, func(tx *Tx) error {
		if len(versions) > 0 {
			greatest := "GREATEST"
			if s.db.Dialect != Postgres {
				greatest = "MAX"
			}
			now := time.Now().UTC()
			var sb strings.Builder
			args := make([]any, 0, 3*len(versions))
			sb.WriteString("INSERT INTO session_projections (session_id, version, projected_at) VALUES ")
			i := 0
			for sid, v := range versions {
				if i > 0 {
					sb.WriteString(", ")
				}
				sb.WriteString("(?, ?, ?)")
				args = append(args, sid, v, now)
				i++
			}
			sb.WriteString(" ON CONFLICT (session_id) DO UPDATE SET version = " + greatest + "(session_projections.version, excluded.version), projected_at = excluded.projected_at")
			if err := tx.db.Exec(sb.String(), args...).Error; err != nil {
				return fmt.Errorf("record projected versions: %w", err)
			}
		}
		if len(absent) > 0 {
			if err := tx.db.Exec("DELETE FROM session_projections WHERE session_id IN ?", absent).Error; err != nil {
				return fmt.Errorf("forget absent sessions: %w", err)
			}
		}
		if len(done) > 0 {
			if err := tx.db.Where("id IN ?", done).Delete(&OutboxEntry{}).Error; err != nil {
				return fmt.Errorf("delete outbox: %w", err)
			}
		}
		return nil
	})
}
