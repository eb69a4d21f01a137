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
type JoinSessionHandler struct{ store *writemodel.Store }

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

// authenticateParticipant resolves a participant token for a session: 401
// without a valid token, 403 for a token of another session.
func authenticateParticipant(tx *writemodel.Tx, sessionID, token string) (*writemodel.Participant, error) {
	if token == "" {
		return nil, caja.Errorf(caja.Unauthorized, "this needs your participant token")
	}
	p, err := tx.ParticipantByTokenHash(caja.HashToken(token))
	if err != nil {
		return nil, err
	}
	if p == nil {
		return nil, caja.Errorf(caja.Unauthorized, "this participant token is not valid (or the participant was removed)")
	}
	if p.SessionID != sessionID {
		return nil, caja.Errorf(caja.Forbidden, "this participant token belongs to another session")
	}
	return p, nil
}

// checkLive refuses a participant's write to a session that has ended.
func checkLive(tx *writemodel.Tx, sessionID string) error {
	sess, err := tx.GetSessionRow(sessionID)
	if err != nil {
		return err
	}
	if sess.Status == writemodel.StatusCompleted {
		return writemodel.ErrSessionEnded()
	}
	return nil
}

// KickParticipant removes a participant: their token stops working at once.
// Their answers stay in the results (they were real votes), but they leave
// the participant count and the leaderboard, and their nickname is free.
type KickParticipant struct {
	SessionID     string
	ParticipantID string
	AdminToken    string
}

// KickParticipantHandler handles KickParticipant.
type KickParticipantHandler struct{ store *writemodel.Store }

// Handle marks the participant kicked.
func (h KickParticipantHandler) Handle(ctx context.Context, cmd KickParticipant) error {
	err := h.store.Transact(ctx, func(tx *writemodel.Tx) error {
		sess, err := tx.GetSessionRow(cmd.SessionID)
		if err != nil {
			return err
		}
		if err := checkAdmin(cmd.AdminToken, sess); err != nil {
			return err
		}
		p, err := tx.Participant(sess.ID, cmd.ParticipantID)
		if err != nil {
			return err
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
