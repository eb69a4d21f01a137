package commands

import (
	"context"
	"fmt"

	"github.com/cajalive/caja"
	"github.com/cajalive/caja/writemodel"
)

// ClaimSession moves an anonymous session into the signed-in account of
// whoever holds its admin token: the account becomes its owner and its
// organizer name the account's display name.
type ClaimSession struct {
	SessionID  string
	AdminToken string
	Account    *caja.Account
}

// ClaimSessionHandler handles ClaimSession.
type ClaimSessionHandler struct {
	store     SessionUpdater
	presenter *caja.Presenter
}

// NewClaimSessionHandler returns the handler.
func NewClaimSessionHandler(store SessionUpdater, presenter *caja.Presenter) ClaimSessionHandler {
	return ClaimSessionHandler{store: store, presenter: presenter}
}

// Handle claims the session; claiming a session one already owns changes
// nothing, a session owned by another account is a conflict.
func (h ClaimSessionHandler) Handle(ctx context.Context, cmd ClaimSession) (*caja.Session, error) {
	if cmd.Account == nil {
		return nil, caja.Errorf(caja.Unauthorized, "sign in to claim a session").WithCode(caja.CodeSignInRequired)
	}
	sess, err := h.store.UpdateSession(ctx, cmd.SessionID, func(_ *writemodel.Tx, s *writemodel.Session) error {
		if err := checkAdminToken(cmd.AdminToken, s); err != nil {
			return err
		}
		if s.OwnerID != nil && *s.OwnerID != cmd.Account.ID {
			return caja.Errorf(caja.Conflict, "this session belongs to another account").WithCode(caja.CodeSessionOwned)
		}
		id := cmd.Account.ID
		s.OwnerID, s.AdminID = &id, cmd.Account.DisplayName
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("claim session: %w", err)
	}
	doc, err := writemodel.OrganizerSessionOf(h.presenter, sess)
	if err != nil {
		return nil, fmt.Errorf("claim session: %w", err)
	}
	return &doc, nil
}
