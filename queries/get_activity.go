package queries

import (
	"context"

	"github.com/cajalive/caja"
	"github.com/cajalive/caja/readmodel"
)

// GetActivity asks for one activity as its organizer sees it.
type GetActivity struct {
	SessionID  string
	ActivityID string
	AdminToken string
	// AccountID is the signed-in reader when no token was sent (its role
	// decides, see Roles).
	AccountID string
}

// GetActivityHandler answers GetActivity.
type GetActivityHandler struct {
	reader ActivityReader
	roles  *Roles
}

// NewGetActivityHandler returns the handler.
func NewGetActivityHandler(r ActivityReader) GetActivityHandler { return GetActivityHandler{reader: r} }

// Handle returns the activity with its results.
func (h GetActivityHandler) Handle(ctx context.Context, q GetActivity) ([]byte, error) {
	if q.AdminToken == "" && q.AccountID == "" {
		return nil, caja.Errorf(caja.Unauthorized, "this needs the session's admin token").WithCode(caja.CodeAdminTokenRequired)
	}
	sv, av, err := activityFields(ctx, h.reader, q.SessionID, q.ActivityID, []string{readmodel.FieldAdminTokenHash}, []string{"admin_json"})
	if err != nil {
		return nil, err
	}
	if by, err := h.roles.byAccount(ctx, q.AdminToken, q.SessionID, q.AccountID, caja.RoleCoHost); by {
		if err != nil {
			return nil, err
		}
		return []byte(av[0]), nil
	}
	if err := requireAdmin(q.AdminToken, sv[0]); err != nil {
		return nil, err
	}
	return []byte(av[0]), nil
}
