package writemodel

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// SessionStatuses reads the status of each of a batch's sessions (absent:
// no such session), in one statement.
func (tx *Tx) SessionStatuses(ids []string) (map[string]string, error) {
	var rows []struct{ ID, Status string }
	if err := tx.db.Raw("SELECT CAST(id AS text) AS id, status FROM sessions WHERE id IN ?", ids).Scan(&rows).Error; err != nil {
		return nil, fmt.Errorf("load sessions: %w", err)
	}
	out := make(map[string]string, len(rows))
	for _, r := range rows {
		out[r.ID] = r.Status
	}
	return out, nil
}

// InsertParticipants stores a batch of joins in one statement and returns
// the ids it stored; one left out lost its nickname to a participant
// already there or earlier in the batch (the unique index decides, as for
// a single join). Rows go in (session, nickname key) order, so two batches
// written at once wait for each other's clashing nicknames in the same
// order and never deadlock.
func (tx *Tx) InsertParticipants(ps []*Participant) (map[string]bool, error) {
	if len(ps) == 0 {
		return map[string]bool{}, nil
	}
	sorted := slices.Clone(ps)
	slices.SortStableFunc(sorted, func(a, b *Participant) int {
		return cmp.Or(strings.Compare(a.SessionID, b.SessionID), strings.Compare(a.NicknameKey, b.NicknameKey))
	})
	var q strings.Builder
	q.WriteString("INSERT INTO participants (id, session_id, nickname, nickname_key, token_hash, created_at) VALUES ")
	args := make([]any, 0, 6*len(sorted))
	for i, p := range sorted {
		if i > 0 {
			q.WriteByte(',')
		}
		q.WriteString("(?,?,?,?,?,?)")
		args = append(args, p.ID, p.SessionID, p.Nickname, p.NicknameKey, p.TokenHash, p.CreatedAt)
	}
	q.WriteString(" ON CONFLICT DO NOTHING RETURNING CAST(id AS text)")
	var ids []string
	if err := tx.db.Raw(q.String(), args...).Scan(&ids).Error; err != nil {
		return nil, fmt.Errorf("insert participants: %w", err)
	}
	stored := make(map[string]bool, len(ids))
	rows := make([]outboxRow, 0, len(ids))
	for _, id := range ids {
		stored[id] = true
	}
	for _, p := range sorted {
		if stored[p.ID] {
			rows = append(rows, outboxRow{SessionID: p.SessionID, ParticipantID: p.ID, Topic: TopicParticipant})
		}
	}
	return stored, tx.publish(rows...)
}
