package commands

import (
	"context"
	"fmt"

	"github.com/cajalive/caja"
	"github.com/cajalive/caja/writemodel"
)

// LogOut ends a browser session.
type LogOut struct{ Token string }

// LogOutHandler handles LogOut.
type LogOutHandler struct{ store AccountStore }

// NewLogOutHandler returns the handler.
func NewLogOutHandler(store AccountStore) LogOutHandler { return LogOutHandler{store: store} }

// Handle deletes the browser session's row; an unknown token is no error.
func (h LogOutHandler) Handle(ctx context.Context, cmd LogOut) error {
	if cmd.Token == "" {
		return nil
	}
	err := h.store.Transact(ctx, func(tx *writemodel.Tx) error { return tx.DeleteAccountSession(caja.HashToken(cmd.Token)) })
	if err != nil {
		return fmt.Errorf("log out: %w", err)
	}
	return nil
}
