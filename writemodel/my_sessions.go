package writemodel

import (
	"context"
	"fmt"
	"time"

	"github.com/cajalive/caja"
)

// MySessions lists the sessions an account owns or has a role in, newest
// first, at most limit of them, after the (createdAt, id) of the last
// entry of the previous page when afterID is not empty.
func (s *Store) MySessions(ctx context.Context, accountID string, afterCreated time.Time, afterID string, limit int) ([]caja.MySession, error) {
	type row struct {
		ID        string
		Name      string
		Status    string
		Role      string
		CreatedAt time.Time
		UpdatedAt time.Time
	}
	q := `SELECT * FROM (
	SELECT s.id, s.name, s.status, 'owner' AS role, s.created_at, s.updated_at FROM sessions s WHERE s.owner_id = ?
	UNION ALL
	SELECT s.id, s.name, s.status, m.role, s.created_at, s.updated_at FROM sessions s JOIN session_members m ON m.session_id = s.id
	 WHERE m.account_id = ? AND (s.owner_id IS NULL OR s.owner_id <> ?)
) mine`
	args := []any{accountID, accountID, accountID}
	if afterID != "" {
		q += ` WHERE created_at < ? OR (created_at = ? AND id < ?)`
		args = append(args, afterCreated.UTC(), afterCreated.UTC(), afterID)
	}
	q += ` ORDER BY created_at DESC, id DESC LIMIT ?`
	args = append(args, limit)
	var rows []row
	if err := s.db.Gorm.WithContext(ctx).Raw(q, args...).Scan(&rows).Error; err != nil {
		return nil, classify(fmt.Errorf("my sessions: %w", err))
	}
	out := make([]caja.MySession, 0, len(rows))
	for _, r := range rows {
		out = append(out, caja.MySession{ID: r.ID, Name: r.Name, Status: r.Status, Role: r.Role, CreatedAt: r.CreatedAt.UTC(), UpdatedAt: r.UpdatedAt.UTC()})
	}
	return out, nil
}
