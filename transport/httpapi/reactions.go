package httpapi

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/cajalive/caja/commands"
)

type reactionRequest struct {
	Emoji string `json:"emoji"`
}

// react counts a participant's reaction to what is on screen.
func (a *API) react(c *gin.Context) {
	sid, ok := pathUUID(c, "id")
	if !ok {
		return
	}
	var req reactionRequest
	if !bindJSON(c, &req) {
		return
	}
	out, err := a.cmd.SendReaction.Handle(c.Request.Context(), commands.SendReaction{SessionID: sid, Token: bearer(c), Emoji: req.Emoji})
	if err != nil {
		fail(c, err)
		return
	}
	c.Header("Cache-Control", "no-store")
	c.JSON(http.StatusCreated, out)
}
