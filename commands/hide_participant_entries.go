package commands

import (
	"context"
	"fmt"

	"github.com/cajalive/caja"
	"github.com/cajalive/caja/writemodel"
)

// HideParticipantEntries hides or shows every free-text entry of one
// participant (open-text answers, word-cloud entries, Q&A questions): the
// organizer's answer to a participant who floods a wall with abuse.
type HideParticipantEntries struct {
	SessionID     string
	ParticipantID string
	// AdminToken is the admin or the moderator token.
	AdminToken string
	// AccountID is the signed-in caller ("" when none); see Caller.
	AccountID string
	Hidden    *bool
}

// HiddenParticipantEntries is the answer: how many entries changed.
type HiddenParticipantEntries struct {
	ParticipantID string `json:"participant_id"`
	Hidden        bool   `json:"entries_hidden"`
	Changed       int    `json:"changed"`
}

// HideParticipantEntriesHandler handles HideParticipantEntries.
type HideParticipantEntriesHandler struct{ store Transactor }

// NewHideParticipantEntriesHandler returns the handler.
func NewHideParticipantEntriesHandler(store Transactor) HideParticipantEntriesHandler {
	return HideParticipantEntriesHandler{store: store}
}

// Handle applies the moderation.
func (h HideParticipantEntriesHandler) Handle(ctx context.Context, cmd HideParticipantEntries) (*HiddenParticipantEntries, error) {
	if cmd.Hidden == nil {
		return nil, caja.InvalidField("entries_hidden", "is required (true or false)")
	}
	out := HiddenParticipantEntries{ParticipantID: cmd.ParticipantID, Hidden: *cmd.Hidden}
	err := h.store.Transact(ctx, func(tx *writemodel.Tx) error {
		sess, err := tx.GetSessionRow(cmd.SessionID)
		if err != nil {
			return err
		}
		if err := checkRole(tx, Caller{Token: cmd.AdminToken, AccountID: cmd.AccountID}, sess, caja.RoleModerator); err != nil {
			return err
		}
		if _, err := tx.Participant(sess.ID, cmd.ParticipantID); err != nil {
			return err
		}
		out.Changed, err = tx.SetParticipantEntriesHidden(sess.ID, cmd.ParticipantID, *cmd.Hidden)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("hide participant entries: %w", err)
	}
	return &out, nil
}
