package commands

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/google/uuid"

	"github.com/cajalive/caja"
	"github.com/cajalive/caja/writemodel"
)

// SignUp creates an account with a password and signs it in.
type SignUp struct {
	Email       string
	Password    string
	DisplayName string
	// OldToken is the browser's current session token, replaced.
	OldToken string
}

// SignUpHandler handles SignUp.
type SignUpHandler struct {
	store AccountStore
	auth  string
}

// NewSignUpHandler returns the handler; auth is CAJA_AUTH.
func NewSignUpHandler(store AccountStore, auth string) SignUpHandler {
	return SignUpHandler{store: store, auth: auth}
}

// Handle validates, hashes the password and stores the account and its
// first browser session in one transaction.
func (h SignUpHandler) Handle(ctx context.Context, cmd SignUp) (*SignedIn, error) {
	if h.auth == caja.AuthSSO {
		return nil, caja.Errorf(caja.Forbidden, "sign-up with a password is off on this server: sign in with single sign-on").WithCode(caja.CodeSignUpClosed)
	}
	var errs caja.Fields
	email := checkEmail(&errs, "email", cmd.Email)
	checkPassword(&errs, "password", cmd.Password)
	name := email
	if cmd.DisplayName != "" {
		name = text(&errs, "display_name", cmd.DisplayName, 1, 255)
	}
	if err := errs.Err(); err != nil {
		return nil, err
	}
	hash := hashPassword(cmd.Password)
	now := time.Now().UTC()
	acc := &writemodel.Account{ID: uuid.NewString(), Email: email, DisplayName: name, PasswordHash: &hash, CreatedAt: now}
	var token string
	err := h.store.Transact(ctx, func(tx *writemodel.Tx) error {
		if err := tx.InsertAccount(acc); err != nil {
			return err
		}
		t, err := newBrowserSession(tx, acc.ID, cmd.OldToken, now)
		token = t
		return err
	})
	if errors.Is(err, writemodel.ErrEmailTaken) {
		return nil, (&caja.Error{Kind: caja.Conflict, Message: "an account with this email exists: sign in instead", Fields: []caja.FieldError{{Field: "email", Message: "is taken"}}}).WithCode(caja.CodeEmailTaken)
	}
	if err != nil {
		return nil, fmt.Errorf("sign up: %w", err)
	}
	return &SignedIn{Account: acc.Doc(), Token: token}, nil
}
