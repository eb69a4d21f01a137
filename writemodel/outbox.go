package writemodel

import (
	"context"
	"fmt"
)

// FetchOutbox returns up to limit committed outbox rows, oldest first,
// but those of the sessions in skip (sessions the projector is backing off
// from: their rows wait, the others' do not).
func (s *Store) FetchOutbox(ctx context.Context, limit int, skip []string) ([]OutboxEntry, error) {
	var rows []OutboxEntry
	q := s.db.Projection.WithContext(ctx).Order("id").Limit(limit)
	if len(skip) > 0 {
		q = q.Where("session_id NOT IN ?", skip)
	}
	if err := q.Find(&rows).Error; err != nil {
		return nil, classify(fmt.Errorf("fetch outbox: %w", err))
	}
	return rows, nil
}

// DeleteOutbox marks rows done by removing them. Rows are deleted by id, so a
// row with a lower id that committed late is not lost: it is still there for
// the next batch.
func (s *Store) DeleteOutbox(ctx context.Context, ids []int64) error {
	if len(ids) == 0 {
		return nil
	}
	if err := s.db.Projection.WithContext(ctx).Where("id IN ?", ids).Delete(&OutboxEntry{}).Error; err != nil {
		return classify(fmt.Errorf("delete outbox: %w", err))
	}
	return nil
}

// OutboxBacklog counts rows waiting to be projected.
func (s *Store) OutboxBacklog(ctx context.Context) (int64, error) {
	var n int64
	if err := s.db.Projection.WithContext(ctx).Model(&OutboxEntry{}).Count(&n).Error; err != nil {
		return 0, classify(fmt.Errorf("count outbox: %w", err))
	}
	return n, nil
}

// SessionIDs lists sessions for a full re-projection; live sessions first
// (draft and active), then completed ones.
func (s *Store) SessionIDs(ctx context.Context, includeCompleted bool) ([]string, error) {
	var ids []string
	q := s.db.Projection.WithContext(ctx).Model(&Session{})
	if !includeCompleted {
		q = q.Where("status <> ?", StatusCompleted)
	}
	if err := q.Order("updated_at DESC").Pluck("id", &ids).Error; err != nil {
		return nil, classify(fmt.Errorf("list sessions: %w", err))
	}
	return ids, nil
}
