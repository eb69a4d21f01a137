package queries

import (
	"context"
	"errors"
	"time"

	"github.com/cajalive/caja"
	"github.com/cajalive/caja/readmodel"
)

// SessionFields is the read interface for plain session fields.
type SessionFields interface {
	Fields(ctx context.Context, sessionID string, fields ...string) ([]string, error)
	AwaitRepair(ctx context.Context, sessionID string) error
}

// fieldsWithRepair reads fields and re-projects a missing session once.
func fieldsWithRepair(ctx context.Context, r SessionFields, sessionID string, fields ...string) ([]string, error) {
	vals, err := r.Fields(ctx, sessionID, fields...)
	if !errors.Is(err, readmodel.ErrMissing) {
		return vals, err
	}
	if err := r.AwaitRepair(ctx, sessionID); err != nil {
		return nil, err
	}
	vals, err = r.Fields(ctx, sessionID, fields...)
	if errors.Is(err, readmodel.ErrMissing) {
		return nil, &caja.Error{Kind: caja.Unavailable, Code: caja.CodeLiveStateRebuilt, Message: "live state is being rebuilt, retry shortly", RetryAfter: time.Second, Err: err}
	}
	return vals, err
}

// GetSession asks for a session's public JSON.
type GetSession struct{ SessionID string }

// GetSessionHandler answers GetSession.
type GetSessionHandler struct{ reader SessionFields }

// NewGetSessionHandler returns the handler.
func NewGetSessionHandler(r SessionFields) GetSessionHandler { return GetSessionHandler{reader: r} }

// Handle returns the pre-rendered session JSON.
func (h GetSessionHandler) Handle(ctx context.Context, q GetSession) ([]byte, error) {
	vals, err := fieldsWithRepair(ctx, h.reader, q.SessionID, readmodel.FieldSessionJSON)
	if err != nil {
		return nil, err
	}
	return []byte(vals[0]), nil
}
