package commands

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/google/uuid"
	"golang.org/x/text/cases"

	"github.com/cajalive/caja"
	"github.com/cajalive/caja/writemodel"
)

// JoinSession adds a participant with a nickname.
type JoinSession struct {
	SessionID string
	Nickname  string
}

// Joined is the new participant with their token, shown only now.
type Joined struct {
	ID       string `json:"id"`
	Nickname string `json:"nickname"`
	Token    string `json:"token"`
}

// JoinSessionHandler handles JoinSession. Joins come in bursts like
// answers (a room scans the QR code at once) and are group-committed the
// same way: the joins arriving while a batch is written go together, one
// transaction and three statements for the whole group, each acknowledged
// only after its commit.
type JoinSessionHandler struct {
	store   Transactor
	batches *groupCommit[*writemodel.Participant, struct{}]
}

// JoinTx is what a batch of joins does in its transaction.
type JoinTx interface {
	SessionStatuses(ids []string) (map[string]string, error)
	InsertParticipants(ps []*writemodel.Participant) (map[string]bool, error)
}

// NewJoinSessionHandler returns the handler, batching joins as gc says.
func NewJoinSessionHandler(store Transactor, gc GroupCommitConfig) JoinSessionHandler {
	h := JoinSessionHandler{store: store}
	h.batches = newGroupCommit(gc, h.writeBatch)
	return h
}

var folder = cases.Fold()

// Handle stores the participant; the unique index on the folded nickname
// decides clashes, so two phones racing for one name cannot both get it.
func (h JoinSessionHandler) Handle(ctx context.Context, cmd JoinSession) (*Joined, error) {
	var errs caja.Fields
	nick, key := nickname(&errs, "nickname", cmd.Nickname, 30)
	if err := errs.Err(); err != nil {
		return nil, err
	}
	if !validUUID(cmd.SessionID) {
		return nil, caja.Errorf(caja.NotFound, "session not found").WithCode(caja.CodeSessionNotFound)
	}
	token := caja.NewParticipantToken(time.Now())
	p := &writemodel.Participant{
		ID: uuid.NewString(), SessionID: cmd.SessionID, Nickname: nick, NicknameKey: key,
		TokenHash: caja.HashToken(token), CreatedAt: time.Now().UTC(),
	}
	if _, err := h.batches.submit(ctx, p.TokenHash, p); err != nil {
		return nil, fmt.Errorf("join session: %w", err)
	}
	return &Joined{ID: p.ID, Nickname: p.Nickname, Token: token}, nil
}

// errNicknameTaken is a join's answer to a nickname already in use.
func errNicknameTaken() error {
	return &caja.Error{Kind: caja.Conflict, Code: caja.CodeNicknameTaken, Message: "this nickname is taken in this session", Fields: []caja.FieldError{{Field: "nickname", Message: "is taken; choose another"}}}
}

// writeBatch stores a batch of joins in one transaction.
func (h JoinSessionHandler) writeBatch(ctx context.Context, jobs []*batchJob[*writemodel.Participant, struct{}]) error {
	return h.store.Transact(ctx, func(tx *writemodel.Tx) error { return storeJoins(tx, jobs) })
}

// storeJoins checks each join's session (it exists and has not ended) and
// stores those that pass; a join refused on its own (an ended session, a
// nickname taken) carries its error, only database failures are returned.
func storeJoins(tx JoinTx, jobs []*batchJob[*writemodel.Participant, struct{}]) error {
	ids := make([]string, 0, len(jobs))
	for _, j := range jobs {
		j.err = nil
		if !slices.Contains(ids, j.in.SessionID) {
			ids = append(ids, j.in.SessionID)
		}
	}
	status, err := tx.SessionStatuses(ids)
	if err != nil {
		return err
	}
	ps := make([]*writemodel.Participant, 0, len(jobs))
	for _, j := range jobs {
		switch st, ok := status[j.in.SessionID]; {
		case !ok:
			j.err = caja.Errorf(caja.NotFound, "session not found").WithCode(caja.CodeSessionNotFound)
		case st == writemodel.StatusCompleted:
			j.err = writemodel.ErrSessionEnded()
		default:
			ps = append(ps, j.in)
		}
	}
	stored, err := tx.InsertParticipants(ps)
	if err != nil {
		return err
	}
	for _, j := range jobs {
		if j.err == nil && !stored[j.in.ID] {
			j.err = errNicknameTaken()
		}
	}
	return nil
}

// Batches reports how many join batches were written, and how many joins
// they held.
func (h JoinSessionHandler) Batches() (batches, joins int64) {
	return h.batches.batches.Load(), h.batches.batched.Load()
}
