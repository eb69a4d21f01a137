package commands

import (
	"context"
	"fmt"

	"github.com/cajalive/caja"
	"github.com/cajalive/caja/writemodel"
)

// DeleteAccount deletes the signed-in account: its sign-ins and roles
// always; the sessions it owns with everything of theirs (participants,
// answers, questions) when WithSessions, else they stay, ownerless, run by
// their admin link.
type DeleteAccount struct {
	AccountID    string
	WithSessions bool
}

// DeleteAccountHandler handles DeleteAccount.
type DeleteAccountHandler struct{ store Transactor }

// NewDeleteAccountHandler returns the handler.
func NewDeleteAccountHandler(store Transactor) DeleteAccountHandler {
	return DeleteAccountHandler{store: store}
}

// Handle deletes in one transaction.
func (h DeleteAccountHandler) Handle(ctx context.Context, cmd DeleteAccount) error {
	if cmd.AccountID == "" {
		return caja.Errorf(caja.Unauthorized, "sign in first").WithCode(caja.CodeSignInRequired)
	}
	err := h.store.Transact(ctx, func(tx *writemodel.Tx) error { return tx.DeleteAccount(cmd.AccountID, cmd.WithSessions) })
	if err != nil {
		return fmt.Errorf("delete account: %w", err)
	}
	return nil
}
