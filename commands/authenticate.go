package commands

import (
	"context"
	"fmt"
	"time"

	"github.com/cajalive/caja"
)

// Authenticate resolves a browser session token to its account.
type Authenticate struct{ Token string }

// Authenticated is the account behind a token; Touched when its idle clock
// was reset (transport then renews the cookie).
type Authenticated struct {
	Account caja.Account
	Touched bool
}

// AuthenticateHandler handles Authenticate. It writes (it resets the idle
// clock at most once a minute), so it is a command.
type AuthenticateHandler struct{ store AccountStore }

// NewAuthenticateHandler returns the handler.
func NewAuthenticateHandler(store AccountStore) AuthenticateHandler {
	return AuthenticateHandler{store: store}
}

// Handle returns nil (no error) for an unknown or expired token.
func (h AuthenticateHandler) Handle(ctx context.Context, cmd Authenticate) (*Authenticated, error) {
	if cmd.Token == "" || len(cmd.Token) > 128 {
		return nil, nil
	}
	acc, touched, err := h.store.SessionAccount(ctx, caja.HashToken(cmd.Token), time.Now().UTC(), caja.AccountSessionIdle, caja.AccountSessionTouch)
	if err != nil {
		return nil, fmt.Errorf("authenticate: %w", err)
	}
	if acc == nil {
		return nil, nil
	}
	return &Authenticated{Account: acc.Doc(), Touched: touched}, nil
}
