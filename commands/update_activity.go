package commands

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/cajalive/caja"
	"github.com/cajalive/caja/writemodel"
)

// UpdateActivity edits an activity or moves it through draft → open →
// closed (a closed activity may be reopened). Options change only while it
// is a draft.
type UpdateActivity struct {
	SessionID  string
	ActivityID string
	AdminToken string
	// AccountID is the signed-in caller ("" when none); see Caller.
	AccountID      string
	Title          *string
	Settings       json.RawMessage
	Position       *int
	Status         *string
	ResultsVisible *bool
	Options        *[]OptionInput
	// ExtendS adds time to a running countdown (1–3600 s).
	ExtendS *int
	// Notes replaces the speaker notes.
	Notes *string
	// Body replaces a content slide's Markdown text.
	Body *string
	// ImageID replaces the activity's image; "" removes it.
	ImageID *string
}

// UpdateActivityHandler handles UpdateActivity.
type UpdateActivityHandler struct{ store Transactor }

// NewUpdateActivityHandler returns the handler.
func NewUpdateActivityHandler(store Transactor) UpdateActivityHandler {
	return UpdateActivityHandler{store: store}
}

var activityTransitions = map[string]map[string]bool{
	writemodel.ActivityDraft:  {writemodel.ActivityOpen: true},
	writemodel.ActivityOpen:   {writemodel.ActivityClosed: true},
	writemodel.ActivityClosed: {writemodel.ActivityOpen: true},
}

// Handle applies the change under the activity's row lock.
func (h UpdateActivityHandler) Handle(ctx context.Context, cmd UpdateActivity) (*caja.Activity, error) {
	var errs caja.Fields
	var title string
	if cmd.Title != nil {
		title = text(&errs, "title", *cmd.Title, 1, 255)
	}
	notes := checkNotes(&errs, cmd.Notes)
	image := imageID(&errs, "image_id", cmd.ImageID)
	if cmd.Position != nil && (*cmd.Position < 0 || *cmd.Position > 10000) {
		errs.Add("position", "must be between 0 and 10000")
	}
	if cmd.Status != nil && *cmd.Status != writemodel.ActivityDraft && *cmd.Status != writemodel.ActivityOpen && *cmd.Status != writemodel.ActivityClosed {
		errs.Add("status", "must be draft, open or closed")
	}
	if err := errs.Err(); err != nil {
		return nil, err
	}
	var doc caja.Activity
	err := h.store.Transact(ctx, func(tx *writemodel.Tx) error {
		sess, err := tx.LockSession(cmd.SessionID)
		if err != nil {
			return err
		}
		if err := checkRole(tx, Caller{Token: cmd.AdminToken, AccountID: cmd.AccountID}, sess, caja.RoleCoHost); err != nil {
			return err
		}
		a, opts, err := tx.LockActivity(sess.ID, cmd.ActivityID)
		if err != nil {
			return err
		}
		var errs caja.Fields
		if cmd.Title != nil {
			a.Title = title
		}
		var replace []writemodel.ActivityOption
		if cmd.Options != nil {
			if a.Status != writemodel.ActivityDraft {
				return &caja.Error{Kind: caja.Conflict, Code: caja.CodeOptionsLocked, Message: "options can only change while the activity is a draft", Fields: []caja.FieldError{{Field: "options", Message: "the activity is " + a.Status}}}
			}
			clean := checkOptions(&errs, a.Type, *cmd.Options, true)
			optionImages(&errs, *cmd.Options, clean)
			if err := checkSessionImages(tx, sess.ID, nil, clean); err != nil {
				return err
			}
			replace = optionRows(a.ID, clean)
			if replace == nil {
				replace = []writemodel.ActivityOption{}
			}
		}
		optionCount := len(opts)
		if replace != nil {
			optionCount = len(replace)
		}
		if cmd.Settings != nil {
			_, a.Settings = parseSettings(&errs, a.Type, cmd.Settings, optionCount)
		}
		body := checkBody(&errs, a.Type, cmd.Body)
		if cmd.ExtendS != nil && (*cmd.ExtendS < 1 || *cmd.ExtendS > maxTimeLimitS) {
			errs.Add("extend_s", "must be between 1 and %d seconds", maxTimeLimitS)
		}
		if err := errs.Err(); err != nil {
			return err
		}
		if cmd.Position != nil {
			a.Position = *cmd.Position
		}
		if cmd.Notes != nil {
			a.Notes = notes
		}
		if cmd.Body != nil {
			a.Body = body
		}
		if cmd.ImageID != nil {
			if err := checkSessionImages(tx, sess.ID, image, nil); err != nil {
				return err
			}
			a.ImageID = image
		}
		visibilityChanged := false
		wasRevealed := a.ResultsVisible
		now := time.Now().UTC()
		if cmd.ResultsVisible != nil {
			visibilityChanged = a.ResultsVisible != *cmd.ResultsVisible
			a.ResultsVisible = *cmd.ResultsVisible
			if a.ResultsVisible && scored(a) && a.RevealedAt == nil {
				a.RevealedAt = &now
			}
		}
		if cmd.Status != nil && *cmd.Status != a.Status {
			if !activityTransitions[a.Status][*cmd.Status] {
				return &caja.Error{Kind: caja.Conflict, Code: caja.CodeStatusTransition, Message: fmt.Sprintf("an activity cannot go from %s to %s", a.Status, *cmd.Status), Fields: []caja.FieldError{{Field: "status", Message: "allowed: draft → open → closed, closed → open"}}}
			}
			if *cmd.Status == writemodel.ActivityOpen {
				if err := checkReopen(sess, a, wasRevealed); err != nil {
					return err
				}
			}
			a.Status = *cmd.Status
			a.ClosesAt = nil // the organizer closed it, or it opens afresh
			if a.Status == writemodel.ActivityOpen {
				// Quiz scoring is timed by the server from this moment, and
				// the server closes it at the time limit.
				a.OpenedAt = &now
				a.ClosesAt = deadline(a, now)
			}
		} else if cmd.Settings != nil && a.Status == writemodel.ActivityOpen {
			// A new time limit of a running activity counts from its opening.
			a.ClosesAt = deadline(a, *a.OpenedAt)
		}
		if cmd.ExtendS != nil {
			if a.Status != writemodel.ActivityOpen || a.ClosesAt == nil {
				return &caja.Error{Kind: caja.Conflict, Code: caja.CodeNoCountdown, Message: "this activity has no countdown running to add time to", Fields: []caja.FieldError{{Field: "extend_s", Message: "needs an open activity with a time limit"}}}
			}
			closes := a.ClosesAt.Add(time.Duration(*cmd.ExtendS) * time.Second)
			a.ClosesAt = &closes
		}
		a.UpdatedAt = now
		if err := tx.SaveActivity(a, replace); err != nil {
			return err
		}
		if visibilityChanged {
			// Scores, ranks and quiz results in /me follow reveals.
			if err := tx.BumpMeVersion(sess.ID); err != nil {
				return err
			}
		}
		if replace != nil {
			opts = replace
		}
		doc = writemodel.OrganizerActivityOf(a, opts)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("update activity: %w", err)
	}
	return &doc, nil
}

// deadline is when an activity opened at opened closes by itself: nil when
// it has no time limit.
func deadline(a *writemodel.Activity, opened time.Time) *time.Time {
	limit := loadSettings(a).TimeLimit(a.Type)
	if limit == 0 {
		return nil
	}
	closes := opened.Add(limit)
	return &closes
}

// checkReopen refuses to open an activity of an ended session, and a quiz
// whose answers were revealed (before or by this very change): its phones
// have seen the right option.
func checkReopen(sess *writemodel.Session, a *writemodel.Activity, wasRevealed bool) error {
	if sess.Status == writemodel.StatusCompleted {
		return &caja.Error{Kind: caja.Conflict, Code: caja.CodeSessionEnded, Message: "this session has ended", Fields: []caja.FieldError{{Field: "status", Message: "the activities of an ended session stay closed"}}}
	}
	if scored(a) && (wasRevealed || a.ResultsVisible || a.RevealedAt != nil) {
		return &caja.Error{Kind: caja.Conflict, Code: caja.CodeQuizRevealed, Message: "a quiz whose answers were revealed cannot be reopened", Fields: []caja.FieldError{{Field: "status", Message: "the answers of this quiz were revealed"}}}
	}
	return nil
}
