package commands

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/google/uuid"

	"github.com/cajalive/caja"
	"github.com/cajalive/caja/writemodel"
)

// CreateActivity adds an activity, in draft, at the end of a session.
type CreateActivity struct {
	SessionID  string
	AdminToken string
	// AccountID is the signed-in caller ("" when none); see Caller.
	AccountID string
	Type      string
	Title     string
	Options   []OptionInput
	Settings  json.RawMessage
	Notes     *string
	// Body is a content slide's Markdown text.
	Body *string
	// ImageID is an image of the session shown with the activity.
	ImageID *string
}

// CreateActivityHandler handles CreateActivity.
type CreateActivityHandler struct{ store Transactor }

// NewCreateActivityHandler returns the handler.
func NewCreateActivityHandler(store Transactor) CreateActivityHandler {
	return CreateActivityHandler{store: store}
}

// Handle validates and stores the activity.
func (h CreateActivityHandler) Handle(ctx context.Context, cmd CreateActivity) (*caja.Activity, error) {
	var errs caja.Fields
	if !activityTypes[cmd.Type] {
		errs.Add("type", "must be one of %s", typeList)
	}
	title := text(&errs, "title", cmd.Title, 1, 255)
	notes := checkNotes(&errs, cmd.Notes)
	body := checkBody(&errs, cmd.Type, cmd.Body)
	var opts []OptionInput
	var settings string
	if activityTypes[cmd.Type] {
		opts = checkOptions(&errs, cmd.Type, cmd.Options, cmd.Options != nil)
		_, settings = parseSettings(&errs, cmd.Type, cmd.Settings, len(opts))
	}
	image := imageID(&errs, "image_id", cmd.ImageID)
	optionImages(&errs, cmd.Options, opts)
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
		if err := checkSessionImages(tx, sess.ID, image, opts); err != nil {
			return err
		}
		pos, err := tx.NextPosition(sess.ID)
		if err != nil {
			return err
		}
		now := time.Now().UTC()
		a := &writemodel.Activity{
			ID: uuid.NewString(), SessionID: sess.ID, Type: cmd.Type, Title: title, Settings: settings,
			Status: writemodel.ActivityDraft, Position: pos, Notes: notes, Body: body, CreatedAt: now, UpdatedAt: now,
			ImageID: image,
		}
		rows := optionRows(a.ID, opts)
		if err := tx.InsertActivity(a, rows); err != nil {
			return err
		}
		doc = writemodel.OrganizerActivityOf(a, rows)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("create activity: %w", err)
	}
	return &doc, nil
}

func optionRows(activityID string, opts []OptionInput) []writemodel.ActivityOption {
	rows := make([]writemodel.ActivityOption, len(opts))
	for i, o := range opts {
		rows[i] = writemodel.ActivityOption{ID: uuid.NewString(), ActivityID: activityID, Position: i, Label: o.Label, Correct: o.Correct, ImageID: o.ImageID}
	}
	return rows
}
