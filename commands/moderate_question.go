package commands

import (
	"context"
	"fmt"

	"github.com/cajalive/caja"
	"github.com/cajalive/caja/writemodel"
)

// ModerateQuestion is the organizer approving, hiding, marking answered or
// pinning a question.
type ModerateQuestion struct {
	SessionID  string
	ActivityID string
	QuestionID string
	AdminToken string
	// AccountID is the signed-in caller ("" when none); see Caller.
	AccountID string
	Status    *string
	Pinned    *bool
}

// ModerateQuestionHandler handles ModerateQuestion.
type ModerateQuestionHandler struct{ store Transactor }

// NewModerateQuestionHandler returns the handler.
func NewModerateQuestionHandler(store Transactor) ModerateQuestionHandler {
	return ModerateQuestionHandler{store: store}
}

// Handle applies the moderation; pinning one question unpins the others.
func (h ModerateQuestionHandler) Handle(ctx context.Context, cmd ModerateQuestion) (*caja.Question, error) {
	if cmd.Status != nil {
		switch *cmd.Status {
		case writemodel.QuestionApproved, writemodel.QuestionHidden, writemodel.QuestionAnswered:
		default:
			return nil, caja.InvalidField("status", "must be approved, hidden or answered")
		}
	}
	var doc caja.Question
	err := h.store.Transact(ctx, func(tx *writemodel.Tx) error {
		sess, err := tx.GetSessionRow(cmd.SessionID)
		if err != nil {
			return err
		}
		if err := checkRole(tx, Caller{Token: cmd.AdminToken, AccountID: cmd.AccountID}, sess, caja.RoleModerator); err != nil {
			return err
		}
		if _, _, err := tx.GetActivity(sess.ID, cmd.ActivityID); err != nil {
			return err
		}
		q, err := tx.LockQuestion(cmd.ActivityID, cmd.QuestionID)
		if err != nil {
			return err
		}
		statusChanged := cmd.Status != nil && *cmd.Status != q.Status
		if cmd.Status != nil {
			q.Status = *cmd.Status
		}
		if cmd.Pinned != nil {
			q.Pinned = *cmd.Pinned
		}
		if err := tx.SaveQuestion(q); err != nil {
			return err
		}
		if statusChanged {
			// The asker's phone shows what became of its question.
			if err := tx.BumpMeVersion(sess.ID); err != nil {
				return err
			}
		}
		n, err := tx.Upvotes(q.ID)
		if err != nil {
			return err
		}
		doc = writemodel.QuestionOf(q, n)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("moderate question: %w", err)
	}
	return &doc, nil
}
