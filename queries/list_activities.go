package queries

import (
	"context"

	"github.com/cajalive/caja/readmodel"
)

// ListActivities asks for a session's activities (organizer only).
type ListActivities struct {
	SessionID  string
	AdminToken string
	// AccountID is the signed-in reader when no token was sent (its role
	// decides, see Roles).
	AccountID string
}

// ListActivitiesHandler answers ListActivities.
type ListActivitiesHandler struct {
	reader SessionFields
	roles  *Roles
}

// NewListActivitiesHandler returns the handler.
func NewListActivitiesHandler(r SessionFields) ListActivitiesHandler {
	return ListActivitiesHandler{reader: r}
}

// Handle returns {"activities": [...]} ordered by position.
func (h ListActivitiesHandler) Handle(ctx context.Context, q ListActivities) ([]byte, error) {
	vals, err := organizerFields(ctx, h.reader, h.roles, q.SessionID, q.AdminToken, q.AccountID, readmodel.FieldActivitiesJSON)
	if err != nil {
		return nil, err
	}
	return []byte(vals[0]), nil
}
