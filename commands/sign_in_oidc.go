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

// SignInOIDC signs in the account an OpenID Connect provider vouched for
// (transport ran the authorization code flow and verified the ID token).
// The account is the one linked to the issuer and subject; else, when the
// provider says the email is verified, the account with that email, which
// is then linked; else a new account.
type SignInOIDC struct {
	Issuer        string
	Subject       string
	Email         string
	EmailVerified bool
	Name          string
	OldToken      string
}

// SignInOIDCHandler handles SignInOIDC.
type SignInOIDCHandler struct{ store Transactor }

// NewSignInOIDCHandler returns the handler.
func NewSignInOIDCHandler(store Transactor) SignInOIDCHandler {
	return SignInOIDCHandler{store: store}
}

// Handle finds, links or creates the account and opens a browser session.
func (h SignInOIDCHandler) Handle(ctx context.Context, cmd SignInOIDC) (*SignedIn, error) {
	if cmd.Issuer == "" || cmd.Subject == "" {
		return nil, caja.Errorf(caja.Unauthorized, "the identity provider named nobody").WithCode(caja.CodeSSOFailed)
	}
	var errs caja.Fields
	email := checkEmail(&errs, "email", cmd.Email)
	if errs.Err() != nil {
		return nil, caja.Errorf(caja.Forbidden, "the identity provider gave no usable email address (ask for the email scope)").WithCode(caja.CodeSSOFailed)
	}
	name := email
	if cmd.Name != "" {
		var nerrs caja.Fields
		if n := text(&nerrs, "name", cmd.Name, 1, 255); nerrs.Err() == nil {
			name = n
		}
	}
	var out *SignedIn
	err := h.store.Transact(ctx, func(tx *writemodel.Tx) error {
		now := time.Now().UTC()
		acc, err := tx.AccountByOIDC(cmd.Issuer, cmd.Subject)
		if err != nil {
			return err
		}
		if acc == nil {
			byEmail, err := tx.AccountByEmail(email)
			if err != nil {
				return err
			}
			switch {
			case byEmail != nil && !cmd.EmailVerified:
				return caja.Errorf(caja.Conflict, "an account with this email exists; the identity provider has not verified the email, so it cannot sign in to it").WithCode(caja.CodeEmailTaken)
			case byEmail != nil && byEmail.OIDCIssuer != nil:
				return caja.Errorf(caja.Conflict, "the account with this email signs in with another identity").WithCode(caja.CodeEmailTaken)
			case byEmail != nil:
				if err := tx.LinkOIDC(byEmail.ID, cmd.Issuer, cmd.Subject); err != nil {
					return err
				}
				acc = byEmail
			default:
				iss, sub := cmd.Issuer, cmd.Subject
				acc = &writemodel.Account{ID: uuid.NewString(), Email: email, DisplayName: name, OIDCIssuer: &iss, OIDCSubject: &sub, CreatedAt: now}
				if err := tx.InsertAccount(acc); err != nil {
					return err
				}
			}
		}
		token, err := newBrowserSession(tx, acc.ID, cmd.OldToken, now)
		if err != nil {
			return err
		}
		out = &SignedIn{Account: acc.Doc(), Token: token}
		return nil
	})
	if errors.Is(err, writemodel.ErrEmailTaken) {
		return nil, caja.Errorf(caja.Conflict, "an account with this email was just created: sign in again").WithCode(caja.CodeEmailTaken)
	}
	if err != nil {
		return nil, fmt.Errorf("sign in with oidc: %w", err)
	}
	return out, nil
}
