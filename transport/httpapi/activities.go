package httpapi

import (
	"encoding/json"
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/cajalive/caja"
	"github.com/cajalive/caja/commands"
	"github.com/cajalive/caja/queries"
)

type createActivityRequest struct {
	Type     string                 `json:"type"`
	Title    string                 `json:"title"`
	Options  []commands.OptionInput `json:"options"`
	Settings json.RawMessage        `json:"settings"`
	Notes    *string                `json:"notes"`
	Body     *string                `json:"body"`
	ImageID  *string                `json:"image_id"`
}

// adminToken returns the bearer token or answers 401.
func adminToken(c *gin.Context) (string, bool) {
	t := bearer(c)
	if t == "" {
		fail(c, caja.Errorf(caja.Unauthorized, "this needs the session's admin token").WithCode(caja.CodeAdminTokenRequired))
		return "", false
	}
	return t, true
}

func (a *API) createActivity(c *gin.Context) {
	sid, ok := pathUUID(c, "id")
	if !ok {
		return
	}
	caller, ok := a.organizer(c)
	if !ok {
		return
	}
	var req createActivityRequest
	if !bindJSON(c, &req) {
		return
	}
	out, err := a.cmd.CreateActivity.Handle(c.Request.Context(), commands.CreateActivity{SessionID: sid, AdminToken: caller.Token, AccountID: caller.AccountID, Type: req.Type, Title: req.Title, Options: req.Options, Settings: req.Settings, Notes: req.Notes, Body: req.Body, ImageID: req.ImageID})
	if err != nil {
		fail(c, err)
		return
	}
	c.Header("Location", "/api/v1/sessions/"+sid+"/activities/"+out.ID)
	c.JSON(http.StatusCreated, out)
}

func (a *API) listActivities(c *gin.Context) {
	sid, ok := pathUUID(c, "id")
	if !ok {
		return
	}
	body, err := a.qry.ListActivities.Handle(c.Request.Context(), queries.ListActivities{SessionID: sid, AdminToken: bearer(c), AccountID: a.readerAccount(c)})
	writeJSONBytes(c, body, err)
}

func (a *API) getActivity(c *gin.Context) {
	sid, ok := pathUUID(c, "id")
	if !ok {
		return
	}
	aid, ok := pathUUID(c, "aid")
	if !ok {
		return
	}
	body, err := a.qry.GetActivity.Handle(c.Request.Context(), queries.GetActivity{SessionID: sid, ActivityID: aid, AdminToken: bearer(c), AccountID: a.readerAccount(c)})
	writeJSONBytes(c, body, err)
}

type updateActivityRequest struct {
	Title          nullable[string]                 `json:"title"`
	Settings       json.RawMessage                  `json:"settings"`
	Position       nullable[int]                    `json:"position"`
	Status         nullable[string]                 `json:"status"`
	ResultsVisible nullable[bool]                   `json:"results_visible"`
	Options        nullable[[]commands.OptionInput] `json:"options"`
	ExtendS        nullable[int]                    `json:"extend_s"`
	Notes          nullable[string]                 `json:"notes"`
	Body           nullable[string]                 `json:"body"`
	ImageID        nullable[string]                 `json:"image_id"`
}

func (a *API) updateActivity(c *gin.Context) {
	sid, ok := pathUUID(c, "id")
	if !ok {
		return
	}
	aid, ok := pathUUID(c, "aid")
	if !ok {
		return
	}
	caller, ok := a.organizer(c)
	if !ok {
		return
	}
	var req updateActivityRequest
	if !bindJSON(c, &req) {
		return
	}
	var errs caja.Fields
	cmd := commands.UpdateActivity{
		SessionID: sid, ActivityID: aid, AdminToken: caller.Token, AccountID: caller.AccountID,
		Title:          requireNotNull(&errs, "title", req.Title),
		Settings:       req.Settings,
		Position:       requireNotNull(&errs, "position", req.Position),
		Status:         requireNotNull(&errs, "status", req.Status),
		ResultsVisible: requireNotNull(&errs, "results_visible", req.ResultsVisible),
		Options:        requireNotNull(&errs, "options", req.Options),
		ExtendS:        requireNotNull(&errs, "extend_s", req.ExtendS),
		Notes:          notesOf(req.Notes),
		Body:           notesOf(req.Body),
		ImageID:        notesOf(req.ImageID), // null removes the image, like ""
	}
	if err := errs.Err(); err != nil {
		fail(c, err)
		return
	}
	out, err := a.cmd.UpdateActivity.Handle(c.Request.Context(), cmd)
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusOK, out)
}

func (a *API) deleteActivity(c *gin.Context) {
	sid, ok := pathUUID(c, "id")
	if !ok {
		return
	}
	aid, ok := pathUUID(c, "aid")
	if !ok {
		return
	}
	caller, ok := a.organizer(c)
	if !ok {
		return
	}
	if err := a.cmd.DeleteActivity.Handle(c.Request.Context(), commands.DeleteActivity{SessionID: sid, ActivityID: aid, AdminToken: caller.Token, AccountID: caller.AccountID}); err != nil {
		fail(c, err)
		return
	}
	c.Status(http.StatusNoContent)
}

func (a *API) results(c *gin.Context) {
	sid, ok := pathUUID(c, "id")
	if !ok {
		return
	}
	aid, ok := pathUUID(c, "aid")
	if !ok {
		return
	}
	body, err := a.qry.Results.Handle(c.Request.Context(), queries.Results{SessionID: sid, ActivityID: aid, AdminToken: bearer(c), AccountID: a.readerAccount(c)})
	writeJSONBytes(c, body, err)
}

func (a *API) duplicateSession(c *gin.Context) {
	sid, ok := pathUUID(c, "id")
	if !ok {
		return
	}
	caller, ok := a.organizer(c)
	if !ok {
		return
	}
	out, err := a.cmd.DuplicateSession.Handle(c.Request.Context(), commands.DuplicateSession{SessionID: sid, AdminToken: caller.Token, AccountID: caller.AccountID})
	if err != nil {
		fail(c, err)
		return
	}
	c.Header("Cache-Control", "no-store")
	c.Header("Location", "/api/v1/sessions/"+out.ID)
	c.JSON(http.StatusCreated, out)
}

// writeJSONBytes answers with pre-rendered JSON from the read model that
// depends on who asks (an admin token shows more): private, so that no
// shared cache hands one caller's answer to another.
func writeJSONBytes(c *gin.Context, body []byte, err error) {
	writeJSONBytesAs(c, privateNoCache, body, err)
}

// writeJSONBytesAs is writeJSONBytes with the given Cache-Control.
func writeJSONBytesAs(c *gin.Context, cacheControl []string, body []byte, err error) {
	if err != nil {
		fail(c, err)
		return
	}
	c.Writer.Header()["Cache-Control"] = cacheControl
	c.Data(http.StatusOK, "application/json", body)
}

// notesOf reads the notes of an edit: null clears them, like "".
func notesOf(n nullable[string]) *string {
	if !n.Set {
		return nil
	}
	if n.Value == nil {
		empty := ""
		return &empty
	}
	return n.Value
}
