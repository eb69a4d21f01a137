package queries

import (
	"context"

	"github.com/cajalive/caja"
	"github.com/cajalive/caja/readmodel"
)

// Results asks for an activity's results: the organizer always, others only
// once the organizer made them visible.
type Results struct {
	SessionID  string
	ActivityID string
	AdminToken string
	// AccountID is the signed-in reader when no token was sent (its role
	// decides, see Roles).
	AccountID string
}

// ResultsHandler answers Results.
type ResultsHandler struct {
	reader ActivityReader
	roles  *Roles
}

// NewResultsHandler returns the handler.
func NewResultsHandler(r ActivityReader) ResultsHandler { return ResultsHandler{reader: r} }

// Handle returns the results document.
func (h ResultsHandler) Handle(ctx context.Context, q Results) ([]byte, error) {
	sv, av, err := activityFields(ctx, h.reader, q.SessionID, q.ActivityID,
		[]string{readmodel.FieldAdminTokenHash, readmodel.FieldModeratorTokenHash}, []string{"type", "results_json", "public_results_json", "results_visible"})
	if err != nil {
		return nil, err
	}
	if by, err := h.roles.byAccount(ctx, q.AdminToken, q.SessionID, q.AccountID, caja.RoleModerator); by && err == nil {
		return []byte(av[1]), nil
	}
	if q.AdminToken != "" {
		if err := requireModerator(q.AdminToken, sv[0], sv[1]); err != nil {
			return nil, err
		}
		return []byte(av[1]), nil
	}
	if av[3] != "1" {
		return nil, caja.Errorf(caja.Forbidden, "the organizer has not shown these results yet").WithCode(caja.CodeResultsHidden)
	}
	return []byte(av[2]), nil
}
