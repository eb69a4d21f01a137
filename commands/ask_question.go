package commands

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"github.com/google/uuid"

	"github.com/cajalive/caja"
	"github.com/cajalive/caja/writemodel"
)

// AskQuestion posts a participant's question to a Q&A activity.
type AskQuestion struct {
	SessionID  string
	ActivityID string
	Token      string
	Text       string
}

// AskQuestionHandler handles AskQuestion.
type AskQuestionHandler struct {
	store                           Transactor
	maxQuestions, maxPerParticipant int
}

// NewAskQuestionHandler returns the handler, with the caps of cfg.
func NewAskQuestionHandler(store Transactor, cfg Config) AskQuestionHandler {
	return AskQuestionHandler{store: store, maxQuestions: cfg.QnAMaxQuestions, maxPerParticipant: cfg.QnAMaxPerParticipant}
}

// Handle stores the question; with moderation on it waits for approval.
// The caps are counted under a lock on the activity row (SQLite serialises
// writers anyway), so concurrent askers queue and cannot overshoot them.
func (h AskQuestionHandler) Handle(ctx context.Context, cmd AskQuestion) (*caja.Question, error) {
	var errs caja.Fields
	body := multiline(&errs, "text", cmd.Text, 1, 300)
	if err := errs.Err(); err != nil {
		return nil, err
	}
	var doc caja.Question
	err := h.store.Transact(ctx, func(tx *writemodel.Tx) error {
		p, err := authenticateParticipant(tx, cmd.SessionID, cmd.Token)
		if err != nil {
			return err
		}
		if err := checkLive(tx, cmd.SessionID); err != nil {
			return err
		}
		a, _, err := tx.LockActivity(cmd.SessionID, cmd.ActivityID)
		if err != nil {
			return err
		}
		if a.Type != writemodel.TypeQnA {
			return caja.Errorf(caja.Conflict, "questions go to a Q&A activity; this one is a %s", a.Type).WithCode(caja.CodeNotAQnA)
		}
		if a.Status != writemodel.ActivityOpen {
			return caja.Errorf(caja.Conflict, "this Q&A is not open for questions (it is %s)", a.Status).WithCode(caja.CodeQnAClosed)
		}
		total, mine, err := tx.CountQuestions(a.ID, p.ID)
		if err != nil {
			return err
		}
		if total >= h.maxQuestions {
			return caja.Errorf(caja.Conflict, "this Q&A has reached its %s questions", thousands(h.maxQuestions)).WithCode(caja.CodeQnAFull)
		}
		if mine >= h.maxPerParticipant {
			return caja.Errorf(caja.Conflict, "you have asked the %s questions a participant may ask here", thousands(h.maxPerParticipant)).WithCode(caja.CodeQuestionLimit)
		}
		status := writemodel.QuestionApproved
		if loadSettings(a).QnA.Moderation {
			status = writemodel.QuestionPending
		}
		sess, err := tx.GetSessionRow(cmd.SessionID)
		if err != nil {
			return err
		}
		status = screenQuestion(sess, body, status)
		q := &writemodel.Question{ID: uuid.NewString(), SessionID: a.SessionID, ActivityID: a.ID, ParticipantID: p.ID, Text: body, Status: status, CreatedAt: time.Now().UTC()}
		if err := tx.InsertQuestion(q); err != nil {
			return err
		}
		doc = writemodel.QuestionOf(q, 0)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("ask question: %w", err)
	}
	return &doc, nil
}

// thousands writes n with a comma between thousands (2,000), as people
// read limits.
func thousands(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0 && s[i-1] != '-'; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
