package commands

import (
	"context"
	"fmt"

	"github.com/cajalive/caja"
	"github.com/cajalive/caja/writemodel"
)

// RemoveMember takes an account's role in a session away (owner or
// co-host); the owner is not a member and cannot be removed.
type RemoveMember struct {
	SessionID  string
	AdminToken string
	AccountID  string
	// MemberID is the account to remove.
	MemberID string
}

// RemoveMemberHandler handles RemoveMember.
type RemoveMemberHandler struct{ store Transactor }

// NewRemoveMemberHandler returns the handler.
func NewRemoveMemberHandler(store Transactor) RemoveMemberHandler {
	return RemoveMemberHandler{store: store}
}

// Handle deletes the membership; 404 when the account had no role.
func (h RemoveMemberHandler) Handle(ctx context.Context, cmd RemoveMember) error {
	err := h.store.Transact(ctx, func(tx *writemodel.Tx) error {
		sess, err := tx.LockSession(cmd.SessionID)
		if err != nil {
			return err
		}
		if err := checkRole(tx, Caller{Token: cmd.AdminToken, AccountID: cmd.AccountID}, sess, caja.RoleCoHost); err != nil {
			return err
		}
		ok, err := tx.DeleteMember(sess.ID, cmd.MemberID)
		if err != nil {
			return err
		}
		if !ok {
			return caja.Errorf(caja.NotFound, "this account has no role in this session")
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("remove member: %w", err)
	}
	return nil
}
