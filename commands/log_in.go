package commands

import (
	"context"
	"fmt"
	"time"

	"github.com/cajalive/caja"
	"github.com/cajalive/caja/writemodel"
)

// LogIn signs an account in with its email and password.
type LogIn struct {
	Email    string
	Password string
	OldToken string
}

// LogInHandler handles LogIn.
type LogInHandler struct {
	store AccountStore
	auth  string
}

// NewLogInHandler returns the handler; auth is CAJA_AUTH.
func NewLogInHandler(store AccountStore, auth string) LogInHandler {
	return LogInHandler{store: store, auth: auth}
}

// errBadCredentials is the one answer to a wrong email or password.
func errBadCredentials() error {
	return caja.Errorf(caja.Unauthorized, "the email or the password is wrong").WithCode(caja.CodeInvalidCredentials)
}

// Handle checks the password (against a dummy hash when the email has no
// account, so both cost the same) and opens a new browser session.
func (h LogInHandler) Handle(ctx context.Context, cmd LogIn) (*SignedIn, error) {
	if h.auth == caja.AuthSSO {
		return nil, caja.Errorf(caja.Forbidden, "sign-in with a password is off on this server: sign in with single sign-on").WithCode(caja.CodeSignUpClosed)
	}
	var errs caja.Fields
	email := caja.NormalizeEmail(cmd.Email)
	if email == "" {
		errs.Add("email", "is required")
	}
	if cmd.Password == "" {
		errs.Add("password", "is required")
	} else if len(cmd.Password) > 4*maxPasswordLen {
		errs.Add("password", "must be at most %d characters", maxPasswordLen)
	}
	if err := errs.Err(); err != nil {
		return nil, err
	}
	var acc *writemodel.Account
	err := h.store.Transact(ctx, func(tx *writemodel.Tx) error {
		a, err := tx.AccountByEmail(email)
		acc = a
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("log in: %w", err)
	}
	hash := dummyPasswordHash()
	if acc != nil && acc.PasswordHash != nil {
		hash = *acc.PasswordHash
	}
	ok := verifyPassword(cmd.Password, hash)
	if acc == nil || acc.PasswordHash == nil || !ok {
		return nil, errBadCredentials()
	}
	var token string
	err = h.store.Transact(ctx, func(tx *writemodel.Tx) error {
		t, err := newBrowserSession(tx, acc.ID, cmd.OldToken, time.Now().UTC())
		token = t
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("log in: %w", err)
	}
	return &SignedIn{Account: acc.Doc(), Token: token}, nil
}
