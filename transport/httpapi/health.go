package httpapi

import (
	"context"
	"net/http"
	"sync/atomic"
	"time"

	"github.com/gin-gonic/gin"
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
		c.JSON(http.StatusServiceUnavailable, gin.H{"status": "shutting down"})
		return
	}
	ctx, cancel := context.WithTimeout(c.Request.Context(), time.Second)
	defer cancel()
	checks := gin.H{}
	ok := true
	for _, chk := range h.checks {
		if err := chk.Ping(ctx); err != nil {
			checks[chk.Name()] = "down"
			ok = false
		} else {
			checks[chk.Name()] = "up"
		}
	}
	status := http.StatusOK
	word := "ready"
	if !ok {
		status = http.StatusServiceUnavailable
		word = "not ready"
	}
	c.JSON(status, gin.H{"status": word, "checks": checks})
}
