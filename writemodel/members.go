package writemodel

import (
	"context"
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

// SessionTeam reads who runs a session: its owner, its members (at most
// caja.MaxSessionMembers, oldest first) and its unexpired invitations (at
// most caja.MaxOpenInvitations, newest first). YourRole is left to the
// reader.
func (s *Store) SessionTeam(ctx context.Context, sessionID string) (caja.SessionTeam, error) {
	db := s.db.Gorm.WithContext(ctx)
	var sess []struct {
		AdminLink    bool
		DisplayName  *string
		Email        *string
		OwnerAccount *string
	}
	team := caja.SessionTeam{Members: []caja.TeamMember{}, Invitations: []caja.OpenInvitation{}}
	err := db.Raw(`SELECT coalesce(length(s.admin_token_hash), 0) > 0 AS admin_link, a.display_name, a.email, a.id AS owner_account
	  FROM sessions s LEFT JOIN accounts a ON a.id = s.owner_id WHERE s.id = ?`, sessionID).Scan(&sess).Error
	if err != nil {
		return team, classify(fmt.Errorf("session team: %w", err))
	}
	if len(sess) == 0 {
		return team, caja.Errorf(caja.NotFound, "no such session").WithCode(caja.CodeSessionNotFound)
	}
	team.AdminLink = sess[0].AdminLink
	if o := sess[0]; o.OwnerAccount != nil {
		team.Owner = &caja.TeamAccount{AccountID: *o.OwnerAccount, DisplayName: *o.DisplayName, Email: *o.Email}
	}
	var members []struct {
		AccountID, DisplayName, Email, Role string
		CreatedAt                           time.Time
	}
	err = db.Raw(`SELECT m.account_id, a.display_name, a.email, m.role, m.created_at
	  FROM session_members m JOIN accounts a ON a.id = m.account_id
	 WHERE m.session_id = ? ORDER BY m.created_at, m.account_id LIMIT ?`, sessionID, caja.MaxSessionMembers).Scan(&members).Error
	if err != nil {
		return team, classify(fmt.Errorf("session members: %w", err))
	}
	for _, m := range members {
		team.Members = append(team.Members, caja.TeamMember{TeamAccount: caja.TeamAccount{AccountID: m.AccountID, DisplayName: m.DisplayName, Email: m.Email}, Role: m.Role, Since: m.CreatedAt.UTC()})
	}
	var invs []SessionInvitation
	err = db.Where("session_id = ? AND expires_at > ?", sessionID, time.Now().UTC()).
		Order("created_at DESC").Limit(caja.MaxOpenInvitations).Find(&invs).Error
	if err != nil {
		return team, classify(fmt.Errorf("session invitations: %w", err))
	}
	for _, inv := range invs {
		team.Invitations = append(team.Invitations, caja.OpenInvitation{Email: inv.Email, Role: inv.Role, CreatedAt: inv.CreatedAt.UTC(), ExpiresAt: inv.ExpiresAt.UTC()})
	}
	return team, nil
}

// CountMembers is how many accounts have a role in a session.
func (tx *Tx) CountMembers(sessionID string) (int64, error) {
	var n int64
	if err := tx.db.Model(&SessionMember{}).Where("session_id = ?", sessionID).Count(&n).Error; err != nil {
		return 0, fmt.Errorf("count members: %w", err)
	}
	return n, nil
}

// PruneInvitations deletes a session's expired invitations and counts the
// others.
func (tx *Tx) PruneInvitations(sessionID string, now time.Time) (open int64, err error) {
	if err := tx.db.Where("session_id = ? AND expires_at <= ?", sessionID, now).Delete(&SessionInvitation{}).Error; err != nil {
		return 0, fmt.Errorf("prune invitations: %w", err)
	}
	if err := tx.db.Model(&SessionInvitation{}).Where("session_id = ?", sessionID).Count(&open).Error; err != nil {
		return 0, fmt.Errorf("count invitations: %w", err)
	}
	return open, nil
}

// DeleteInvitations deletes a session's invitations to email and counts
// the open ones among them.
func (tx *Tx) DeleteInvitations(sessionID, email string) (open int64, err error) {
	var n []int64
	err = tx.db.Raw("SELECT count(*) FROM session_invitations WHERE session_id = ? AND email = ? AND expires_at > ?", sessionID, email, time.Now().UTC()).Scan(&n).Error
	if err != nil {
		return 0, fmt.Errorf("count invitations: %w", err)
	}
	if err := tx.db.Where("session_id = ? AND email = ?", sessionID, email).Delete(&SessionInvitation{}).Error; err != nil {
		return 0, fmt.Errorf("delete invitations: %w", err)
	}
	return n[0], nil
}
