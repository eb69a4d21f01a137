package commands

import (
	"context"
	"fmt"

	"github.com/cajalive/caja"
	"github.com/cajalive/caja/writemodel"
)

// The moderator link is a second bearer secret per session. It may
// moderate (Q&A: approve, hide, pin, mark answered; free text: hide, show,
// approve held entries) and read results, nothing else (see Caller).

// RotateModeratorToken makes a new moderator link for a session (the
// organizer, with the admin token); the old moderator token stops working
// at commit.
type RotateModeratorToken struct {
	SessionID  string
	AdminToken string
	AccountID  string
}

// ModeratorToken is the new moderator token, shown only now.
type ModeratorToken struct {
	ModeratorToken string `json:"moderator_token"`
}

// RotateModeratorTokenHandler handles RotateModeratorToken.
type RotateModeratorTokenHandler struct{ store SessionUpdater }

// NewRotateModeratorTokenHandler returns the handler.
func NewRotateModeratorTokenHandler(store SessionUpdater) RotateModeratorTokenHandler {
	return RotateModeratorTokenHandler{store: store}
}

// Handle stores the new token's hash and returns the token.
func (h RotateModeratorTokenHandler) Handle(ctx context.Context, cmd RotateModeratorToken) (*ModeratorToken, error) {
	token := caja.NewToken()
	_, err := h.store.UpdateSession(ctx, cmd.SessionID, func(tx *writemodel.Tx, s *writemodel.Session) error {
		if err := checkRole(tx, Caller{Token: cmd.AdminToken, AccountID: cmd.AccountID}, s, caja.RoleCoHost); err != nil {
			return err
		}
		s.ModeratorTokenHash = caja.HashToken(token)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("rotate moderator token: %w", err)
	}
	return &ModeratorToken{ModeratorToken: token}, nil
}
