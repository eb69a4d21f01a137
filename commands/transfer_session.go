package commands

import (
	"context"
	"fmt"
	"time"

	"github.com/cajalive/caja"
	"github.com/cajalive/caja/writemodel"
)

// TransferSession hands a session to one of its co-hosts, who becomes its
// owner (and its organizer name theirs); the old owner stays as a co-host.
// Only the owner, signed in, may.
type TransferSession struct {
	SessionID string
	AccountID string
	// To is the co-host's account.
	To string
}

// TransferSessionHandler handles TransferSession.
type TransferSessionHandler struct {
	store     SessionUpdater
	presenter *caja.Presenter
}

// NewTransferSessionHandler returns the handler.
func NewTransferSessionHandler(store SessionUpdater, presenter *caja.Presenter) TransferSessionHandler {
	return TransferSessionHandler{store: store, presenter: presenter}
}

// Handle moves the ownership in one transaction.
func (h TransferSessionHandler) Handle(ctx context.Context, cmd TransferSession) (*caja.Session, error) {
	if cmd.AccountID == "" {
		return nil, caja.Errorf(caja.Unauthorized, "sign in as the session's owner to transfer it").WithCode(caja.CodeSignInRequired)
	}
	if !validUUID(cmd.To) {
		return nil, caja.InvalidField("account_id", "must be the id of a co-host's account")
	}
	sess, err := h.store.UpdateSession(ctx, cmd.SessionID, func(tx *writemodel.Tx, s *writemodel.Session) error {
		if s.OwnerID == nil || *s.OwnerID != cmd.AccountID {
			return caja.Errorf(caja.Forbidden, "only the session's owner may transfer it").WithCode(caja.CodeRoleInsufficient)
		}
		role, err := tx.MemberRole(s.ID, cmd.To)
		if err != nil {
			return err
		}
		if role != caja.RoleCoHost {
			return caja.InvalidField("account_id", "must be a co-host of this session")
		}
		to, err := tx.AccountByID(cmd.To)
		if err != nil {
			return err
		}
		if _, err := tx.DeleteMember(s.ID, to.ID); err != nil {
			return err
		}
		if err := tx.UpsertMember(&writemodel.SessionMember{SessionID: s.ID, AccountID: cmd.AccountID, Role: caja.RoleCoHost, CreatedAt: time.Now().UTC()}); err != nil {
			return err
		}
		s.OwnerID, s.AdminID = &to.ID, to.DisplayName
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("transfer session: %w", err)
	}
	doc, err := writemodel.OrganizerSessionOf(h.presenter, sess)
	if err != nil {
		return nil, fmt.Errorf("transfer session: %w", err)
	}
	return &doc, nil
}
