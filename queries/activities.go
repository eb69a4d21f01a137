package queries

import (
	"context"

	"github.com/cajalive/caja"
	"github.com/cajalive/caja/readmodel"
)

// ListActivities asks for a session's activities (organizer only).
type ListActivities struct {
	SessionID  string
	AdminToken string
}

// ListActivitiesHandler answers ListActivities.
type ListActivitiesHandler struct{ reader SessionFields }

// Handle returns {"activities": [...]} ordered by position.
func (h ListActivitiesHandler) Handle(ctx context.Context, q ListActivities) ([]byte, error) {
	vals, err := adminFields(ctx, h.reader, q.SessionID, q.AdminToken, readmodel.FieldActivitiesJSON)
	if err != nil {
		return nil, err
	}
	return []byte(vals[0]), nil
}

// ActivityReader is the read interface for one activity.
type ActivityReader interface {
	SessionFields
	ActivityFields(ctx context.Context, sessionID, activityID string, sessionFields, activityFields []string) ([]string, []string, error)
}

// activityFields reads session and activity fields, re-projecting a missing
// session once; a missing activity is NotFound.
func activityFields(ctx context.Context, r ActivityReader, sessionID, activityID string, sf, af []string) ([]string, []string, error) {
	sv, av, err := r.ActivityFields(ctx, sessionID, activityID, sf, af)
	if err == readmodel.ErrMissing {
		if err := r.AwaitRepair(ctx, sessionID); err != nil {
			return nil, nil, err
		}
		sv, av, err = r.ActivityFields(ctx, sessionID, activityID, sf, af)
	}
	if err != nil {
		return nil, nil, err
	}
	if av[0] == "" {
		return nil, nil, caja.Errorf(caja.NotFound, "activity not found")
	}
	return sv, av, nil
}

// GetActivity asks for one activity as its organizer sees it.
type GetActivity struct {
	SessionID  string
	ActivityID string
	AdminToken string
}

// GetActivityHandler answers GetActivity.
type GetActivityHandler struct{ reader ActivityReader }

// Handle returns the activity with its results.
func (h GetActivityHandler) Handle(ctx context.Context, q GetActivity) ([]byte, error) {
	if q.AdminToken == "" {
		return nil, caja.Errorf(caja.Unauthorized, "this needs the session's admin token")
	}
	sv, av, err := activityFields(ctx, h.reader, q.SessionID, q.ActivityID, []string{readmodel.FieldAdminTokenHash}, []string{"admin_json"})
	if err != nil {
		return nil, err
	}
	if err := requireAdmin(q.AdminToken, sv[0]); err != nil {
		return nil, err
	}
	return []byte(av[0]), nil
}

// Results asks for an activity's results: the organizer always, others only
// once the organizer made them visible.
type Results struct {
	SessionID  string
	ActivityID string
	// AdminToken is the admin or the moderator token.
	AdminToken string
}

// ResultsHandler answers Results.
type ResultsHandler struct{ reader ActivityReader }

// Handle returns the results document.
func (h ResultsHandler) Handle(ctx context.Context, q Results) ([]byte, error) {
	sv, av, err := activityFields(ctx, h.reader, q.SessionID, q.ActivityID,
		[]string{readmodel.FieldAdminTokenHash, readmodel.FieldModeratorTokenHash}, []string{"type", "results_json", "public_results_json", "results_visible"})
	if err != nil {
		return nil, err
	}
	if q.AdminToken != "" {
		if err := requireModerator(q.AdminToken, sv[0], sv[1]); err != nil {
			return nil, err
		}
		return []byte(av[1]), nil
	}
	if av[3] != "1" {
		return nil, caja.Errorf(caja.Forbidden, "the organizer has not shown these results yet")
	}
	return []byte(av[2]), nil
}
