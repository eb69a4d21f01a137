package queries

import (
	"context"
	"errors"
	"strconv"
	"time"

	"github.com/cajalive/caja"
	"github.com/cajalive/caja/readmodel"
)

// Me asks for a participant's own state: who they are, their score and rank,
// what they answered. It is never part of the shared views, so every phone
// polls the same bytes.
type Me struct {
	SessionID string
	Token     string
}

// MeReader is the read interface for Me.
type MeReader interface {
	ParticipantOwner(ctx context.Context, tokenHashHex string, justIssued bool) (sessionID, participantID string, found bool, err error)
	Me(ctx context.Context, sessionID, participantID string) (doc string, score float64, rank int64, err error)
}

// MeHandler answers Me.
type MeHandler struct{ reader MeReader }

// NewMeHandler returns the handler.
func NewMeHandler(r MeReader) MeHandler { return MeHandler{reader: r} }

// MeResult is a participant's document and its ETag: phones poll it too,
// and mostly nothing changed.
type MeResult struct {
	Body []byte
	ETag string
}

// Handle resolves the token and returns the document with the rank added.
func (h MeHandler) Handle(ctx context.Context, q Me) (MeResult, error) {
	body, err := h.body(ctx, q)
	if err != nil {
		return MeResult{}, err
	}
	return MeResult{Body: body, ETag: readmodel.ETagOf(body)}, nil
}

// freshToken is how recent a token's issue time must be for a miss to be
// waited on: the projection of a join takes milliseconds, and replicas'
// clocks may differ by a little.
const freshToken = 5 * time.Second

// justIssued reports whether token says it was issued a moment ago.
func justIssued(token string, now time.Time) bool {
	at, ok := caja.TokenIssuedAt(token)
	return ok && at.After(now.Add(-freshToken)) && at.Before(now.Add(freshToken))
}

func (h MeHandler) body(ctx context.Context, q Me) ([]byte, error) {
	if q.Token == "" {
		return nil, caja.ErrParticipantTokenMissing()
	}
	sid, pid, found, err := h.reader.ParticipantOwner(ctx, caja.HashTokenHex(q.Token), justIssued(q.Token, time.Now()))
	if err != nil {
		return nil, err
	}
	if err := caja.CheckParticipant(found, sid, q.SessionID); err != nil {
		return nil, err
	}
	doc, _, rank, err := h.reader.Me(ctx, sid, pid)
	if errors.Is(err, readmodel.ErrMissing) {
		return nil, caja.ErrParticipantTokenInvalid()
	}
	if err != nil {
		return nil, err
	}
	rankJSON := "null"
	if rank > 0 {
		rankJSON = strconv.FormatInt(rank, 10)
	}
	// The stored document is a JSON object; add the rank as its last member.
	return []byte(doc[:len(doc)-1] + `,"rank":` + rankJSON + `}`), nil
}
