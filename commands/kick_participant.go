package commands

import (
	"context"
	"fmt"
	"time"

	"github.com/cajalive/caja"
	"github.com/cajalive/caja/writemodel"
)

// KickParticipant removes a participant: their token stops working at once.
// Their answers stay in the results (they were real votes), but they leave
// the participant count and the leaderboard, and their nickname is free.
type KickParticipant struct {
	SessionID     string
	ParticipantID string
	AdminToken    string
	// AccountID is the signed-in caller ("" when none); see Caller.
	AccountID string
	// HideEntries also hides every free-text entry the participant wrote
	// (HideParticipantEntries), in the same transaction.
	HideEntries bool
}

// KickParticipantHandler handles KickParticipant.
type KickParticipantHandler struct{ store Transactor }

// NewKickParticipantHandler returns the handler.
func NewKickParticipantHandler(store Transactor) KickParticipantHandler {
	return KickParticipantHandler{store: store}
}

// Handle marks the participant kicked.
func (h KickParticipantHandler) Handle(ctx context.Context, cmd KickParticipant) error {
	err := h.store.Transact(ctx, func(tx *writemodel.Tx) error {
		sess, err := tx.GetSessionRow(cmd.SessionID)
		if err != nil {
			return err
		}
		if err := checkRole(tx, Caller{Token: cmd.AdminToken, AccountID: cmd.AccountID}, sess, caja.RoleCoHost); err != nil {
			return err
		}
		p, err := tx.Participant(sess.ID, cmd.ParticipantID)
		if err != nil {
			return err
		}
		if cmd.HideEntries {
			if _, err := tx.SetParticipantEntriesHidden(sess.ID, p.ID, true); err != nil {
				return err
			}
		}
		if p.KickedAt != nil {
			return nil
		}
		now := time.Now().UTC()
		p.KickedAt = &now
		if err := tx.SaveParticipant(p); err != nil {
			return err
		}
		// The kicked phone learns it from /me, which it fetches when the
		// shared view's me_marker moves.
		return tx.BumpMeVersion(sess.ID)
	})
	if err != nil {
		return fmt.Errorf("kick participant: %w", err)
	}
	return nil
}
