package queries

import (
	"context"

	"github.com/cajalive/caja"
)

// ListMembers asks for a session's team: its owner, members and open
// invitations (for the owner and co-hosts, or the admin link).
type ListMembers struct {
	SessionID  string
	AdminToken string
	AccountID  string
}

// TeamReader is the read interface for ListMembers: the team lives in the
// write model's database (it is not projected); the admin token is checked
// against the read model, as for every organizer read.
type TeamReader interface {
	SessionTeam(ctx context.Context, sessionID string) (caja.SessionTeam, error)
}

// ListMembersHandler answers ListMembers.
type ListMembersHandler struct {
	fields SessionFields
	team   TeamReader
	roles  *Roles
}

// NewListMembersHandler returns the handler; team nil when accounts are not
// served.
func NewListMembersHandler(fields SessionFields, team TeamReader, roles *Roles) ListMembersHandler {
	return ListMembersHandler{fields: fields, team: team, roles: roles}
}

// Handle checks the reader's role, then reads the team.
func (h ListMembersHandler) Handle(ctx context.Context, q ListMembers) (*caja.SessionTeam, error) {
	if _, err := organizerFields(ctx, h.fields, h.roles, q.SessionID, q.AdminToken, q.AccountID); err != nil {
		return nil, err
	}
	if h.team == nil {
		return nil, caja.Errorf(caja.Unavailable, "accounts are not served here")
	}
	team, err := h.team.SessionTeam(ctx, q.SessionID)
	if err != nil {
		return nil, err
	}
	team.YourRole = caja.RoleCoHost
	if q.AdminToken != "" || team.Owner != nil && team.Owner.AccountID == q.AccountID {
		team.YourRole = caja.RoleOwner
	}
	return &team, nil
}
