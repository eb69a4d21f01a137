package httpapi

import (
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	"github.com/cajalive/caja"
	"github.com/cajalive/caja/commands"
	"github.com/cajalive/caja/queries"
)

func (a *API) mySessions(c *gin.Context) {
	acc, ok := a.requireAccount(c)
	if !ok {
		return
	}
	q := queries.MySessions{AccountID: acc.ID, Cursor: c.Query("cursor")}
	if s := c.Query("limit"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 || n > queries.MaxMySessions {
			fail(c, caja.InvalidField("limit", "must be a whole number from 1 to 200"))
			return
		}
		q.Limit = n
	}
	out, err := a.qry.MySessions.Handle(c.Request.Context(), q)
	if err != nil {
		fail(c, err)
		return
	}
	c.Header("Cache-Control", "private, no-store")
	c.JSON(http.StatusOK, out)
}

func (a *API) claimSession(c *gin.Context) {
	id, ok := pathUUID(c, "id")
	if !ok {
		return
	}
	token := bearer(c)
	if token == "" {
		fail(c, caja.Errorf(caja.Unauthorized, "this needs the session's admin token").WithCode(caja.CodeAdminTokenRequired))
		return
	}
	acc, ok := a.requireAccount(c)
	if !ok {
		return
	}
	out, err := a.cmd.ClaimSession.Handle(c.Request.Context(), commands.ClaimSession{SessionID: id, AdminToken: token, Account: acc})
	if err != nil {
		fail(c, err)
		return
	}
	c.Header("Cache-Control", "no-store")
	c.JSON(http.StatusOK, out)
}

func (a *API) myExport(c *gin.Context) {
	acc, ok := a.requireAccount(c)
	if !ok {
		return
	}
	out, err := a.qry.MyExport.Handle(c.Request.Context(), queries.MyExport{Account: *acc})
	if err != nil {
		fail(c, err)
		return
	}
	c.Writer.Header()["Cache-Control"] = privateNoStore
	c.Header("Content-Disposition", `attachment; filename="caja-account.json"`)
	c.JSON(http.StatusOK, out)
}

func (a *API) deleteAccount(c *gin.Context) {
	acc, ok := a.requireAccount(c)
	if !ok {
		return
	}
	with := false
	if s, ok := c.GetQuery("with_sessions"); ok {
		var err error
		if with, err = strconv.ParseBool(s); err != nil {
			fail(c, caja.InvalidField("with_sessions", "must be true or false"))
			return
		}
	}
	if err := a.cmd.DeleteAccount.Handle(c.Request.Context(), commands.DeleteAccount{AccountID: acc.ID, WithSessions: with}); err != nil {
		fail(c, err)
		return
	}
	a.cookies.clearSession(c)
	c.Header("Cache-Control", "no-store")
	c.Status(http.StatusNoContent)
}
