package writemodel

import (
	"errors"
	"fmt"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"github.com/cajalive/caja"
)

// SessionMember is an account's role in a session (besides its owner).
type SessionMember struct {
	SessionID string `gorm:"primaryKey"`
	AccountID string `gorm:"primaryKey"`
	Role      string
	CreatedAt time.Time
}

// SessionInvitation is a link to a role: the SHA-256 of its token.
type SessionInvitation struct {
	TokenHash []byte `gorm:"primaryKey"`
	SessionID string
	Email     string
	Role      string
	CreatedAt time.Time
	ExpiresAt time.Time
}

// InsertInvitation stores an invitation.
func (tx *Tx) InsertInvitation(inv *SessionInvitation) error {
	if err := tx.db.Create(inv).Error; err != nil {
		return fmt.Errorf("insert invitation: %w", err)
	}
	return nil
}

// TakeInvitation deletes and returns the unexpired invitation with this
// token hash (an invitation is used once); NotFound when there is none.
func (tx *Tx) TakeInvitation(tokenHash []byte, now time.Time) (*SessionInvitation, error) {
	var inv SessionInvitation
	err := tx.db.Where("token_hash = ?", tokenHash).Take(&inv).Error
	if errors.Is(err, gorm.ErrRecordNotFound) || err == nil && !inv.ExpiresAt.After(now) {
		return nil, caja.Errorf(caja.NotFound, "this invitation does not exist, was used or has expired").WithCode(caja.CodeInvitationNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("invitation: %w", err)
	}
	res := tx.db.Where("token_hash = ?", tokenHash).Delete(&SessionInvitation{})
	if res.Error != nil {
		return nil, fmt.Errorf("use invitation: %w", res.Error)
	}
	if res.RowsAffected == 0 { // taken by a concurrent accept
		return nil, caja.Errorf(caja.NotFound, "this invitation was used").WithCode(caja.CodeInvitationNotFound)
	}
	return &inv, nil
}

// UpsertMember gives an account a role in a session (replacing the role
// it had).
func (tx *Tx) UpsertMember(m *SessionMember) error {
	err := tx.db.Clauses(clause.OnConflict{Columns: []clause.Column{{Name: "session_id"}, {Name: "account_id"}}, DoUpdates: clause.AssignmentColumns([]string{"role"})}).Create(m).Error
	if err != nil {
		return fmt.Errorf("upsert member: %w", err)
	}
	return nil
}

// DeleteMember takes an account's role in a session away; false when it
// had none.
func (tx *Tx) DeleteMember(sessionID, accountID string) (bool, error) {
	res := tx.db.Where("session_id = ? AND account_id = ?", sessionID, accountID).Delete(&SessionMember{})
	if res.Error != nil {
		return false, fmt.Errorf("delete member: %w", res.Error)
	}
	return res.RowsAffected > 0, nil
}

// DeleteSessionRow deletes a session with everything of its own (the
// foreign keys cascade) and has the projector clear its live state.
func (tx *Tx) DeleteSessionRow(id string) error {
	if err := tx.db.Where("id = ?", id).Delete(&Session{}).Error; err != nil {
		return fmt.Errorf("delete session: %w", err)
	}
	return tx.Publish(id, "", TopicSession)
}
