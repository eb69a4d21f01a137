package httpapi

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/gin-gonic/gin"
)

const (
	requestKey   = "caja.request"
	maxBodyBytes = 64 << 10
)

// requestInfo is what middleware records about a request for the handlers'
// logging. The logger carrying the request id is made only when something
// is logged: most requests (the 304 polls) log nothing.
type requestInfo struct {
	id   string
	base *slog.Logger
}

func (r *requestInfo) logger() *slog.Logger { return r.base.With("request_id", r.id) }

// requestIDs makes request ids: a random per-process prefix and a counter,
// unique without a system call per request.
type requestIDs struct {
	prefix [8]byte
	next   atomic.Uint64
}

func newRequestIDs() *requestIDs {
	g := &requestIDs{}
	var b [4]byte
	_, _ = rand.Read(b[:])
	hex.Encode(g.prefix[:], b[:])
	return g
}

func (g *requestIDs) new() string {
	var buf [8 + 16]byte
	copy(buf[:], g.prefix[:])
	n := strconv.AppendUint(buf[:8], g.next.Add(1), 16)
	return string(n)
}

// requestID takes a sane incoming X-Request-Id or makes one.
func requestID(base *slog.Logger) gin.HandlerFunc {
	ids := newRequestIDs()
	return func(c *gin.Context) {
		id := c.GetHeader("X-Request-Id")
		if !saneRequestID(id) {
			id = ids.new()
		}
		c.Set(requestKey, &requestInfo{id: id, base: base})
		c.Writer.Header()["X-Request-Id"] = []string{id}
		c.Next()
	}
}

func saneRequestID(id string) bool {
	if id == "" || len(id) > 64 {
		return false
	}
	for _, r := range id {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_') {
			return false
		}
	}
	return true
}

// accessLog writes one JSON line per request. It logs the path, never the
// query string (display keys travel there) nor any header. Successful 304s of
// the polling endpoint are the bulk of all traffic: they are logged only at
// debug level, and counted in metrics instead. A 5xx is this one line, at
// ERROR, with the cause its handler recorded (c.Error); a client's mistake
// (4xx) is not an error of ours and stays at INFO, without its cause.
func accessLog(base *slog.Logger) gin.HandlerFunc {
	return func(c *gin.Context) {
		start := time.Now()
		c.Next()
		status := c.Writer.Status()
		level := slog.LevelInfo
		switch {
		case status >= 500:
			level = slog.LevelError
		case status == http.StatusNotModified:
			level = slog.LevelDebug
		}
		if !base.Enabled(c.Request.Context(), level) {
			return
		}
		id := ""
		if info, ok := c.Get(requestKey); ok {
			id = info.(*requestInfo).id
		}
		path := c.Request.URL.Path
		if strings.Contains(c.FullPath(), ":token") {
			path = c.FullPath() // the path carries a secret (an invitation)
		}
		attrs := []slog.Attr{
			slog.String("method", c.Request.Method),
			slog.String("path", path),
			slog.String("route", c.FullPath()),
			slog.Int("status", status),
			slog.Int("bytes", c.Writer.Size()),
			slog.Duration("duration", time.Since(start)),
			slog.String("client", clientIP(c)),
			slog.String("request_id", id),
		}
		if e := c.Errors.Last(); e != nil && status >= 500 {
			attrs = append(attrs, slog.String("err", e.Err.Error()))
		}
		base.LogAttrs(c.Request.Context(), level, "request", attrs...)
	}
}

// recovery turns a panic into a 500 problem without internals.
func recovery() gin.HandlerFunc {
	return func(c *gin.Context) {
		defer func() {
			if r := recover(); r != nil {
				if r == http.ErrAbortHandler {
					panic(r)
				}
				_ = c.Error(fmt.Errorf("panic: %v", r))
				if !c.Writer.Written() {
					writeProblem(c, http.StatusInternalServerError, "something went wrong on our side", nil)
				}
				c.Abort()
			}
		}()
		c.Next()
	}
}

// commandDeadline gives every write request (a command) a deadline; the
// database driver cancels its statement when it passes (pgx sends Postgres
// a cancel request), and the command answers 503 with Retry-After. Reads
// have their own, shorter Redis timeouts.
func commandDeadline(d time.Duration) gin.HandlerFunc {
	return func(c *gin.Context) {
		// An image upload sets its own, once its body is in (uploadImage).
		if d <= 0 || c.Request.Method == http.MethodGet || c.Request.Method == http.MethodHead || c.Request.Method == http.MethodOptions || c.FullPath() == imageUploadPath {
			c.Next()
			return
		}
		ctx, cancel := context.WithTimeout(c.Request.Context(), d)
		defer cancel()
		c.Request = c.Request.WithContext(ctx)
		c.Next()
	}
}

// limitBody caps request bodies at 64 KiB, an image upload's at a little
// over 5 MB.
func limitBody() gin.HandlerFunc {
	return func(c *gin.Context) {
		if c.Request.Body != nil && c.Request.Body != http.NoBody {
			limit := int64(maxBodyBytes)
			if c.FullPath() == imageUploadPath {
				limit = maxImageBodyBytes
			}
			c.Request.Body = http.MaxBytesReader(c.Writer, c.Request.Body, limit)
		}
		c.Next()
	}
}

// HostPolicy matches Host headers against ALLOWED_HOSTS entries the way
// Starlette's TrustedHostMiddleware does: host names without the port, "*"
// for any, "*.example.com" for subdomains.
type HostPolicy struct {
	any      bool
	exact    map[string]bool
	suffixes []string
}

// NewHostPolicy builds a policy from patterns.
func NewHostPolicy(patterns []string) HostPolicy {
	if len(patterns) == 0 {
		patterns = []string{"localhost", "127.0.0.1", "::1"}
	}
	p := HostPolicy{exact: make(map[string]bool)}
	for _, h := range patterns {
		h = strings.ToLower(strings.TrimSpace(h))
		switch {
		case h == "":
		case h == "*":
			p.any = true
		case strings.HasPrefix(h, "*."):
			p.suffixes = append(p.suffixes, h[1:])
		default:
			p.exact[strings.Trim(h, "[]")] = true
		}
	}
	return p
}

// Allows reports whether a Host header value is allowed.
func (p HostPolicy) Allows(hostHeader string) bool {
	if p.any {
		return true
	}
	host := strings.ToLower(hostHeader)
	// Only a port after the name needs splitting (SplitHostPort allocates
	// an error for a bare name).
	if i := strings.LastIndexByte(host, ':'); i >= 0 && !strings.HasSuffix(host, "]") {
		if h, _, err := net.SplitHostPort(host); err == nil {
			host = h
		}
	}
	host = strings.Trim(host, "[]")
	if p.exact[host] {
		return true
	}
	for _, s := range p.suffixes {
		if strings.HasSuffix(host, s) {
			return true
		}
	}
	return false
}

var healthPaths = map[string]bool{"/health": true, "/livez": true, "/readyz": true, "/metrics": true}

// allowedHosts answers 400 for a Host that is not allowed; health endpoints
// are exempt because load balancers probe them by IP. Each refused name is
// logged once, so an operator learns what to add to ALLOWED_HOSTS without a
// line per request.
func allowedHosts(p HostPolicy, log *slog.Logger) gin.HandlerFunc {
	refused := newOnceSet(256)
	return func(c *gin.Context) {
		if healthPaths[c.Request.URL.Path] || p.Allows(c.Request.Host) {
			c.Next()
			return
		}
		if host := c.Request.Host; refused.add(host) && log != nil {
			log.Warn("refused a request for a host name that ALLOWED_HOSTS does not list; add it there (or set FRONTEND_URL) if phones should use it",
				"host", truncate(host, 100))
		}
		writeProblem(c, http.StatusBadRequest, "this host name is not allowed: the server's operator can add it to ALLOWED_HOSTS", nil)
	}
}

// onceSet remembers up to max keys; add reports whether a key is new. Past
// max it forgets everything, which bounds its memory against a client that
// sends a new Host with every request (at worst one more log line each).
type onceSet struct {
	mu   sync.Mutex
	max  int
	seen map[string]struct{}
}

func newOnceSet(max int) *onceSet { return &onceSet{max: max, seen: make(map[string]struct{})} }

func (s *onceSet) add(key string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.seen[key]; ok {
		return false
	}
	if len(s.seen) >= s.max {
		clear(s.seen)
	}
	s.seen[key] = struct{}{}
	return true
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}

// securityHeaders sets headers every response should carry. Referrer-Policy
// keeps admin and display links out of other sites' logs.
func securityHeaders() gin.HandlerFunc {
	return func(c *gin.Context) {
		h := c.Writer.Header()
		h["X-Content-Type-Options"] = nosniff
		h["Referrer-Policy"] = noReferrer
		c.Next()
	}
}

var (
	nosniff    = []string{"nosniff"}
	noReferrer = []string{"no-referrer"}
	noCache    = []string{"no-cache"}
	noStore    = []string{"no-store"}
)
