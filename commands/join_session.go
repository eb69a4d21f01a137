package commands

import (
	"context"
	"errors"
	"fmt"
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

// JoinSessionHandler handles JoinSession.
type JoinSessionHandler struct{ store Transactor }

// NewJoinSessionHandler returns the handler.
func NewJoinSessionHandler(store Transactor) JoinSessionHandler {
	return JoinSessionHandler{store: store}
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
	token := caja.NewParticipantToken(time.Now())
	p := &writemodel.Participant{
		ID: uuid.NewString(), SessionID: cmd.SessionID, Nickname: nick, NicknameKey: key,
		TokenHash: caja.HashToken(token), CreatedAt: time.Now().UTC(),
	}
	err := h.store.Transact(ctx, func(tx *writemodel.Tx) error {
		sess, err := tx.GetSessionRow(cmd.SessionID)
		if err != nil {
			return err
		}
		if sess.Status == writemodel.StatusCompleted {
			return writemodel.ErrSessionEnded()
		}
		return tx.InsertParticipant(p)
	})
	if errors.Is(err, writemodel.ErrNicknameTaken) {
		return nil, &caja.Error{Kind: caja.Conflict, Message: "this nickname is taken in this session", Fields: []caja.FieldError{{Field: "nickname", Message: "is taken; choose another"}}}
	}
	if err != nil {
		return nil, fmt.Errorf("join session: %w", err)
	}
	return &Joined{ID: p.ID, Nickname: p.Nickname, Token: token}, nil
}
