package commands

import (
	"context"
	"fmt"
	"time"

	"github.com/cajalive/caja"
	"github.com/cajalive/caja/writemodel"
)

// SubmitResponse is a participant's answer to an activity: option ids for
// polls, quizzes and rankings (every option, best first), text for word
// clouds and open text, a value for ratings (a whole number) and numeric
// activities, ratings per statement for scales, points per option for
// points.
type SubmitResponse struct {
	SessionID  string
	ActivityID string
	Token      string
	OptionIDs  []string
	Text       *string
	Value      *float64
	Ratings    map[string]int
	Points     map[string]int
}

// ResponseAccepted says whether the answer was new or replaced an earlier
// one.
type ResponseAccepted struct {
	ID         string `json:"id"`
	ActivityID string `json:"activity_id"`
	Status     string `json:"status"` // "created" or "replaced"
}

// Created reports whether this was a first answer.
func (r ResponseAccepted) Created() bool { return r.Status == "created" }

// AnswerStore is what SubmitResponse needs of the write model: a
// transaction, in which the batch's context is read and its answers are
// written (AnswerTx).
type AnswerStore interface {
	Transact(ctx context.Context, fn func(tx *writemodel.Tx) error) error
}

// AnswerTx is what a batch of answers does in its transaction.
type AnswerTx interface {
	LoadAnswerContext(keys []writemodel.AnswerKey) (*writemodel.AnswerContext, error)
	StoreAnswers(answers []writemodel.Answer) ([]writemodel.AnswerStored, error)
}

// SubmitResponseHandler handles SubmitResponse.
type SubmitResponseHandler struct {
	store   AnswerStore
	now     func() time.Time
	batches *groupCommit[answerIn, writemodel.AnswerStored]
}

// answerIn is an answer waiting for its batch.
type answerIn struct {
	cmd       SubmitResponse
	tokenHash []byte
	// at is when the request arrived: quiz points are timed from it, not
	// from when its batch was written.
	at time.Time
}

// NewSubmitResponseHandler returns the handler, batching answers as gc
// says.
func NewSubmitResponseHandler(store AnswerStore, gc GroupCommitConfig) SubmitResponseHandler {
	h := SubmitResponseHandler{store: store, now: time.Now}
	h.batches = newGroupCommit(gc, h.writeBatch)
	return h
}

// Batches reports how many answer batches were written, and how many
// answers they held.
func (h SubmitResponseHandler) Batches() (batches, answers int64) {
	return h.batches.batches.Load(), h.batches.batched.Load()
}

// Handle validates the answer against the activity and stores it, batched
// with the answers arriving at the same moment (group commit). Every
// uniqueness rule is a database constraint: concurrent duplicates of the
// same answer count once.
func (h SubmitResponseHandler) Handle(ctx context.Context, cmd SubmitResponse) (*ResponseAccepted, error) {
	if cmd.Token == "" {
		return nil, caja.ErrParticipantTokenMissing()
	}
	in := answerIn{cmd: cmd, tokenHash: caja.HashToken(cmd.Token), at: h.now().UTC()}
	stored, err := h.batches.submit(ctx, in.tokenHash, in)
	if err != nil {
		return nil, fmt.Errorf("submit response: %w", err)
	}
	status := "created"
	if stored.Replaced {
		status = "replaced"
	}
	return &ResponseAccepted{ID: stored.ResponseID, ActivityID: stored.ActivityID, Status: status}, nil
}

// writeBatch checks and stores a batch in one transaction.
func (h SubmitResponseHandler) writeBatch(ctx context.Context, jobs []*batchJob[answerIn, writemodel.AnswerStored]) error {
	return h.store.Transact(ctx, func(tx *writemodel.Tx) error { return h.storeBatch(tx, jobs) })
}

// storeBatch reads what the batch's answers are checked against, checks
// each (its participant token once, the session, the activity's state and
// deadline against the clock now, inside the transaction, then the answer
// itself), and stores those that pass. The errors of one answer (a bad
// token, a closed activity, a second quiz answer) are that answer's; only
// database failures are returned.
func (h SubmitResponseHandler) storeBatch(tx AnswerTx, jobs []*batchJob[answerIn, writemodel.AnswerStored]) error {
	keys := make([]writemodel.AnswerKey, len(jobs))
	for i, j := range jobs {
		j.out, j.err = writemodel.AnswerStored{}, nil
		keys[i] = writemodel.AnswerKey{TokenHash: j.in.tokenHash, SessionID: j.in.cmd.SessionID, ActivityID: j.in.cmd.ActivityID}
	}
	bc, err := tx.LoadAnswerContext(keys)
	if err != nil {
		return err
	}
	// Nothing is stored after deadline + grace: the clock is read inside
	// the transaction.
	now := h.now().UTC()
	settings := make(map[string]Settings) // parsed once per activity and batch
	answers := make([]writemodel.Answer, 0, len(jobs))
	accepted := make([]*batchJob[answerIn, writemodel.AnswerStored], 0, len(jobs))
	for _, j := range jobs {
		answer, err := checkAnswer(j.in, bc, settings, now)
		if err != nil {
			j.err = err
			continue
		}
		answers = append(answers, *answer)
		accepted = append(accepted, j)
	}
	if len(answers) == 0 {
		return nil
	}
	outs, err := tx.StoreAnswers(answers)
	if err != nil {
		return err
	}
	for i, j := range accepted {
		j.out, j.err = outs[i], refusal(outs[i].Refused, answers[i].Slots)
	}
	return nil
}

// checkAnswer is every rule an answer meets before it is stored.
func checkAnswer(in answerIn, bc *writemodel.AnswerContext, settings map[string]Settings, now time.Time) (*writemodel.Answer, error) {
	cmd := in.cmd
	p := bc.Participants[string(in.tokenHash)]
	if err := checkParticipant(p, cmd.SessionID); err != nil {
		return nil, err
	}
	a := bc.Activities[cmd.ActivityID]
	if a == nil || a.SessionID != cmd.SessionID {
		return nil, caja.Errorf(caja.NotFound, "activity not found")
	}
	if bc.Ended[cmd.SessionID] {
		return nil, writemodel.ErrSessionEnded()
	}
	s, ok := settings[a.ID]
	if !ok {
		s = loadSettings(a)
		settings[a.ID] = s
	}
	if err := checkDeadline(a, now); err != nil {
		return nil, err
	}
	answer, err := planAnswer(cmd, a, s, bc.Options[a.ID], in.at)
	if err != nil {
		return nil, err
	}
	r := &answer.Response
	r.SessionID, r.ActivityID, r.ParticipantID = a.SessionID, a.ID, p.ID
	return answer, nil
}

// refusal is the error of an answer the database kept out.
func refusal(r writemodel.AnswerRefusal, slots int) error {
	switch r {
	case writemodel.RefusedAlreadyAnswered:
		return caja.Errorf(caja.Conflict, "you have already answered this question")
	case writemodel.RefusedNoFreeSlot:
		return caja.Errorf(caja.Conflict, "you have already sent %d entries", slots)
	}
	return nil
}
