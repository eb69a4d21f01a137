package queries

import (
	"context"

	"github.com/cajalive/caja"
	"github.com/cajalive/caja/readmodel"
)

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
		return nil, nil, caja.Errorf(caja.NotFound, "activity not found").WithCode(caja.CodeActivityNotFound)
	}
	return sv, av, nil
}
