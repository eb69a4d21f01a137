package commands

import (
	"context"
	"fmt"

	"github.com/cajalive/caja"
	"github.com/cajalive/caja/writemodel"
)

// RotateAdminToken replaces a session's admin token, for an operator whose
// organizer leaked theirs. The old token stops working at commit.
type RotateAdminToken struct{ SessionID string }

// RotateAdminTokenHandler handles RotateAdminToken.
type RotateAdminTokenHandler struct{ store SessionUpdater }

// NewRotateAdminTokenHandler returns the handler.
func NewRotateAdminTokenHandler(store SessionUpdater) RotateAdminTokenHandler {
	return RotateAdminTokenHandler{store: store}
}

// Handle returns the new token; only its hash is stored.
func (h RotateAdminTokenHandler) Handle(ctx context.Context, cmd RotateAdminToken) (string, error) {
	if !validUUID(cmd.SessionID) {
		return "", caja.InvalidField("session_id", "must be a UUID")
	}
	token := caja.NewToken()
	_, err := h.store.UpdateSession(ctx, cmd.SessionID, func(_ *writemodel.Tx, s *writemodel.Session) error {
		s.AdminTokenHash = caja.HashToken(token)
		return nil
	})
	if err != nil {
		return "", fmt.Errorf("rotate admin token: %w", err)
	}
	return token, nil
}
