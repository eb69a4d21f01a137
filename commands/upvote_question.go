package commands

import (
	"context"
	"fmt"

	"github.com/cajalive/caja"
	"github.com/cajalive/caja/writemodel"
)

// UpvoteQuestion adds (Up) or removes a participant's upvote. Both are
// idempotent.
type UpvoteQuestion struct {
	SessionID  string
	ActivityID string
	QuestionID string
	Token      string
	Up         bool
}

// UpvoteQuestionHandler handles UpvoteQuestion.
type UpvoteQuestionHandler struct{ store Transactor }

// NewUpvoteQuestionHandler returns the handler.
func NewUpvoteQuestionHandler(store Transactor) UpvoteQuestionHandler {
	return UpvoteQuestionHandler{store: store}
}

// Handle records the upvote; the primary key (question, participant) makes a
// second upvote a no-op, however concurrent.
func (h UpvoteQuestionHandler) Handle(ctx context.Context, cmd UpvoteQuestion) error {
	err := h.store.Transact(ctx, func(tx *writemodel.Tx) error {
		p, err := authenticateParticipant(tx, cmd.SessionID, cmd.Token)
		if err != nil {
			return err
		}
		if err := checkLive(tx, cmd.SessionID); err != nil {
			return err
		}
		if _, _, err := tx.GetActivity(cmd.SessionID, cmd.ActivityID); err != nil {
			return err
		}
		q, err := tx.GetQuestion(cmd.ActivityID, cmd.QuestionID)
		if err != nil {
			return err
		}
		if !writemodel.VisibleToAudience(q.Status) {
			return caja.Errorf(caja.NotFound, "question not found").WithCode(caja.CodeQuestionNotFound)
		}
		if q.ParticipantID == p.ID && cmd.Up {
			return caja.Errorf(caja.Conflict, "you cannot upvote your own question").WithCode(caja.CodeOwnQuestion)
		}
		_, err = tx.SetUpvote(q, p.ID, cmd.Up)
		return err
	})
	if err != nil {
		return fmt.Errorf("upvote question: %w", err)
	}
	return nil
}
