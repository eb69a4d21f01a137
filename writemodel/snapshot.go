package writemodel

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"gorm.io/gorm"

	"github.com/cajalive/caja/writemodel/apperr"
)

// Snapshot is everything the projector needs to render one session's read
// documents, read in one consistent transaction.
type Snapshot struct {
	Session Session
}

// LoadSnapshot reads a session's source rows. A session that does not exist
// comes back as a NotFound error.
func (s *Store) LoadSnapshot(ctx context.Context, sessionID string) (*Snapshot, error) {
	var snap Snapshot
	opts := &sql.TxOptions{ReadOnly: true}
	if s.db.Dialect == Postgres {
		opts.Isolation = sql.LevelRepeatableRead
	}
	err := s.db.Gorm.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		err := tx.Where("id = ?", sessionID).Take(&snap.Session).Error
		if errors.Is(err, gorm.ErrRecordNotFound) {
			return apperr.New(apperr.NotFound, "session not found")
		}
		if err != nil {
			return fmt.Errorf("load session: %w", err)
		}
		return nil
	}, opts)
	if err != nil {
		return nil, classify(fmt.Errorf("snapshot %s: %w", sessionID, err))
	}
	return &snap, nil
}
