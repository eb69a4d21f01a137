package commands

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"time"

	"github.com/cajalive/caja"
	"github.com/cajalive/caja/writemodel"
)

// SendReaction is a participant's reaction to what is on screen.
type SendReaction struct {
	SessionID string
	Token     string
	Emoji     string
}

// Reacted is the answer to a reaction.
type Reacted struct {
	ActivityID string `json:"activity_id"`
	Emoji      string `json:"emoji"`
}

// SendReactionHandler handles SendReaction.
type SendReactionHandler struct{ store Transactor }

// NewSendReactionHandler returns the handler.
func NewSendReactionHandler(store Transactor) SendReactionHandler {
	return SendReactionHandler{store: store}
}

// Handle counts the reaction against the current activity. Nothing is
// locked: the count is an upsert in the database, so a room reacting at once
// neither loses nor double-counts a reaction.
func (h SendReactionHandler) Handle(ctx context.Context, cmd SendReaction) (*Reacted, error) {
	if cmd.Emoji == "" {
		return nil, caja.InvalidField("emoji", "is required")
	}
	var out Reacted
	err := h.store.Transact(ctx, func(tx *writemodel.Tx) error {
		if _, err := authenticateParticipant(tx, cmd.SessionID, cmd.Token); err != nil {
			return err
		}
		sess, err := tx.GetSessionRow(cmd.SessionID)
		if err != nil {
			return err
		}
		if sess.Status == writemodel.StatusCompleted {
			return writemodel.ErrSessionEnded()
		}
		set := writemodel.ReactionSet(sess)
		if len(set) == 0 {
			return caja.Errorf(caja.Conflict, "reactions are off in this session").WithCode(caja.CodeReactionsOff)
		}
		if !slices.Contains(set, cmd.Emoji) {
			return caja.InvalidField("emoji", "must be one of this session's reactions")
		}
		if sess.CurrentActivityID == nil {
			return caja.Errorf(caja.Conflict, "there is nothing on screen to react to").WithCode(caja.CodeNothingOnScreen)
		}
		out = Reacted{ActivityID: *sess.CurrentActivityID, Emoji: cmd.Emoji}
		return tx.AddReaction(sess.ID, *sess.CurrentActivityID, cmd.Emoji, time.Now(), rand.IntN(writemodel.ReactionShards))
	})
	if err != nil {
		return nil, fmt.Errorf("react: %w", err)
	}
	return &out, nil
}

// checkReactionSet validates a session's reaction set: up to MaxReactions
// distinct emoji; empty turns reactions off.
func checkReactionSet(errs *caja.Fields, set []string) {
	if len(set) > caja.MaxReactions {
		errs.Add("reactions", "may have at most %d emoji", caja.MaxReactions)
		return
	}
	for i, e := range set {
		if !caja.IsEmoji(e) {
			errs.Add(fmt.Sprintf("reactions[%d]", i), "must be one emoji")
			continue
		}
		if slices.Contains(set[:i], e) {
			errs.Add(fmt.Sprintf("reactions[%d]", i), "is already in the set")
		}
	}
}
