package commands

import (
	"context"
	"fmt"

	"github.com/cajalive/caja"
	"github.com/cajalive/caja/writemodel"
)

// DeleteActivity removes a draft activity.
type DeleteActivity struct {
	SessionID  string
	ActivityID string
	AdminToken string
	// AccountID is the signed-in caller ("" when none); see Caller.
	AccountID string
}

// DeleteActivityHandler handles DeleteActivity.
type DeleteActivityHandler struct{ store Transactor }

// NewDeleteActivityHandler returns the handler.
func NewDeleteActivityHandler(store Transactor) DeleteActivityHandler {
	return DeleteActivityHandler{store: store}
}

// Handle deletes the activity, taking it off screen if it was current.
func (h DeleteActivityHandler) Handle(ctx context.Context, cmd DeleteActivity) error {
	err := h.store.Transact(ctx, func(tx *writemodel.Tx) error {
		sess, err := tx.LockSession(cmd.SessionID)
		if err != nil {
			return err
		}
		if err := checkRole(tx, Caller{Token: cmd.AdminToken, AccountID: cmd.AccountID}, sess, caja.RoleCoHost); err != nil {
			return err
		}
		a, _, err := tx.LockActivity(sess.ID, cmd.ActivityID)
		if err != nil {
			return err
		}
		if a.Status != writemodel.ActivityDraft {
			return caja.Errorf(caja.Conflict, "only a draft activity can be deleted; this one is %s", a.Status).WithCode(caja.CodeOnlyDraftDeletable)
		}
		if sess.CurrentActivityID != nil && *sess.CurrentActivityID == a.ID {
			sess.CurrentActivityID = nil
			if err := tx.SaveSession(sess); err != nil {
				return err
			}
		}
		return tx.DeleteActivity(a)
	})
	if err != nil {
		return fmt.Errorf("delete activity: %w", err)
	}
	return nil
}
