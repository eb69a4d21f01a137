package httpapi

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/cajalive/caja/commands"
	"github.com/cajalive/caja/queries"
)

type invitationRequest struct {
	Email string `json:"email"`
	Role  string `json:"role"`
}

func (a *API) createInvitation(c *gin.Context) {
	sid, ok := pathUUID(c, "id")
	if !ok {
		return
	}
	caller, ok := a.organizer(c)
	if !ok {
		return
	}
	var req invitationRequest
	if !bindJSON(c, &req) {
		return
	}
	out, err := a.cmd.CreateInvitation.Handle(c.Request.Context(), commands.CreateInvitation{SessionID: sid, AdminToken: caller.Token, AccountID: caller.AccountID, Email: req.Email, Role: req.Role})
	if err != nil {
		fail(c, err)
		return
	}
	c.Header("Cache-Control", "no-store")
	c.JSON(http.StatusCreated, out)
}

func (a *API) revokeInvitations(c *gin.Context) {
	sid, ok := pathUUID(c, "id")
	if !ok {
		return
	}
	caller, ok := a.organizer(c)
	if !ok {
		return
	}
	if err := a.cmd.RevokeInvitations.Handle(c.Request.Context(), commands.RevokeInvitations{SessionID: sid, AdminToken: caller.Token, AccountID: caller.AccountID, Email: c.Query("email")}); err != nil {
		fail(c, err)
		return
	}
	c.Status(http.StatusNoContent)
}

func (a *API) listMembers(c *gin.Context) {
	sid, ok := pathUUID(c, "id")
	if !ok {
		return
	}
	out, err := a.qry.ListMembers.Handle(c.Request.Context(), queries.ListMembers{SessionID: sid, AdminToken: bearer(c), AccountID: a.readerAccount(c)})
	if err != nil {
		fail(c, err)
		return
	}
	c.Header("Cache-Control", "private, no-store")
	c.JSON(http.StatusOK, out)
}

func (a *API) acceptInvitation(c *gin.Context) {
	acc, ok := a.requireAccount(c)
	if !ok {
		return
	}
	out, err := a.cmd.AcceptInvitation.Handle(c.Request.Context(), commands.AcceptInvitation{Token: c.Param("token"), AccountID: acc.ID})
	if err != nil {
		fail(c, err)
		return
	}
	c.Header("Cache-Control", "no-store")
	c.JSON(http.StatusOK, out)
}

func (a *API) removeMember(c *gin.Context) {
	sid, ok := pathUUID(c, "id")
	if !ok {
		return
	}
	member, ok := pathUUID(c, "account_id")
	if !ok {
		return
	}
	caller, ok := a.organizer(c)
	if !ok {
		return
	}
	if err := a.cmd.RemoveMember.Handle(c.Request.Context(), commands.RemoveMember{SessionID: sid, AdminToken: caller.Token, AccountID: caller.AccountID, MemberID: member}); err != nil {
		fail(c, err)
		return
	}
	c.Status(http.StatusNoContent)
}

func (a *API) deleteSession(c *gin.Context) {
	sid, ok := pathUUID(c, "id")
	if !ok {
		return
	}
	caller, ok := a.organizer(c)
	if !ok {
		return
	}
	if err := a.cmd.DeleteSession.Handle(c.Request.Context(), commands.DeleteSession{SessionID: sid, AdminToken: caller.Token, AccountID: caller.AccountID}); err != nil {
		fail(c, err)
		return
	}
	c.Status(http.StatusNoContent)
}

type transferRequest struct {
	AccountID string `json:"account_id"`
}

func (a *API) transferSession(c *gin.Context) {
	sid, ok := pathUUID(c, "id")
	if !ok {
		return
	}
	acc, ok := a.requireAccount(c)
	if !ok {
		return
	}
	var req transferRequest
	if !bindJSON(c, &req) {
		return
	}
	out, err := a.cmd.TransferSession.Handle(c.Request.Context(), commands.TransferSession{SessionID: sid, AccountID: acc.ID, To: req.AccountID})
	if err != nil {
		fail(c, err)
		return
	}
	c.Header("Cache-Control", "no-store")
	c.JSON(http.StatusOK, out)
}

func (a *API) revokeAdminToken(c *gin.Context) {
	sid, ok := pathUUID(c, "id")
	if !ok {
		return
	}
	acc, ok := a.requireAccount(c)
	if !ok {
		return
	}
	if err := a.cmd.RevokeAdminToken.Handle(c.Request.Context(), commands.RevokeAdminToken{SessionID: sid, AccountID: acc.ID}); err != nil {
		fail(c, err)
		return
	}
	c.Status(http.StatusNoContent)
}
