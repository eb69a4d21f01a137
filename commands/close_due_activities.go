package commands

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"go.uber.org/fx"
)

// CloseDueActivities closes the activities whose deadline has passed: a
// quiz's time limit ends it with no organizer click.
type CloseDueActivities struct {
	// Limit bounds the activities one pass closes; the next pass takes
	// the rest.
	Limit int
}

// CloseDueActivitiesHandler handles CloseDueActivities.
type CloseDueActivitiesHandler struct {
	store DueActivityCloser
	now   func() time.Time
}

// NewCloseDueActivitiesHandler returns the handler.
func NewCloseDueActivitiesHandler(store DueActivityCloser) CloseDueActivitiesHandler {
	return CloseDueActivitiesHandler{store: store, now: time.Now}
}

// Handle closes up to cmd.Limit due activities and returns how many. It is
// idempotent: every replica may run it at once.
func (h CloseDueActivitiesHandler) Handle(ctx context.Context, cmd CloseDueActivities) (int, error) {
	closed, err := h.store.CloseDueActivities(ctx, h.now(), max(1, cmd.Limit))
	if err != nil {
		return 0, fmt.Errorf("close due activities: %w", err)
	}
	return len(closed), nil
}

// DeadlineSweep is how often each server looks for due activities: phones
// and display see a closed quiz at most this much, plus a projection and a
// poll, after its deadline.
const DeadlineSweep = 250 * time.Millisecond

// deadlineBatch bounds one pass; a pass that fills it runs again at once.
const deadlineBatch = 100

// RunDeadlines closes due activities every DeadlineSweep, from the start of
// the app (after migrations: register it after them) to its stop. Each
// replica runs it, so deadlines hold when the organizer's server is gone.
func RunDeadlines(lc fx.Lifecycle, h Handlers, log *slog.Logger) {
	log = log.With("component", "deadlines")
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	lc.Append(fx.Hook{
		OnStart: func(context.Context) error {
			go func() {
				defer close(done)
				sweepDeadlines(ctx, h.CloseDueActivities, log)
			}()
			return nil
		},
		OnStop: func(context.Context) error {
			cancel()
			<-done
			return nil
		},
	})
}

func sweepDeadlines(ctx context.Context, h CloseDueActivitiesHandler, log *slog.Logger) {
	t := time.NewTicker(DeadlineSweep)
	defer t.Stop()
	failing := false
	for {
		pass, cancel := context.WithTimeout(ctx, 5*time.Second)
		n, err := h.Handle(pass, CloseDueActivities{Limit: deadlineBatch})
		cancel()
		switch {
		case err != nil && ctx.Err() == nil && !failing:
			// Once per outage: the pass runs four times a second.
			log.Warn("deadline sweep failing; retrying", "err", err)
			failing = true
		case err == nil && failing:
			log.Info("deadline sweep recovered")
			failing = false
		}
		if n > 0 {
			log.Debug("activities closed at their deadline", "count", n)
		}
		if err == nil && n == deadlineBatch {
			continue
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}
