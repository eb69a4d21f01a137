// Package queries answers reads from the Redis read model only; none of
// them touches Postgres.
package queries

import (
	"context"
	"errors"
	"time"

	"github.com/cajalive/caja"
	"github.com/cajalive/caja/readmodel"
)

// SessionState asks for one view of a session, as polled by phones (the
// participant view), the projector screen (display) or the organizer (admin).
type SessionState struct {
	SessionID string
	View      caja.View
	// Secret is the display key (display view) or admin token (admin view).
	Secret string
	// AccountID is the signed-in reader of the admin view when no secret
	// was sent (a co-host or the owner may read it).
	AccountID string
	// IfNoneMatch is the raw If-None-Match header.
	IfNoneMatch string
	// LastUpdate, when set, is the seed's last_update parameter: nothing
	// changed since then means 304. A present If-None-Match decides alone
	// (RFC 9110 §13.2.2): LastUpdate counts only without one.
	LastUpdate time.Time
	// AcceptGzip: the client takes the gzip-compressed representation.
	AcceptGzip bool
}

// StateResult is either NotModified or the view's bytes, with the ETag of
// the representation chosen (Gzip: Body is gzip-compressed).
type StateResult struct {
	NotModified bool
	ETag        string
	Body        []byte
	Gzip        bool
}

// StateReader is what SessionStateHandler needs from the read model.
type StateReader interface {
	ViewTag(ctx context.Context, sessionID string, v caja.View) (readmodel.Tag, error)
	ViewBody(ctx context.Context, sessionID string, v caja.View) (readmodel.Body, error)
	AwaitRepair(ctx context.Context, sessionID string) error
}

// SessionStateHandler serves the polling endpoint.
type SessionStateHandler struct {
	reader StateReader
	roles  *Roles
}

// NewSessionStateHandler returns the handler.
func NewSessionStateHandler(r StateReader) SessionStateHandler { return SessionStateHandler{reader: r} }

// Handle answers with at most one Redis round trip when the client is up to
// date, and at most one more when it is not.
func (h SessionStateHandler) Handle(ctx context.Context, q SessionState) (StateResult, error) {
	byAccount := false
	if q.View == caja.ViewAdmin {
		by, err := h.roles.byAccount(ctx, q.Secret, q.SessionID, q.AccountID, caja.RoleCoHost)
		if by && err != nil {
			return StateResult{}, err
		}
		byAccount = by
	}
	conditional := q.IfNoneMatch != "" || !q.LastUpdate.IsZero()
	for attempt := 0; ; attempt++ {
		res, err := h.try(ctx, q, conditional, byAccount)
		if !errors.Is(err, readmodel.ErrMissing) {
			return res, err
		}
		if attempt > 0 {
			return StateResult{}, &caja.Error{Kind: caja.Unavailable, Code: caja.CodeLiveStateRebuilt, Message: "live state is being rebuilt, retry shortly", RetryAfter: time.Second, Err: err}
		}
		if err := h.reader.AwaitRepair(ctx, q.SessionID); err != nil {
			return StateResult{}, err
		}
	}
}

func (h SessionStateHandler) try(ctx context.Context, q SessionState, conditional, byAccount bool) (StateResult, error) {
	if conditional {
		tag, err := h.reader.ViewTag(ctx, q.SessionID, q.View)
		if err != nil {
			return StateResult{}, err
		}
		if err := authorizeUnless(byAccount, q.View, q.Secret, tag.AuthHash); err != nil {
			return StateResult{}, err
		}
		// Either representation's tag names the same document: a client
		// holding one is up to date for both.
		fresh := IfNoneMatch2(q.IfNoneMatch, tag.ETag, tag.GzipETag)
		if q.IfNoneMatch == "" {
			fresh = notChangedSince(tag.UpdatedAt, q.LastUpdate)
		}
		if fresh {
			if q.AcceptGzip {
				return StateResult{NotModified: true, ETag: tag.GzipETag, Gzip: true}, nil
			}
			return StateResult{NotModified: true, ETag: tag.ETag}, nil
		}
	}
	body, err := h.reader.ViewBody(ctx, q.SessionID, q.View)
	if err != nil {
		return StateResult{}, err
	}
	if err := authorizeUnless(byAccount, q.View, q.Secret, body.AuthHash); err != nil {
		return StateResult{}, err
	}
	if q.AcceptGzip && body.Gzip != nil {
		return StateResult{ETag: body.GzipETag, Body: body.Gzip, Gzip: true}, nil
	}
	return StateResult{ETag: body.ETag, Body: body.Bytes}, nil
}

func notChangedSince(updatedAt string, since time.Time) bool {
	if since.IsZero() || updatedAt == "" {
		return false
	}
	t, err := time.Parse(time.RFC3339Nano, updatedAt)
	return err == nil && !t.After(since)
}

// authorizeUnless is authorize, unless the account's role already did.
func authorizeUnless(byAccount bool, v caja.View, presented, hashHex string) error {
	if byAccount {
		return nil
	}
	return authorize(v, presented, hashHex)
}

// authorize checks the secret a view needs. The participant view is open.
func authorize(v caja.View, presented, hashHex string) error {
	if readmodel.AuthField(v) == "" {
		return nil
	}
	if presented == "" {
		if v == caja.ViewDisplay {
			return caja.Errorf(caja.Unauthorized, "the display view needs its key").WithCode(caja.CodeDisplayKeyRequired)
		}
		return caja.Errorf(caja.Unauthorized, "the admin view needs the admin token").WithCode(caja.CodeAdminTokenRequired)
	}
	if !caja.TokenMatchesHex(presented, hashHex) {
		return caja.Errorf(caja.Forbidden, "this key does not open this session").WithCode(caja.CodeAdminTokenWrong)
	}
	return nil
}
