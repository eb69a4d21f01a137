package commands

import (
	"context"
	"net/mail"
	"time"
	"unicode/utf8"

	"github.com/cajalive/caja"
	"github.com/cajalive/caja/writemodel"
)

// AccountStore is what the account commands need of the write model.
type AccountStore interface {
	Transact(ctx context.Context, fn func(tx *writemodel.Tx) error) error
	SessionAccount(ctx context.Context, tokenHash []byte, now time.Time, idle, touchEvery time.Duration) (*writemodel.Account, bool, error)
}

// SignedIn is an account with the token of its new browser session: the
// token goes into the cookie and is never shown or stored again (the
// database keeps its SHA-256).
type SignedIn struct {
	Account caja.Account
	Token   string
}

// minPasswordLen and maxPasswordLen bound a password in characters (the
// upper bound keeps hashing a request cheap to refuse).
const (
	minPasswordLen = 10
	maxPasswordLen = 256
)

// checkEmail validates and normalises an email.
func checkEmail(errs *caja.Fields, field, value string) string {
	e := caja.NormalizeEmail(value)
	if e == "" {
		errs.Add(field, "is required")
		return ""
	}
	addr, err := mail.ParseAddress(e)
	if err != nil || addr.Address != e || len(e) > 254 {
		errs.Add(field, "must be an email address such as ana@example.com")
		return ""
	}
	return e
}

func checkPassword(errs *caja.Fields, field, value string) {
	n := utf8.RuneCountInString(value)
	switch {
	case !utf8.ValidString(value):
		errs.Add(field, "must be valid UTF-8")
	case n < minPasswordLen:
		errs.Add(field, "must be at least %d characters", minPasswordLen)
	case n > maxPasswordLen:
		errs.Add(field, "must be at most %d characters", maxPasswordLen)
	}
}

// newBrowserSession stores a new signed-in browser for the account in tx;
// the previous one (OldToken of the request, if any) is deleted, so that
// signing in always gives a fresh session id.
func newBrowserSession(tx *writemodel.Tx, accountID, oldToken string, now time.Time) (string, error) {
	if oldToken != "" {
		if err := tx.DeleteAccountSession(caja.HashToken(oldToken)); err != nil {
			return "", err
		}
	}
	token := caja.NewToken()
	if err := tx.InsertAccountSession(&writemodel.AccountSession{TokenHash: caja.HashToken(token), AccountID: accountID, CreatedAt: now, LastSeenAt: now}); err != nil {
		return "", err
	}
	return token, nil
}
