package httpapi

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"sync"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/cajalive/caja"
)

// Limiter is a shared rate limiter (Redis in production).
type Limiter interface {
	Allow(ctx context.Context, key string, rate int, period time.Duration) (allowed bool, retryAfter time.Duration, err error)
}

// RateConfig are the request rates; 0 turns a limit off.
type RateConfig struct {
	// JoinPerSecond per client address: a venue puts thousands of phones
	// behind one public address, so it must let 2,000 people in within a
	// minute from one address.
	JoinPerSecond int `env:"CAJA_JOIN_RATE" envDefault:"100"`
	// AnswerPerSecond per participant, for answers and questions.
	AnswerPerSecond int `env:"CAJA_ANSWER_RATE" envDefault:"5"`
	// CreatePerMinute per client address, for new sessions.
	CreatePerMinute int `env:"CAJA_CREATE_RATE" envDefault:"30"`
}

type rateKey func(c *gin.Context) string

func byClientIP(c *gin.Context) string { return c.ClientIP() }

// byParticipant keys by the hash of the bearer token, never the token itself.
func byParticipant(c *gin.Context) string {
	t := bearer(c)
	if t == "" {
		return ""
	}
	h := sha256.Sum256([]byte(t))
	return hex.EncodeToString(h[:16])
}

// rateLimit answers 429 with Retry-After when key's budget is spent. When the
// limiter itself fails (Redis down), requests pass: commands must keep
// working on Postgres alone.
//
// With quiet set, a key's first request after a quiet period passes without
// asking Redis: a participant answers once per question, so most answers
// never need the shared limiter, while one who sends several within a
// period is counted in Redis from the second on (letting through at most
// one request more per replica than the limit).
func (a *API) rateLimit(name string, rate int, period time.Duration, key rateKey, quiet *quietKeys) gin.HandlerFunc {
	return func(c *gin.Context) {
		if a.limiter == nil || rate <= 0 {
			c.Next()
			return
		}
		k := key(c)
		if k == "" {
			c.Next()
			return
		}
		if quiet != nil && quiet.first(k, time.Now()) {
			c.Next()
			return
		}
		ok, retry, err := a.limiter.Allow(c.Request.Context(), name+":"+k, rate, period)
		if err != nil {
			logger(c).Warn("rate limiter unavailable; letting the request through", "err", err)
			c.Next()
			return
		}
		if !ok {
			fail(c, &caja.Error{Kind: caja.TooManyRequests, Message: "too many requests; slow down and retry shortly", RetryAfter: retry})
			return
		}
		c.Next()
	}
}

// quietKeys remembers when each key was last seen, for one period.
type quietKeys struct {
	period time.Duration
	mu     sync.Mutex
	seen   map[string]time.Time
	swept  time.Time
}

func newQuietKeys(period time.Duration) *quietKeys {
	return &quietKeys{period: period, seen: make(map[string]time.Time)}
}

// first records a request of key and reports whether the key had been
// quiet for a whole period before it.
func (q *quietKeys) first(key string, now time.Time) bool {
	q.mu.Lock()
	defer q.mu.Unlock()
	if now.Sub(q.swept) > q.period { // forget the keys that went quiet
		for k, t := range q.seen {
			if now.Sub(t) > q.period {
				delete(q.seen, k)
			}
		}
		q.swept = now
	}
	last, ok := q.seen[key]
	q.seen[key] = now
	return !ok || now.Sub(last) > q.period
}
