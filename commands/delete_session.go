package commands

import (
	"context"
	"fmt"

	"github.com/cajalive/caja"
	"github.com/cajalive/caja/writemodel"
)

// DeleteSession deletes a session with its activities, participants,
// answers and questions (the owner only: its account, or the admin link of
// a session that has one).
type DeleteSession struct {
	SessionID  string
	AdminToken string
	AccountID  string
}

// DeleteSessionHandler handles DeleteSession.
type DeleteSessionHandler struct{ store Transactor }

// NewDeleteSessionHandler returns the handler.
func NewDeleteSessionHandler(store Transactor) DeleteSessionHandler {
	return DeleteSessionHandler{store: store}
}

// Handle deletes under the session's row lock.
func (h DeleteSessionHandler) Handle(ctx context.Context, cmd DeleteSession) error {
	err := h.store.Transact(ctx, func(tx *writemodel.Tx) error {
		sess, err := tx.LockSession(cmd.SessionID)
		if err != nil {
			return err
		}
		if err := checkRole(tx, Caller{Token: cmd.AdminToken, AccountID: cmd.AccountID}, sess, caja.RoleOwner); err != nil {
			return err
		}
		return tx.DeleteSessionRow(sess.ID)
	})
	if err != nil {
		return fmt.Errorf("delete session: %w", err)
	}
	return nil
}
