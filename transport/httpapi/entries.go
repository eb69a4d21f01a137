package httpapi

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/cajalive/caja/commands"
)

type moderateEntryRequest struct {
	Hidden *bool `json:"hidden"`
}

// moderateEntry hides or shows a free-text entry (admin).
func (a *API) moderateEntry(c *gin.Context) {
	sid, ok := pathUUID(c, "id")
	if !ok {
		return
	}
	aid, ok := pathUUID(c, "aid")
	if !ok {
		return
	}
	eid, ok := pathUUID(c, "entry_id")
	if !ok {
		return
	}
	caller, ok := a.organizer(c)
	if !ok {
		return
	}
	var req moderateEntryRequest
	if !bindJSON(c, &req) {
		return
	}
	out, err := a.cmd.ModerateEntry.Handle(c.Request.Context(), commands.ModerateEntry{SessionID: sid, ActivityID: aid, EntryID: eid, AdminToken: caller.Token, AccountID: caller.AccountID, Hidden: req.Hidden})
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusOK, out)
}

type participantEntriesRequest struct {
	EntriesHidden *bool `json:"entries_hidden"`
}

// hideParticipantEntries hides or shows every free-text entry of one
// participant (admin or moderator).
func (a *API) hideParticipantEntries(c *gin.Context) {
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
	var req participantEntriesRequest
	if !bindJSON(c, &req) {
		return
	}
	out, err := a.cmd.HideEntries.Handle(c.Request.Context(), commands.HideParticipantEntries{SessionID: sid, ParticipantID: pid, AdminToken: caller.Token, AccountID: caller.AccountID, Hidden: req.EntriesHidden})
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusOK, out)
}
