package readmodel

import (
	"context"
	"errors"
	"log/slog"
	"strings"
	"sync"
	"time"

	"github.com/redis/go-redis/v9"
)

// configProblems are Redis errors that mean Caja talks to its Redis the
// wrong way (a setting to fix), not that Redis is down: retrying never
// helps, so each is logged once, loudly, naming the setting.
var configProblems = []struct{ prefix, advice string }{
	{"MOVED", "Redis is a cluster: set CAJA_REDIS_MODE=cluster and REDIS_URL=redis://host1:port1?addr=host2:port2"},
	{"CROSSSLOT", "a command touched keys of several hash slots: check CAJA_REDIS_MODE=cluster and CAJA_REDIS_PREFIX (it must not contain { or })"},
	{"READONLY", "REDIS_URL points at a replica: point it at the primary, or at the sentinels with CAJA_REDIS_MODE=sentinel"},
	{"NOSCRIPT", "Redis refused a script Caja loaded: check that REDIS_URL names one Redis deployment (CAJA_REDIS_MODE)"},
	{"ERR unknown command", "REDIS_URL points at a Redis Sentinel: set CAJA_REDIS_MODE=sentinel and REDIS_URL=redis://sentinel1:26379?addr=sentinel2:26379&master_name=NAME"},
	{"ERR This instance has cluster support disabled", "Redis is not a cluster: set CAJA_REDIS_MODE=single (or sentinel)"},
}

// configProblemWindow is how long a configuration error keeps /readyz at 503
// after it was last seen.
const configProblemWindow = 10 * time.Second

// configErrors logs each configuration problem once and remembers the last
// one for /readyz.
type configErrors struct {
	log *slog.Logger
	// sentinel: READONLY is the moment of a failover, not a setting.
	sentinel bool
	logged   sync.Map // prefix -> true
	mu       sync.Mutex
	last     string
	lastAt   time.Time
}

// ConfigAdvice returns the setting to fix when err is a configuration
// problem rather than an outage, and "" otherwise.
func ConfigAdvice(err error) string {
	if err == nil || errors.Is(err, redis.Nil) {
		return ""
	}
	msg := err.Error()
	for _, p := range configProblems {
		if strings.HasPrefix(msg, p.prefix) || strings.Contains(msg, ": "+p.prefix) {
			return p.advice
		}
	}
	return ""
}

func (c *configErrors) note(err error) {
	advice := ConfigAdvice(err)
	if advice == "" || (c.sentinel && strings.Contains(err.Error(), "READONLY")) {
		return
	}
	c.mu.Lock()
	c.last, c.lastAt = advice, time.Now()
	c.mu.Unlock()
	if _, seen := c.logged.LoadOrStore(advice, true); !seen {
		log := c.log
		if log == nil {
			log = slog.Default()
		}
		log.Error("Redis configuration problem: "+advice, "component", "redis", "err", err)
	}
}

// recent is the last configuration problem seen within the window, or "".
func (c *configErrors) recent() string {
	c.mu.Lock()
	defer c.mu.Unlock()
	if time.Since(c.lastAt) > configProblemWindow {
		return ""
	}
	return c.last
}

// configHook watches every command's error for configuration problems.
type configHook struct{ c *configErrors }

func (h configHook) DialHook(next redis.DialHook) redis.DialHook { return next }

func (h configHook) ProcessHook(next redis.ProcessHook) redis.ProcessHook {
	return func(ctx context.Context, cmd redis.Cmder) error {
		err := next(ctx, cmd)
		// A script run by its SHA falls back to EVAL on NOSCRIPT (go-redis'
		// Script.Run, redis_rate): that one is routine.
		if err != nil && (cmd.Name() != "evalsha" || !strings.HasPrefix(err.Error(), "NOSCRIPT")) {
			h.c.note(err)
		}
		return err
	}
}

func (h configHook) ProcessPipelineHook(next redis.ProcessPipelineHook) redis.ProcessPipelineHook {
	return func(ctx context.Context, cmds []redis.Cmder) error {
		err := next(ctx, cmds)
		if err != nil {
			h.c.note(err)
			for _, cmd := range cmds {
				if e := cmd.Err(); e != nil && e != err {
					h.c.note(e)
				}
			}
		}
		return err
	}
}

// NoteError logs err once when it is a configuration problem (the hook
// sees every command; this is for errors callers assemble themselves).
func (r *Redis) NoteError(err error) { r.confErrs.note(err) }

// SetLogger sets where configuration problems are logged.
func (r *Redis) SetLogger(log *slog.Logger) { r.confErrs.log = log }
