package httpapi

import (
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	"github.com/cajalive/caja"
	"github.com/cajalive/caja/commands"
	"github.com/cajalive/caja/queries"
)

type joinRequest struct {
	Nickname string `json:"nickname"`
}

func (a *API) join(c *gin.Context) {
	sid, ok := pathUUID(c, "id")
	if !ok {
		return
	}
	var req joinRequest
	if !bindJSON(c, &req) {
		return
	}
	out, err := a.cmd.JoinSession.Handle(c.Request.Context(), commands.JoinSession{SessionID: sid, Nickname: req.Nickname})
	if err != nil {
		fail(c, err)
		return
	}
	a.metrics.joined()
	c.Header("Cache-Control", "no-store")
	c.JSON(http.StatusCreated, out)
}

func (a *API) me(c *gin.Context) {
	sid, ok := pathUUID(c, "id")
	if !ok {
		return
	}
	res, err := a.qry.Me.Handle(c.Request.Context(), queries.Me{SessionID: sid, Token: bearer(c)})
	if err != nil {
		fail(c, err)
		return
	}
	h := c.Writer.Header()
	h["Cache-Control"] = privateNoCache
	h["Vary"] = pollVary
	h["Etag"] = []string{res.ETag}
	// Phones fetch /me when they act or when me_marker moves; the
	// interval suggestion rides along as on /state.
	h["X-Poll-Interval-Ms"] = *a.poll.header.Load()
	a.poll.observe()
	// The middleware may send /me gzip-compressed, under the gzip tag.
	if queries.IfNoneMatch2(ifNoneMatch(c.Request.Header), res.ETag, gzipTag(res.ETag)) {
		if len(res.Body) >= compressMinBytes && acceptsGzipHeader(c.Request.Header) {
			h["Etag"] = []string{gzipTag(res.ETag)}
		}
		c.Status(http.StatusNotModified)
		c.Writer.WriteHeaderNow()
		return
	}
	c.Data(http.StatusOK, "application/json", res.Body)
}

func (a *API) listParticipants(c *gin.Context) {
	sid, ok := pathUUID(c, "id")
	if !ok {
		return
	}
	body, err := a.qry.ListParticipants.Handle(c.Request.Context(), queries.ListParticipants{SessionID: sid, AdminToken: bearer(c), AccountID: a.readerAccount(c)})
	writeJSONBytes(c, body, err)
}

func (a *API) kick(c *gin.Context) {
	sid, ok := pathUUID(c, "id")
	if !ok {
		return
	}
	pid, ok := pathUUID(c, "pid")
	if !ok {
		return
	}
	caller, ok := a.organizer(c)
	if !ok {
		return
	}
	hide := false
	if s, ok := c.GetQuery("hide_entries"); ok {
		var err error
		if hide, err = strconv.ParseBool(s); err != nil {
			fail(c, caja.InvalidField("hide_entries", "must be true or false"))
			return
		}
	}
	if err := a.cmd.KickParticipant.Handle(c.Request.Context(), commands.KickParticipant{SessionID: sid, ParticipantID: pid, AdminToken: caller.Token, AccountID: caller.AccountID, HideEntries: hide}); err != nil {
		fail(c, err)
		return
	}
	c.Status(http.StatusNoContent)
}

func (a *API) leaderboard(c *gin.Context) {
	sid, ok := pathUUID(c, "id")
	if !ok {
		return
	}
	limit := 50
	if s := c.Query("limit"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 || n > 1000 {
			fail(c, caja.InvalidField("limit", "must be a whole number from 1 to 1000"))
			return
		}
		limit = n
	}
	body, err := a.qry.Leaderboard.Handle(c.Request.Context(), queries.Leaderboard{SessionID: sid, Limit: limit})
	// The same for everyone (revealed quizzes only).
	writeJSONBytesAs(c, noCache, body, err)
}

type responseRequest struct {
	OptionIDs []string       `json:"option_ids"`
	Text      *string        `json:"text"`
	Value     *float64       `json:"value"`
	Ratings   map[string]int `json:"ratings"`
	Points    map[string]int `json:"points"`
}

func (a *API) respond(c *gin.Context) {
	sid, ok := pathUUID(c, "id")
	if !ok {
		return
	}
	aid, ok := pathUUID(c, "aid")
	if !ok {
		return
	}
	token := bearer(c)
	if token == "" {
		fail(c, caja.ErrParticipantTokenMissing())
		return
	}
	var req responseRequest
	if !bindJSON(c, &req) {
		return
	}
	out, err := a.cmd.SubmitResponse.Handle(c.Request.Context(), commands.SubmitResponse{SessionID: sid, ActivityID: aid, Token: token, OptionIDs: req.OptionIDs, Text: req.Text, Value: req.Value, Ratings: req.Ratings, Points: req.Points})
	if err != nil {
		fail(c, err)
		return
	}
	a.metrics.answered()
	status := http.StatusOK
	if out.Created() {
		status = http.StatusCreated
	}
	c.JSON(status, out)
}

type questionRequest struct {
	Text string `json:"text"`
}

func (a *API) ask(c *gin.Context) {
	sid, ok := pathUUID(c, "id")
	if !ok {
		return
	}
	aid, ok := pathUUID(c, "aid")
	if !ok {
		return
	}
	token := bearer(c)
	if token == "" {
		fail(c, caja.ErrParticipantTokenMissing())
		return
	}
	var req questionRequest
	if !bindJSON(c, &req) {
		return
	}
	out, err := a.cmd.AskQuestion.Handle(c.Request.Context(), commands.AskQuestion{SessionID: sid, ActivityID: aid, Token: token, Text: req.Text})
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusCreated, out)
}

func (a *API) upvote(up bool) gin.HandlerFunc {
	return func(c *gin.Context) {
		sid, ok := pathUUID(c, "id")
		if !ok {
			return
		}
		aid, ok := pathUUID(c, "aid")
		if !ok {
			return
		}
		qid, ok := pathUUID(c, "qid")
		if !ok {
			return
		}
		token := bearer(c)
		if token == "" {
			fail(c, caja.ErrParticipantTokenMissing())
			return
		}
		if err := a.cmd.UpvoteQuestion.Handle(c.Request.Context(), commands.UpvoteQuestion{SessionID: sid, ActivityID: aid, QuestionID: qid, Token: token, Up: up}); err != nil {
			fail(c, err)
			return
		}
		c.JSON(http.StatusOK, gin.H{"upvoted": up})
	}
}

type moderateRequest struct {
	Status nullable[string] `json:"status"`
	Pinned nullable[bool]   `json:"pinned"`
}

func (a *API) moderate(c *gin.Context) {
	sid, ok := pathUUID(c, "id")
	if !ok {
		return
	}
	aid, ok := pathUUID(c, "aid")
	if !ok {
		return
	}
	qid, ok := pathUUID(c, "qid")
	if !ok {
		return
	}
	caller, ok := a.organizer(c)
	if !ok {
		return
	}
	var req moderateRequest
	if !bindJSON(c, &req) {
		return
	}
	var errs caja.Fields
	cmd := commands.ModerateQuestion{SessionID: sid, ActivityID: aid, QuestionID: qid, AdminToken: caller.Token, AccountID: caller.AccountID, Status: requireNotNull(&errs, "status", req.Status), Pinned: requireNotNull(&errs, "pinned", req.Pinned)}
	if err := errs.Err(); err != nil {
		fail(c, err)
		return
	}
	out, err := a.cmd.ModerateQuestion.Handle(c.Request.Context(), cmd)
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusOK, out)
}

func (a *API) questions(c *gin.Context) {
	sid, ok := pathUUID(c, "id")
	if !ok {
		return
	}
	aid, ok := pathUUID(c, "aid")
	if !ok {
		return
	}
	body, err := a.qry.Questions.Handle(c.Request.Context(), queries.Questions{SessionID: sid, ActivityID: aid, AdminToken: bearer(c), AccountID: a.readerAccount(c), Limit: c.Query("limit"), Cursor: c.Query("cursor"), Status: c.Query("status")})
	writeJSONBytes(c, body, err)
}
