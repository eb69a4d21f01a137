package queries

import (
	"context"
	"encoding/json"
	"slices"
	"strings"

	"github.com/cajalive/caja/readmodel"
)

// ListParticipants asks for the organizer's participant list.
type ListParticipants struct {
	SessionID  string
	AdminToken string
	// AccountID is the signed-in reader when no token was sent (its role
	// decides, see Roles).
	AccountID string
}

// RosterReader is the read interface of ListParticipants.
type RosterReader interface {
	SessionFields
	Roster(ctx context.Context, sessionID string) ([]readmodel.RosterEntry, error)
}

// ListParticipantsHandler answers ListParticipants.
type ListParticipantsHandler struct {
	reader RosterReader
	roles  *Roles
}

// NewListParticipantsHandler returns the handler.
func NewListParticipantsHandler(r RosterReader) ListParticipantsHandler {
	return ListParticipantsHandler{reader: r}
}

// Handle returns {"participants": [...]} in the order they joined.
func (h ListParticipantsHandler) Handle(ctx context.Context, q ListParticipants) ([]byte, error) {
	if _, err := organizerFields(ctx, h.reader, h.roles, q.SessionID, q.AdminToken, q.AccountID); err != nil {
		return nil, err
	}
	people, err := h.reader.Roster(ctx, q.SessionID)
	if err != nil {
		return nil, err
	}
	slices.SortFunc(people, func(a, b readmodel.RosterEntry) int {
		if c := a.JoinedAt.Compare(b.JoinedAt); c != 0 {
			return c
		}
		return strings.Compare(a.ID, b.ID)
	})
	return json.Marshal(map[string]any{"participants": people})
}
