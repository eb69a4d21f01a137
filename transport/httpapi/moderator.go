package httpapi

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/cajalive/caja/commands"
)

// rotateModeratorToken makes a new moderator link (admin token); the answer
// carries the token, so it is never cached.
func (a *API) rotateModeratorToken(c *gin.Context) {
	sid, ok := pathUUID(c, "id")
	if !ok {
		return
	}
	caller, ok := a.organizer(c)
	if !ok {
		return
	}
	out, err := a.cmd.RotateModeratorToken.Handle(c.Request.Context(), commands.RotateModeratorToken{SessionID: sid, AdminToken: caller.Token, AccountID: caller.AccountID})
	if err != nil {
		fail(c, err)
		return
	}
	c.Writer.Header()["Cache-Control"] = noStore
	c.JSON(http.StatusOK, out)
}
