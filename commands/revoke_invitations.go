package commands

import (
	"context"
	"fmt"

	"github.com/cajalive/caja"
	"github.com/cajalive/caja/writemodel"
)

// RevokeInvitations cancels a session's open invitations to one email: a
// link sent to the wrong person, or that leaked, stops working at once
// instead of at its expiry (it is a bearer secret).
type RevokeInvitations struct {
	SessionID  string
	AdminToken string
	AccountID  string
	Email      string
}

// RevokeInvitationsHandler handles RevokeInvitations.
type RevokeInvitationsHandler struct{ store Transactor }

// NewRevokeInvitationsHandler returns the handler.
func NewRevokeInvitationsHandler(store Transactor) RevokeInvitationsHandler {
	return RevokeInvitationsHandler{store: store}
}

// Handle needs the co-host role (or the owner's); 404 when no open
// invitation went to that email.
func (h RevokeInvitationsHandler) Handle(ctx context.Context, cmd RevokeInvitations) error {
	var errs caja.Fields
	email := checkEmail(&errs, "email", cmd.Email)
	if err := errs.Err(); err != nil {
		return err
	}
	err := h.store.Transact(ctx, func(tx *writemodel.Tx) error {
		sess, err := tx.LockSession(cmd.SessionID)
		if err != nil {
			return err
		}
		if err := checkRole(tx, Caller{Token: cmd.AdminToken, AccountID: cmd.AccountID}, sess, caja.RoleCoHost); err != nil {
			return err
		}
		n, err := tx.DeleteInvitations(sess.ID, email)
		if err != nil {
			return err
		}
		if n == 0 {
			return caja.Errorf(caja.NotFound, "no open invitation of this session went to %s", email).WithCode(caja.CodeInvitationNotFound)
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("revoke invitations: %w", err)
	}
	return nil
}
