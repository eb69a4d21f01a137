package queries

import (
	"context"
	"encoding/base64"
	"strings"
	"time"

	"github.com/cajalive/caja"
)

// MySessions asks for a page of the sessions of an account.
type MySessions struct {
	AccountID string
	// Limit is how many (1 to MaxMySessions; 0: DefaultMySessions).
	Limit int
	// Cursor is next_cursor of the previous page ("": the first page).
	Cursor string
}

// Bounds of a page of GET /me/sessions.
const (
	DefaultMySessions = 50
	MaxMySessions     = 200
)

// MySessionsReader is the read interface for MySessions: accounts and
// ownership are read from the database (they are not projected).
type MySessionsReader interface {
	MySessions(ctx context.Context, accountID string, afterCreated time.Time, afterID string, limit int) ([]caja.MySession, error)
}

// MySessionsHandler answers MySessions.
type MySessionsHandler struct{ reader MySessionsReader }

// NewMySessionsHandler returns the handler.
func NewMySessionsHandler(r MySessionsReader) MySessionsHandler { return MySessionsHandler{reader: r} }

// Handle returns one page, newest session first.
func (h MySessionsHandler) Handle(ctx context.Context, q MySessions) (*caja.MySessions, error) {
	if q.AccountID == "" {
		return nil, caja.Errorf(caja.Unauthorized, "sign in to list your sessions").WithCode(caja.CodeSignInRequired)
	}
	if h.reader == nil {
		return nil, caja.Errorf(caja.Unavailable, "accounts are not served here")
	}
	limit := q.Limit
	if limit == 0 {
		limit = DefaultMySessions
	}
	if limit < 1 || limit > MaxMySessions {
		return nil, caja.InvalidField("limit", "must be a whole number from 1 to 200")
	}
	var after time.Time
	var afterID string
	if q.Cursor != "" {
		t, id, ok := decodeMyCursor(q.Cursor)
		if !ok {
			return nil, caja.InvalidField("cursor", "must be next_cursor of an earlier page")
		}
		after, afterID = t, id
	}
	list, err := h.reader.MySessions(ctx, q.AccountID, after, afterID, limit+1)
	if err != nil {
		return nil, err
	}
	out := &caja.MySessions{Sessions: list}
	if len(list) > limit {
		out.Sessions = list[:limit]
		last := out.Sessions[limit-1]
		out.NextCursor = base64.RawURLEncoding.EncodeToString([]byte(last.CreatedAt.UTC().Format(time.RFC3339Nano) + "|" + last.ID))
	}
	return out, nil
}

func decodeMyCursor(s string) (time.Time, string, bool) {
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil {
		return time.Time{}, "", false
	}
	ts, id, ok := strings.Cut(string(b), "|")
	if !ok || !caja.IsCanonicalID(id) {
		return time.Time{}, "", false
	}
	t, err := time.Parse(time.RFC3339Nano, ts)
	if err != nil {
		return time.Time{}, "", false
	}
	return t, id, true
}
