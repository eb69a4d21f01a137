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
	store                           *writemodel.Store
	maxQuestions, maxPerParticipant int
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
			return caja.Errorf(caja.Conflict, "questions go to a Q&A activity; this one is a %s", a.Type)
		}
		if a.Status != writemodel.ActivityOpen {
			return caja.Errorf(caja.Conflict, "this Q&A is not open for questions (it is %s)", a.Status)
		}
		total, mine, err := tx.CountQuestions(a.ID, p.ID)
		if err != nil {
			return err
		}
		if total >= h.maxQuestions {
			return caja.Errorf(caja.Conflict, "this Q&A has reached its %s questions", thousands(h.maxQuestions))
		}
		if mine >= h.maxPerParticipant {
			return caja.Errorf(caja.Conflict, "you have asked the %s questions a participant may ask here", thousands(h.maxPerParticipant))
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
type UpvoteQuestionHandler struct{ store *writemodel.Store }

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
			return caja.Errorf(caja.NotFound, "question not found")
		}
		if q.ParticipantID == p.ID && cmd.Up {
			return caja.Errorf(caja.Conflict, "you cannot upvote your own question")
		}
		_, err = tx.SetUpvote(q, p.ID, cmd.Up)
		return err
	})
	if err != nil {
		return fmt.Errorf("upvote question: %w", err)
	}
	return nil
}

// ModerateQuestion is the organizer approving, hiding, marking answered or
// pinning a question.
type ModerateQuestion struct {
	SessionID  string
	ActivityID string
	QuestionID string
	AdminToken string
	Status     *string
	Pinned     *bool
}

// ModerateQuestionHandler handles ModerateQuestion.
type ModerateQuestionHandler struct{ store *writemodel.Store }

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
		if err := checkModerator(cmd.AdminToken, sess); err != nil {
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

// thousands writes n with a comma between thousands (2,000), as people
// read limits.
func thousands(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0 && s[i-1] != '-'; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
