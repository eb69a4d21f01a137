package httpapi

import (
	"bytes"
	"encoding/json"
	"errors"
	"net/http"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/cajalive/caja"
	"github.com/cajalive/caja/commands"
	"github.com/cajalive/caja/queries"
)

type createSessionRequest struct {
	Name        string                 `json:"name"`
	Description *string                `json:"description"`
	AdminID     string                 `json:"admin_id"`
	Settings    *createSessionSettings `json:"settings"`
}

// createSessionSettings are the settings a new session may start with.
type createSessionSettings struct {
	Language *string `json:"language"`
}

func (a *API) createSession(c *gin.Context) {
	var req createSessionRequest
	if !bindJSON(c, &req) {
		return
	}
	owner, ok := a.account(c)
	if !ok {
		return
	}
	out, err := a.cmd.CreateSession.Handle(c.Request.Context(), commands.CreateSession{Name: req.Name, Description: req.Description, AdminID: req.AdminID, Owner: owner, Language: createLanguage(req.Settings)})
	if err != nil {
		fail(c, err)
		return
	}
	c.Header("Cache-Control", "no-store")
	c.Header("Location", "/api/v1/sessions/"+out.ID)
	c.JSON(http.StatusCreated, out)
}

func (a *API) getSession(c *gin.Context) {
	id, ok := pathUUID(c, "id")
	if !ok {
		return
	}
	body, err := a.qry.GetSession.Handle(c.Request.Context(), queries.GetSession{SessionID: id})
	if err != nil {
		fail(c, err)
		return
	}
	c.Writer.Header()["Cache-Control"] = noCache
	c.Data(http.StatusOK, "application/json", body)
}

type updateSessionRequest struct {
	Name              nullable[string]                 `json:"name"`
	Description       nullable[string]                 `json:"description"`
	Status            nullable[string]                 `json:"status"`
	CurrentActivityID nullable[string]                 `json:"current_activity_id"`
	ShowJoinInfo      nullable[bool]                   `json:"show_join_info"`
	OpenOnPresent     nullable[bool]                   `json:"open_on_present"`
	Reactions         nullable[[]string]               `json:"reactions"`
	Settings          nullable[sessionSettingsRequest] `json:"settings"`
}

// sessionSettingsRequest is settings in PATCH /sessions/{id}: the fields
// sent are changed.
type sessionSettingsRequest struct {
	ProfanityFilter nullable[string]   `json:"profanity_filter"`
	ProfanityWords  nullable[[]string] `json:"profanity_words"`
	Language        nullable[string]   `json:"language"`
}

func sessionSettingsOf(errs *caja.Fields, n nullable[sessionSettingsRequest]) *commands.SessionSettingsInput {
	v := requireNotNull(errs, "settings", n)
	if v == nil {
		return nil
	}
	return &commands.SessionSettingsInput{
		ProfanityFilter: requireNotNull(errs, "settings.profanity_filter", v.ProfanityFilter),
		ProfanityWords:  commands.Optional[[]string](v.ProfanityWords),
		Language:        requireNotNull(errs, "settings.language", v.Language),
	}
}

func (a *API) updateSession(c *gin.Context) {
	id, ok := pathUUID(c, "id")
	if !ok {
		return
	}
	caller, ok := a.organizer(c)
	if !ok {
		return
	}
	var req updateSessionRequest
	if !bindJSON(c, &req) {
		return
	}
	var errs caja.Fields
	cmd := commands.UpdateSession{
		SessionID:         id,
		AdminToken:        caller.Token,
		AccountID:         caller.AccountID,
		Name:              requireNotNull(&errs, "name", req.Name),
		Description:       commands.Optional[string](req.Description),
		Status:            requireNotNull(&errs, "status", req.Status),
		CurrentActivityID: commands.Optional[string](req.CurrentActivityID),
		ShowJoinInfo:      requireNotNull(&errs, "show_join_info", req.ShowJoinInfo),
		OpenOnPresent:     requireNotNull(&errs, "open_on_present", req.OpenOnPresent),
		Reactions:         commands.Optional[[]string](req.Reactions),
		Settings:          sessionSettingsOf(&errs, req.Settings),
	}
	if err := errs.Err(); err != nil {
		fail(c, err)
		return
	}
	out, err := a.cmd.UpdateSession.Handle(c.Request.Context(), cmd)
	if err != nil {
		fail(c, err)
		return
	}
	c.Header("Cache-Control", "no-store")
	c.JSON(http.StatusOK, out)
}

func (a *API) qrCode(c *gin.Context) {
	id, ok := pathUUID(c, "id")
	if !ok {
		return
	}
	size := 512
	if s := c.Query("size"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 64 || n > 2048 {
			fail(c, caja.InvalidField("size", "must be a whole number of pixels from 64 to 2048"))
			return
		}
		size = n
	}
	img, err := a.qry.QRCode.Handle(c.Request.Context(), queries.QRCode{SessionID: id, Size: size, IfNoneMatch: c.GetHeader("If-None-Match")})
	if err != nil {
		fail(c, err)
		return
	}
	// Rendered once per session, size and join link; the join link changes
	// only when the server's base URL does, so a day of caching is safe and
	// the ETag revalidates it cheaply after that.
	c.Header("Cache-Control", "public, max-age=86400")
	c.Header("ETag", img.ETag)
	if img.NotModified {
		c.Status(http.StatusNotModified)
		return
	}
	c.Data(http.StatusOK, "image/png", img.PNG)
}

func (a *API) joinByCode(c *gin.Context) {
	code := c.Param("code")
	if !validJoinCode(code) {
		fail(c, caja.Errorf(caja.NotFound, "no live session has this join code").WithCode(caja.CodeJoinCodeNotFound))
		return
	}
	info, err := a.qry.JoinByCode.Handle(c.Request.Context(), queries.JoinByCode{Code: code})
	if err != nil {
		fail(c, err)
		return
	}
	c.Header("Cache-Control", "no-cache")
	c.JSON(http.StatusOK, info)
}

func validJoinCode(s string) bool {
	if len(s) < 6 || len(s) > 8 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// UnmarshalJSON decodes settings strictly: an unknown setting is named.
func (s *sessionSettingsRequest) UnmarshalJSON(b []byte) error {
	type plain sessionSettingsRequest
	var v plain
	if err := decodeSettings(b, &v); err != nil {
		return err
	}
	*s = sessionSettingsRequest(v)
	return nil
}

// UnmarshalJSON decodes a new session's settings as strictly.
func (s *createSessionSettings) UnmarshalJSON(b []byte) error {
	type plain createSessionSettings
	var v plain
	if err := decodeSettings(b, &v); err != nil {
		return err
	}
	*s = createSessionSettings(v)
	return nil
}

// decodeSettings decodes a settings object into v, naming an unknown or
// mistyped setting as settings.<name>.
func decodeSettings(b []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		var typ *json.UnmarshalTypeError
		switch {
		case errors.As(err, &typ) && typ.Field != "":
			return &fieldError{field: "settings." + typ.Field, msg: "must be " + jsonKind(typ.Type.Kind().String())}
		case strings.HasPrefix(err.Error(), "json: unknown field "):
			return &fieldError{field: "settings." + strings.Trim(strings.TrimPrefix(err.Error(), "json: unknown field "), `"`), msg: "is not a known setting"}
		default:
			return &fieldError{field: "settings", msg: "must be an object"}
		}
	}
	return nil
}

// createLanguage is the display language a new session asks for (nil: none).
func createLanguage(s *createSessionSettings) *string {
	if s == nil {
		return nil
	}
	return s.Language
}
