package commands

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/cajalive/caja"
	"github.com/cajalive/caja/writemodel"
)

// Optional distinguishes "not sent" from "sent as null" for nullable fields.
type Optional[T any] struct {
	Set   bool
	Value *T
}

// UpdateSession changes a session's details, moves its status forward, or
// chooses what is on screen.
type UpdateSession struct {
	SessionID  string
	AdminToken string
	// AccountID is the signed-in caller ("" when none); see Caller.
	AccountID         string
	Name              *string
	Description       Optional[string]
	Status            *string
	CurrentActivityID Optional[string]
	ShowJoinInfo      *bool
	OpenOnPresent     *bool
	// Reactions replaces the reaction set ([] turns reactions off, null
	// restores the default set).
	Reactions Optional[[]string]
	// Settings changes the profanity filter and the organizer's words.
	Settings *SessionSettingsInput
}

// UpdateSessionHandler handles UpdateSession.
type UpdateSessionHandler struct {
	store     SessionUpdater
	presenter *caja.Presenter
}

// NewUpdateSessionHandler returns the handler.
func NewUpdateSessionHandler(store SessionUpdater, presenter *caja.Presenter) UpdateSessionHandler {
	return UpdateSessionHandler{store: store, presenter: presenter}
}

var statusOrder = map[string]int{writemodel.StatusDraft: 0, writemodel.StatusActive: 1, writemodel.StatusCompleted: 2}

// Handle applies the change in one transaction, under the session's row lock.
func (h UpdateSessionHandler) Handle(ctx context.Context, cmd UpdateSession) (*caja.Session, error) {
	var errs caja.Fields
	var name, desc string
	if cmd.Name != nil {
		name = text(&errs, "name", *cmd.Name, 1, 255)
	}
	if cmd.Description.Set && cmd.Description.Value != nil {
		desc = multiline(&errs, "description", *cmd.Description.Value, 0, 1000)
	}
	if cmd.Status != nil {
		if _, ok := statusOrder[*cmd.Status]; !ok {
			errs.Add("status", "must be one of draft, active, completed")
		}
	}
	if cmd.CurrentActivityID.Set && cmd.CurrentActivityID.Value != nil && !validUUID(*cmd.CurrentActivityID.Value) {
		errs.Add("current_activity_id", "must be a UUID or null")
	}
	if cmd.Reactions.Set && cmd.Reactions.Value != nil {
		checkReactionSet(&errs, *cmd.Reactions.Value)
	}
	words := checkSessionSettings(&errs, cmd.Settings)
	if err := errs.Err(); err != nil {
		return nil, err
	}

	sess, err := h.store.UpdateSession(ctx, cmd.SessionID, func(tx *writemodel.Tx, s *writemodel.Session) error {
		if err := checkRole(tx, Caller{Token: cmd.AdminToken, AccountID: cmd.AccountID}, s, caja.RoleCoHost); err != nil {
			return err
		}
		if cmd.Name != nil {
			s.Name = name
		}
		if cmd.Description.Set {
			if cmd.Description.Value == nil {
				s.Description = nil
			} else {
				s.Description = &desc
			}
		}
		if cmd.Status != nil && *cmd.Status != s.Status {
			if statusOrder[*cmd.Status] < statusOrder[s.Status] {
				return &caja.Error{Kind: caja.Conflict, Code: caja.CodeStatusBackwards, Message: fmt.Sprintf("the session is %s and cannot go back to %s", s.Status, *cmd.Status), Fields: []caja.FieldError{{Field: "status", Message: "can only move forward: draft → active → completed"}}}
			}
			s.Status = *cmd.Status
			if s.Status == writemodel.StatusCompleted {
				// Nothing stays open in an ended session.
				if _, err := tx.CloseOpenActivities(s.ID, time.Now()); err != nil {
					return err
				}
			}
		}
		if cmd.CurrentActivityID.Set {
			if err := setCurrentActivity(tx, s, cmd.CurrentActivityID.Value); err != nil {
				return err
			}
		}
		if cmd.ShowJoinInfo != nil {
			s.ShowJoinInfo = *cmd.ShowJoinInfo
		}
		if cmd.OpenOnPresent != nil {
			s.OpenOnPresent = *cmd.OpenOnPresent
		}
		if cmd.Reactions.Set {
			s.Reactions = nil
			if cmd.Reactions.Value != nil {
				s.Reactions = writemodel.ReactionsJSON(append([]string{}, *cmd.Reactions.Value...))
			}
		}
		return applySessionSettings(tx, s, cmd.Settings, words)
	})
	if err != nil {
		return nil, fmt.Errorf("update session: %w", err)
	}
	doc, err := writemodel.OrganizerSessionOf(h.presenter, sess)
	if err != nil {
		return nil, fmt.Errorf("update session: %w", err)
	}
	return &doc, nil
}

// setCurrentActivity puts an activity of this session on screen, or the
// lobby (nil).
func setCurrentActivity(tx *writemodel.Tx, s *writemodel.Session, id *string) error {
	if id == nil {
		s.CurrentActivityID = nil
		return nil
	}
	ok, err := tx.ActivityBelongs(s.ID, *id)
	if err != nil {
		return err
	}
	if !ok {
		return &caja.Error{Kind: caja.Invalid, Message: "validation failed", Fields: []caja.FieldError{{Field: "current_activity_id", Message: "is not an activity of this session"}}}
	}
	s.CurrentActivityID = id
	return nil
}

// validUUID accepts a UUID in either case, as commands always have; the
// form itself is caja.IsCanonicalID's.
func validUUID(s string) bool { return caja.IsCanonicalID(strings.ToLower(s)) }
