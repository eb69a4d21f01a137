package commands

import (
	"context"
	"fmt"

	"github.com/cajalive/caja"
	"github.com/cajalive/caja/writemodel"
)

// ModerateEntry hides or shows one free-text entry: an open-text answer, a
// word-cloud entry (and with it every entry of its normalised word) or a
// Q&A question.
type ModerateEntry struct {
	SessionID  string
	ActivityID string
	EntryID    string
	// AdminToken is the admin or the moderator token.
	AdminToken string
	// AccountID is the signed-in caller ("" when none); see Caller.
	AccountID string
	Hidden    *bool
}

// ModeratedEntry is the answer to a moderation.
type ModeratedEntry struct {
	ID     string `json:"id"`
	Hidden bool   `json:"hidden"`
	// Word is the normalised word a word-cloud entry hid or showed.
	Word string `json:"word,omitempty"`
}

// NewModerateEntryHandler returns the handler; question entries go
// through the questions' own moderation.
func NewModerateEntryHandler(store Transactor) ModerateEntryHandler {
	return ModerateEntryHandler{store: store, questions: NewModerateQuestionHandler(store)}
}

// ModerateEntryHandler handles ModerateEntry.
type ModerateEntryHandler struct {
	store     Transactor
	questions ModerateQuestionHandler
}

// Handle applies the moderation.
func (h ModerateEntryHandler) Handle(ctx context.Context, cmd ModerateEntry) (*ModeratedEntry, error) {
	if cmd.Hidden == nil {
		return nil, caja.InvalidField("hidden", "is required (true or false)")
	}
	if !validUUID(cmd.EntryID) {
		return nil, caja.Errorf(caja.NotFound, "entry not found").WithCode(caja.CodeEntryNotFound)
	}
	out := ModeratedEntry{ID: cmd.EntryID, Hidden: *cmd.Hidden}
	isQnA := false
	err := h.store.Transact(ctx, func(tx *writemodel.Tx) error {
		sess, err := tx.GetSessionRow(cmd.SessionID)
		if err != nil {
			return err
		}
		if err := checkRole(tx, Caller{Token: cmd.AdminToken, AccountID: cmd.AccountID}, sess, caja.RoleModerator); err != nil {
			return err
		}
		a, _, err := tx.LockActivity(sess.ID, cmd.ActivityID)
		if err != nil {
			return err
		}
		switch a.Type {
		case writemodel.TypeOpenText:
			return tx.SetTextHidden(a, cmd.EntryID, *cmd.Hidden)
		case writemodel.TypeWordCloud:
			out.Word, err = tx.SetWordHidden(a, cmd.EntryID, *cmd.Hidden)
			return err
		case writemodel.TypeQnA:
			isQnA = true
			return nil
		default:
			return caja.Errorf(caja.Conflict, "only open text, word cloud and Q&A entries can be hidden; this is a %s", a.Type).WithCode(caja.CodeNotModeratable)
		}
	})
	if err == nil && isQnA {
		status := writemodel.QuestionApproved
		if *cmd.Hidden {
			status = writemodel.QuestionHidden
		}
		_, err = h.questions.Handle(ctx, ModerateQuestion{SessionID: cmd.SessionID, ActivityID: cmd.ActivityID, QuestionID: cmd.EntryID, AdminToken: cmd.AdminToken, Status: &status})
	}
	if err != nil {
		return nil, fmt.Errorf("moderate entry: %w", err)
	}
	return &out, nil
}
