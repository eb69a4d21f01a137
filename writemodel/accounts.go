package writemodel

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"gorm.io/gorm"

	"github.com/cajalive/caja"
)

// Account is an organizer's account.
type Account struct {
	ID           string `gorm:"primaryKey"`
	Email        string
	DisplayName  string
	PasswordHash *string
	OIDCIssuer   *string `gorm:"column:oidc_issuer"`
	OIDCSubject  *string `gorm:"column:oidc_subject"`
	CreatedAt    time.Time
}

// AccountSession is a signed-in browser: the SHA-256 of its cookie's token.
type AccountSession struct {
	TokenHash  []byte `gorm:"primaryKey"`
	AccountID  string
	CreatedAt  time.Time
	LastSeenAt time.Time
}

// ErrEmailTaken means another account has the email.
var ErrEmailTaken = errors.New("email taken")

// Doc is the account as its owner sees it.
func (a *Account) Doc() caja.Account {
	return caja.Account{ID: a.ID, Email: a.Email, DisplayName: a.DisplayName, CreatedAt: a.CreatedAt.UTC()}
}

// InsertAccount stores a new account in tx; an email already used is
// ErrEmailTaken (the unique index decides, and tx is then aborted).
func (tx *Tx) InsertAccount(a *Account) error {
	err := tx.db.Create(a).Error
	if name, ok := UniqueViolation(err); ok && strings.Contains(name, "email") {
		return ErrEmailTaken
	}
	if err != nil {
		return fmt.Errorf("insert account: %w", err)
	}
	return nil
}

// AccountByEmail reads the account with this (normalised) email; nil when
// there is none.
func (tx *Tx) AccountByEmail(email string) (*Account, error) {
	var a Account
	err := tx.db.Where("email = ?", email).Take(&a).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("account by email: %w", err)
	}
	return &a, nil
}

// AccountByOIDC reads the account signed in by issuer and subject; nil when
// there is none.
func (tx *Tx) AccountByOIDC(issuer, subject string) (*Account, error) {
	var a Account
	err := tx.db.Where("oidc_issuer = ? AND oidc_subject = ?", issuer, subject).Take(&a).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("account by oidc: %w", err)
	}
	return &a, nil
}

// LinkOIDC records the issuer and subject that sign the account in.
func (tx *Tx) LinkOIDC(accountID, issuer, subject string) error {
	err := tx.db.Model(&Account{}).Where("id = ?", accountID).Updates(map[string]any{"oidc_issuer": issuer, "oidc_subject": subject}).Error
	if err != nil {
		return fmt.Errorf("link oidc: %w", err)
	}
	return nil
}

// AccountByID reads an account; NotFound when there is none.
func (tx *Tx) AccountByID(id string) (*Account, error) {
	var a Account
	err := tx.db.Where("id = ?", id).Take(&a).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return nil, caja.Errorf(caja.NotFound, "account not found")
	}
	if err != nil {
		return nil, fmt.Errorf("account: %w", err)
	}
	return &a, nil
}

// InsertAccountSession stores a signed-in browser.
func (tx *Tx) InsertAccountSession(s *AccountSession) error {
	if err := tx.db.Create(s).Error; err != nil {
		return fmt.Errorf("insert account session: %w", err)
	}
	return nil
}

// DeleteAccountSession signs a browser out (nothing when there is none).
func (tx *Tx) DeleteAccountSession(tokenHash []byte) error {
	if err := tx.db.Where("token_hash = ?", tokenHash).Delete(&AccountSession{}).Error; err != nil {
		return fmt.Errorf("delete account session: %w", err)
	}
	return nil
}

// DeleteAccount deletes an account (its sign-ins and memberships cascade;
// its sessions become ownerless unless withSessions, when they are deleted
// with everything of theirs).
func (tx *Tx) DeleteAccount(id string, withSessions bool) error {
	if withSessions {
		var ids []string
		if err := tx.db.Model(&Session{}).Where("owner_id = ?", id).Pluck("id", &ids).Error; err != nil {
			return fmt.Errorf("sessions of account: %w", err)
		}
		for _, sid := range ids {
			// Participants, answers, questions and images go with the
			// session (ON DELETE CASCADE); the outbox row has the
			// projector clear what Redis holds of it.
			if err := tx.DeleteSessionRow(sid); err != nil {
				return err
			}
		}
	}
	if err := tx.db.Where("id = ?", id).Delete(&Account{}).Error; err != nil {
		return fmt.Errorf("delete account: %w", err)
	}
	return nil
}

// SessionAccount resolves a signed-in browser's token hash to its account,
// when the browser was seen within idle. Its last_seen_at moves forward at
// most once per touchEvery (one write a minute, not one per request);
// touched says whether it did. Expired rows are deleted here.
func (s *Store) SessionAccount(ctx context.Context, tokenHash []byte, now time.Time, idle, touchEvery time.Duration) (acc *Account, touched bool, err error) {
	err = s.Transact(ctx, func(tx *Tx) error {
		acc, touched = nil, false
		var as AccountSession
		e := tx.db.Where("token_hash = ?", tokenHash).Take(&as).Error
		if errors.Is(e, gorm.ErrRecordNotFound) {
			return nil
		}
		if e != nil {
			return fmt.Errorf("account session: %w", e)
		}
		if now.Sub(as.LastSeenAt) > idle {
			return tx.DeleteAccountSession(tokenHash)
		}
		if now.Sub(as.LastSeenAt) >= touchEvery {
			if e := tx.db.Model(&AccountSession{}).Where("token_hash = ?", tokenHash).Update("last_seen_at", now).Error; e != nil {
				return fmt.Errorf("touch account session: %w", e)
			}
			touched = true
		}
		a, e := tx.AccountByID(as.AccountID)
		if e != nil {
			return e
		}
		acc = a
		return nil
	})
	if err != nil {
		return nil, false, fmt.Errorf("session account: %w", err)
	}
	return acc, touched, nil
}

// MemberRole is an account's role in a session by membership ("" when it
// has none; the owner is sessions.owner_id, not a member).
func (tx *Tx) MemberRole(sessionID, accountID string) (string, error) {
	var roles []string
	if err := tx.db.Raw("SELECT role FROM session_members WHERE session_id = ? AND account_id = ?", sessionID, accountID).Scan(&roles).Error; err != nil {
		return "", fmt.Errorf("member role: %w", err)
	}
	if len(roles) == 0 {
		return "", nil
	}
	return roles[0], nil
}

// SessionRole is an account's role in a session: owner, a member's role,
// or "" (none, or no such session).
func (s *Store) SessionRole(ctx context.Context, sessionID, accountID string) (string, error) {
	var roles []string
	err := s.db.Gorm.WithContext(ctx).Raw(`SELECT CASE WHEN s.owner_id = ? THEN 'owner' ELSE coalesce(m.role, '') END
	  FROM sessions s LEFT JOIN session_members m ON m.session_id = s.id AND m.account_id = ?
	 WHERE s.id = ?`, accountID, accountID, sessionID).Scan(&roles).Error
	if err != nil {
		return "", classify(fmt.Errorf("session role: %w", err))
	}
	if len(roles) == 0 {
		return "", nil
	}
	return roles[0], nil
}
