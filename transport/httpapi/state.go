package httpapi

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/cajalive/caja"
	"github.com/cajalive/caja/queries"
)

var (
	jsonContentType = []string{"application/json"}
	privateNoCache  = []string{"private, no-cache"}
	privateNoStore  = []string{"private, no-store"}
	gzipEncoding    = []string{"gzip"}
	// pollVary: the poll path's responses differ by encoding, and by
	// origin (CORS headers); said on every one of them, whether or not the
	// request had an Origin, so that a shared cache keys them right.
	pollVary = []string{"Accept-Encoding, Origin"}
)

// state is the endpoint every phone polls. Its up-to-date answer (304) costs
// one Redis round trip, no JSON encoding and no allocation of a body; its
// 200 writes the stored bytes as they are.
func (a *API) state(c *gin.Context) {
	h := c.Writer.Header()
	h["Vary"] = pollVary
	id, ok := pathUUID(c, "id")
	if !ok {
		return
	}
	q := queries.SessionState{SessionID: id, IfNoneMatch: ifNoneMatch(c.Request.Header), AcceptGzip: acceptsGzipHeader(c.Request.Header)}
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
		if q.Secret == "" {
			q.Secret = edgeBearer(c)
		}
		if q.Secret == "" {
			q.AccountID = a.readerAccount(c)
		}
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
	h["Etag"] = []string{res.ETag}
	switch q.View {
	case caja.ViewParticipant:
		// The same bytes for every phone: shared caches keep them for
		// s-maxage, browsers revalidate every poll (a 304).
		h["Cache-Control"] = a.sharedPoll
	case caja.ViewAdmin:
		// Carries the display key.
		h["Cache-Control"] = privateNoStore
	default:
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
	if res.Gzip {
		h["Content-Encoding"] = gzipEncoding
	}
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

// pollPathVary says Vary on the poll path's responses that the handler
// never writes: a request from an origin CORS refuses is answered by the
// CORS middleware itself.
func pollPathVary() gin.HandlerFunc {
	return func(c *gin.Context) {
		if p := c.Request.URL.Path; strings.HasSuffix(p, "/state") && strings.HasPrefix(p, "/api/v1/sessions/") {
			c.Writer.Header()["Vary"] = pollVary
		}
		c.Next()
	}
}

// ifNoneMatch reads If-None-Match whole: a list may come over several
// header lines (RFC 9110 §5.3), which mean the same as one line joined with
// commas. One line, the usual case, costs nothing.
func ifNoneMatch(h http.Header) string {
	v := h["If-None-Match"]
	switch len(v) {
	case 0:
		return ""
	case 1:
		return v[0]
	default:
		return strings.Join(v, ", ")
	}
}

// acceptsGzipHeader is acceptsGzip without allocating for the plain lists
// browsers send ("gzip, deflate, br, zstd"); quality values and "*" take
// the full parser.
func acceptsGzipHeader(h http.Header) bool {
	v := h["Accept-Encoding"]
	if len(v) != 1 || strings.ContainsAny(v[0], ";*") {
		return len(v) > 0 && acceptsGzip(v)
	}
	s := v[0]
	for s != "" {
		var tok string
		tok, s, _ = strings.Cut(s, ",")
		tok = strings.TrimSpace(tok)
		if strings.EqualFold(tok, "gzip") || strings.EqualFold(tok, "x-gzip") {
			return true
		}
	}
	return false
}

// sharedPollCacheControl is the participant view's Cache-Control.
func sharedPollCacheControl(sharedMaxAge time.Duration) []string {
	n := int(sharedMaxAge / time.Second)
	return []string{fmt.Sprintf("public, max-age=0, s-maxage=%d, stale-while-revalidate=%d", n, staleWhileRevalidate(n))}
}

// staleWhileRevalidate is how long, in seconds, a shared cache may keep
// answering with an expired participant view while it fetches the next
// one: a few seconds, so that a slow origin never stalls a crowd.
func staleWhileRevalidate(sharedMaxAge int) int { return max(4, 2*sharedMaxAge) }

// edgeBearer is the admin token CloudFront passes as X-Caja-Authorization
// on the poll path: a cached behaviour forwards Authorization only when it
// is in the cache key, which would give every phone a copy of its own
// (deploy/terraform, s3-cloudfront). It opens nothing Authorization would
// not: it is the same bearer token.
func edgeBearer(c *gin.Context) string {
	h := c.GetHeader("X-Caja-Authorization")
	if len(h) > 7 && strings.EqualFold(h[:7], "bearer ") {
		return strings.TrimSpace(h[7:])
	}
	return ""
}
