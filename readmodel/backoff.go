package readmodel

import (
	"context"
	"errors"
	"net"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/redis/go-redis/v9"
)

// sessionBackoff holds the sessions whose projection failed: their outbox
// rows wait while the others' are projected, and each is tried again, as a
// whole, after a delay that doubles with every failure.
type sessionBackoff struct {
	mu sync.Mutex
	m  map[string]*failingSession
}

type failingSession struct {
	attempts int
	until    time.Time
}

const (
	firstSessionRetry = 250 * time.Millisecond
	maxSessionRetry   = 30 * time.Second
)

func newSessionBackoff() *sessionBackoff { return &sessionBackoff{m: map[string]*failingSession{}} }

// fail records a failure and says when the session is tried again.
func (b *sessionBackoff) fail(id string, now time.Time) (attempts int, wait time.Duration) {
	b.mu.Lock()
	defer b.mu.Unlock()
	f := b.m[id]
	if f == nil {
		f = &failingSession{}
		b.m[id] = f
	}
	f.attempts++
	wait = firstSessionRetry << min(f.attempts-1, 10)
	wait = min(wait, maxSessionRetry)
	f.until = now.Add(wait)
	return f.attempts, wait
}

func (b *sessionBackoff) ok(id string) {
	b.mu.Lock()
	defer b.mu.Unlock()
	delete(b.m, id)
}

// waiting lists sessions still backing off, at most limit.
func (b *sessionBackoff) waiting(now time.Time, limit int) []string {
	b.mu.Lock()
	defer b.mu.Unlock()
	var out []string
	for id, f := range b.m {
		if len(out) == limit {
			break
		}
		if now.Before(f.until) {
			out = append(out, id)
		}
	}
	return out
}

// due lists sessions whose delay is over, at most limit, longest waiting
// first.
func (b *sessionBackoff) due(now time.Time, limit int) []string {
	b.mu.Lock()
	defer b.mu.Unlock()
	var out []string
	for id, f := range b.m {
		if !now.Before(f.until) {
			out = append(out, id)
		}
	}
	slices.SortFunc(out, func(x, y string) int { return b.m[x].until.Compare(b.m[y].until) })
	if len(out) > limit {
		out = out[:limit]
	}
	return out
}

func (b *sessionBackoff) len() int {
	b.mu.Lock()
	defer b.mu.Unlock()
	return len(b.m)
}

func (b *sessionBackoff) reset() {
	b.mu.Lock()
	defer b.mu.Unlock()
	clear(b.m)
}

// noteSessions records what a projection did to each session: failures
// back off (counted and logged, with the delay growing, so a session that
// keeps failing logs ever more rarely), successes end their backoff.
func (p *Projector) noteSessions(res *projection) {
	now := time.Now()
	for id := range res.versions {
		p.backoff.ok(id)
	}
	for _, id := range res.absent {
		p.backoff.ok(id)
	}
	for id, err := range res.failed {
		attempts, wait := p.backoff.fail(id, now)
		p.metrics.sessionFailed(failureReason(err))
		p.log.Warn("session projection failed; its changes wait, the other sessions' do not", "session_id", id, "attempts", attempts, "retry_in", wait.String(), "err", err)
	}
	p.metrics.setBackingOff(p.backoff.len())
}

// retryFailedSessions re-projects, whole and each by a worker of its own,
// the sessions whose backoff is over (a few per pass).
func (p *Projector) retryFailedSessions(ctx context.Context) {
	p.startFull(ctx, p.backoff.due(time.Now(), retriesPerPass))
}

// retriesPerPass bounds the failed sessions retried between two batches.
const retriesPerPass = 20

// Reasons of projection failures (a metric label).
const (
	reasonTimeout  = "timeout"
	reasonRedis    = "redis"
	reasonDatabase = "database"
	reasonRender   = "render"
	reasonFenced   = "fenced"
	reasonConfig   = "redis_config"
)

func failureReason(err error) string {
	var netErr net.Error
	var redisErr redis.Error
	switch {
	case errors.Is(err, errFenced):
		return reasonFenced
	case errors.Is(err, context.DeadlineExceeded) || (errors.As(err, &netErr) && netErr.Timeout()):
		return reasonTimeout
	case ConfigAdvice(err) != "":
		return reasonConfig
	case strings.HasPrefix(err.Error(), "read:"):
		return reasonDatabase
	case strings.HasPrefix(err.Error(), "render:"):
		return reasonRender
	case errors.As(err, &redisErr) || errors.As(err, &netErr):
		return reasonRedis
	default:
		return reasonRedis
	}
}
