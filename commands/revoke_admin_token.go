package commands

import (
	"context"
	"fmt"

	"github.com/cajalive/caja"
	"github.com/cajalive/caja/writemodel"
)

// RevokeAdminToken turns a session's admin link off: from commit on, only
// the owner's account and its members run the session. Only the owner
// (signed in) may.
type RevokeAdminToken struct {
	SessionID string
	AccountID string
}

// RevokeAdminTokenHandler handles RevokeAdminToken.
type RevokeAdminTokenHandler struct{ store SessionUpdater }

// NewRevokeAdminTokenHandler returns the handler.
func NewRevokeAdminTokenHandler(store SessionUpdater) RevokeAdminTokenHandler {
	return RevokeAdminTokenHandler{store: store}
}

// Handle stores an empty hash, which no token matches.
func (h RevokeAdminTokenHandler) Handle(ctx context.Context, cmd RevokeAdminToken) error {
	if cmd.AccountID == "" {
		return caja.Errorf(caja.Unauthorized, "sign in as the session's owner to revoke its admin link").WithCode(caja.CodeSignInRequired)
	}
	_, err := h.store.UpdateSession(ctx, cmd.SessionID, func(_ *writemodel.Tx, s *writemodel.Session) error {
		if s.OwnerID == nil || *s.OwnerID != cmd.AccountID {
			return caja.Errorf(caja.Forbidden, "only the session's owner may revoke its admin link").WithCode(caja.CodeRoleInsufficient)
		}
		s.AdminTokenHash = []byte{}
		return nil
	})
	if err != nil {
		return fmt.Errorf("revoke admin token: %w", err)
	}
	return nil
}
