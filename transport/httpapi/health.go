package httpapi

import (
	"context"
	"encoding/json"
	"errors"
	"net"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/cajalive/caja"
)

// Checker is a dependency /readyz pings (Postgres, Redis).
type Checker interface {
	Name() string
	Ping(ctx context.Context) error
}

// CheckFunc adapts a function to Checker.
type CheckFunc struct {
	N string
	F func(ctx context.Context) error
}

func (c CheckFunc) Name() string                   { return c.N }
func (c CheckFunc) Ping(ctx context.Context) error { return c.F(ctx) }

// Health serves /health, /livez and /readyz. Draining flips /readyz to 503
// at the first moment of shutdown, so load balancers stop sending traffic
// while in-flight requests finish.
type Health struct {
	checks   []Checker
	draining atomic.Bool
}

// NewHealth returns a Health over the given checks.
func NewHealth(checks ...Checker) *Health { return &Health{checks: checks} }

// Drain marks the process as shutting down.
func (h *Health) Drain() { h.draining.Store(true) }

func (h *Health) register(r *gin.Engine) {
	// Health is about this instance now: never from a cache.
	r.GET("/health", func(c *gin.Context) {
		c.Writer.Header()["Cache-Control"] = noStore
		c.JSON(http.StatusOK, gin.H{"status": "healthy", "timestamp": time.Now().UTC()})
	})
	r.GET("/livez", func(c *gin.Context) {
		c.Writer.Header()["Cache-Control"] = noStore
		c.JSON(http.StatusOK, gin.H{"status": "ok"})
	})
	r.GET("/readyz", h.ready)
}

func (h *Health) ready(c *gin.Context) {
	c.Header("Cache-Control", "no-store")
	if h.draining.Load() {
		body, _ := json.Marshal(gin.H{"type": problemType(http.StatusServiceUnavailable), "title": "shutting down", "status": http.StatusServiceUnavailable, "code": caja.CodeUnavailable, "detail": "this replica is shutting down"})
		c.Data(http.StatusServiceUnavailable, "application/problem+json", body)
		return
	}
	// Each dependency is asked at once with a budget of its own, so one that
	// hangs neither delays the answer past a second nor hides the state of
	// the other; a hang ("timeout") is told apart from a refusal ("down").
	results := make([]string, len(h.checks))
	reasons := make([]string, len(h.checks))
	var wg sync.WaitGroup
	for i, chk := range h.checks {
		wg.Add(1)
		go func() {
			defer wg.Done()
			ctx, cancel := context.WithTimeout(c.Request.Context(), time.Second)
			defer cancel()
			err := chk.Ping(ctx)
			var rr interface{ ReadyReason() string }
			if errors.As(err, &rr) {
				reasons[i] = rr.ReadyReason()
			}
			switch {
			case err == nil:
				results[i] = "up"
			case errors.Is(err, context.DeadlineExceeded) || ctx.Err() != nil || isTimeout(err):
				results[i] = "timeout"
			default:
				results[i] = "down"
			}
		}()
	}
	wg.Wait()
	checks := gin.H{}
	var why []string
	for i, chk := range h.checks {
		checks[chk.Name()] = results[i]
		if results[i] != "up" {
			if reasons[i] == "" {
				reasons[i] = chk.Name() + " is " + results[i]
			}
			why = append(why, reasons[i])
		}
	}
	if len(why) == 0 {
		c.JSON(http.StatusOK, gin.H{"status": "ready", "checks": checks})
		return
	}
	// A problem document (the reason in detail) that still lists every
	// check, as the 200 does.
	body, _ := json.Marshal(gin.H{
		"type": problemType(http.StatusServiceUnavailable), "title": "not ready", "status": http.StatusServiceUnavailable, "code": caja.CodeUnavailable,
		"detail": strings.Join(why, "; "), "checks": checks,
	})
	c.Data(http.StatusServiceUnavailable, "application/problem+json", body)
}

func isTimeout(err error) bool {
	var ne net.Error
	return errors.As(err, &ne) && ne.Timeout()
}
