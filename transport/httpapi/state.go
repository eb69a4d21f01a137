package httpapi

import (
	"net/http"
	"strconv"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/cajalive/caja"
	"github.com/cajalive/caja/queries"
)

var (
	jsonContentType = []string{"application/json"}
	privateNoCache  = []string{"private, no-cache"}
)

// state is the endpoint every phone polls. Its up-to-date answer (304) costs
// one Redis round trip, no JSON encoding and no allocation of a body; its
// 200 writes the stored bytes as they are.
func (a *API) state(c *gin.Context) {
	id, ok := pathUUID(c, "id")
	if !ok {
		return
	}
	q := queries.SessionState{SessionID: id, IfNoneMatch: c.Request.Header.Get("If-None-Match")}
	// Phones poll without a query string: don't parse one that isn't there.
	hasQuery := c.Request.URL.RawQuery != ""
	view := ""
	if hasQuery {
		view = c.Query("view")
	}
	switch view {
	case "", "participant":
		q.View = caja.ViewParticipant
	case "display":
		q.View = caja.ViewDisplay
		q.Secret = c.Query("key")
	case "admin":
		q.View = caja.ViewAdmin
		q.Secret = bearer(c)
	default:
		fail(c, caja.InvalidField("view", "must be participant, display or admin"))
		return
	}
	if hasQuery {
		if lu := c.Query("last_update"); lu != "" {
			t, err := parseTimestamp(lu)
			if err != nil {
				fail(c, caja.InvalidField("last_update", "must be an ISO 8601 timestamp"))
				return
			}
			q.LastUpdate = t
		}
	}
	res, err := a.qry.SessionState.Handle(c.Request.Context(), q)
	if err != nil {
		fail(c, err)
		return
	}
	h := c.Writer.Header()
	h["Etag"] = []string{res.ETag}
	if q.View == caja.ViewParticipant {
		h["Cache-Control"] = noCache
	} else {
		h["Cache-Control"] = privateNoCache
	}
	h["X-Poll-Interval-Ms"] = *a.poll.header.Load()
	a.poll.observe()
	a.metrics.poll(q.View, res.NotModified)
	if res.NotModified {
		c.Status(http.StatusNotModified)
		c.Writer.WriteHeaderNow()
		return
	}
	h["Content-Type"] = jsonContentType
	h["Content-Length"] = []string{strconv.Itoa(len(res.Body))}
	c.Status(http.StatusOK)
	_, _ = c.Writer.Write(res.Body)
}

// parseTimestamp accepts RFC 3339 and the offset-less ISO form Python's
// datetime.isoformat() produces (taken as UTC).
func parseTimestamp(s string) (time.Time, error) {
	if t, err := time.Parse(time.RFC3339Nano, s); err == nil {
		return t, nil
	}
	return time.ParseInLocation("2006-01-02T15:04:05.999999999", s, time.UTC)
}
