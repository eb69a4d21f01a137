package httpapi

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"log/slog"
	"net/http"
	"sync"
	"sync/atomic"
	"time"

	"github.com/gin-gonic/gin"
	"golang.org/x/time/rate"

	"github.com/cajalive/caja"
)

// Limiter is a shared rate limiter (Redis in production).
type Limiter interface {
	Allow(ctx context.Context, key string, limit caja.RateLimit, cost int) (allowed bool, retryAfter time.Duration, err error)
}

// RateConfig are the request rates; 0 turns a limit off.
type RateConfig struct {
	// JoinPerSecond per client address: a venue puts thousands of phones
	// behind one public address, so it must let 2,000 people in within a
	// minute from one address.
	JoinPerSecond int `env:"CAJA_JOIN_RATE" envDefault:"100"`
	// AnswerPerSecond per participant, for answers and questions.
	AnswerPerSecond int `env:"CAJA_ANSWER_RATE" envDefault:"5"`
	// VotePerSecond per participant, for upvotes and their removal: a
	// toggle costs a projection of the whole Q&A.
	VotePerSecond int `env:"CAJA_VOTE_RATE" envDefault:"5"`
	// ReactionPerSecond per participant, for reactions.
	ReactionPerSecond int `env:"CAJA_REACTION_RATE" envDefault:"2"`
	// CreatePerMinute per client address, for new sessions.
	CreatePerMinute int `env:"CAJA_CREATE_RATE" envDefault:"30"`
	// LookupPerSecond and LookupBurst per client address, for join codes
	// (GET /join/{code}); a code that opens nothing costs LookupMissCost,
	// so guessing codes is slow while a venue's phones typing the right
	// one pass.
	LookupPerSecond int `env:"CAJA_JOIN_LOOKUP_RATE" envDefault:"10"`
	LookupBurst     int `env:"CAJA_JOIN_LOOKUP_BURST" envDefault:"30"`
	LookupMissCost  int `env:"CAJA_JOIN_LOOKUP_MISS_COST" envDefault:"5"`
	// LoginPerMinute per client address and LoginAccountPerMinute per
	// account (email), for sign-in and sign-up attempts: guessing a
	// password is slow from one address and against one account.
	LoginPerMinute        int `env:"CAJA_LOGIN_RATE" envDefault:"20"`
	LoginAccountPerMinute int `env:"CAJA_LOGIN_ACCOUNT_RATE" envDefault:"10"`
}

type rateKey func(c *gin.Context) string

func byClientIP(c *gin.Context) string { return clientIP(c) }

// byParticipant keys by the hash of the bearer token, never the token itself.
func byParticipant(c *gin.Context) string {
	t := bearer(c)
	if t == "" {
		return ""
	}
	h := sha256.Sum256([]byte(t))
	return hex.EncodeToString(h[:16])
}

// rateRule is one rate limit of a route class.
type rateRule struct {
	name  string
	limit caja.RateLimit
	key   rateKey
	// quiet lets a key's first request after a quiet period pass without
	// asking Redis: a participant answers once per question, so most
	// answers never need the shared limiter.
	quiet *quietKeys
	// missCost is what a request answered 404 costs in all (0: 1).
	missCost int
}

// rateLimit answers 429 with Retry-After when key's budget is spent.
//
// Every request is first counted by an in-process limiter with the same
// budget, which is exact on this replica and needs no round trip; what it
// allows is then counted in Redis, where the budget holds across replicas.
// When Redis is unreachable the in-process limit alone decides, so a limit
// never fails open while commands keep working on Postgres.
func (a *API) rateLimit(rule rateRule) gin.HandlerFunc {
	if a.limiter == nil || rule.limit.Rate <= 0 {
		return func(c *gin.Context) { c.Next() }
	}
	check, local := a.rateCheck(rule)
	return func(c *gin.Context) {
		k := rule.key(c)
		if k == "" {
			c.Next()
			return
		}
		if !check(c, k) {
			return
		}
		c.Next()
		if rule.missCost > 1 && c.Writer.Status() == http.StatusNotFound {
			extra := rule.missCost - 1
			local.allow(k, time.Now(), extra)
			_, _, _ = a.limiter.Allow(context.WithoutCancel(c.Request.Context()), rule.name+":"+k, rule.limit, extra)
		}
	}
}

// rateCheck is rateLimit's count of one request of key k, for a handler
// that knows its key only after reading the body (a sign-in's account):
// false when it answered 429. rule.key is not used.
func (a *API) rateCheck(rule rateRule) (func(c *gin.Context, k string) bool, *localLimiter) {
	if a.limiter == nil || rule.limit.Rate <= 0 {
		return func(*gin.Context, string) bool { return true }, nil
	}
	local := newLocalLimiter(rule.limit, 100_000)
	return func(c *gin.Context, k string) bool {
		if ok, retry := local.allow(k, time.Now(), 1); !ok {
			tooMany(c, retry)
			return false
		}
		if rule.quiet == nil || !rule.quiet.first(k, time.Now()) {
			ok, retry, err := a.limiter.Allow(c.Request.Context(), rule.name+":"+k, rule.limit, 1)
			if err != nil {
				a.limiterDown.warn(logger(c), err)
			} else if !ok {
				tooMany(c, retry)
				return false
			}
		}
		return true
	}, local
}

func tooMany(c *gin.Context, retry time.Duration) {
	fail(c, &caja.Error{Kind: caja.TooManyRequests, Message: "too many requests; slow down and retry shortly", RetryAfter: retry})
}

// onceEvery logs a recurring warning at most once per period, so an outage
// of the shared limiter is one line every few seconds, not one per request.
type onceEvery struct {
	period time.Duration
	last   atomic.Int64
}

func (o *onceEvery) warn(log *slog.Logger, err error) {
	now := time.Now().UnixNano()
	last := o.last.Load()
	if now-last < int64(o.period) || !o.last.CompareAndSwap(last, now) {
		return
	}
	log.Warn("shared rate limiter unavailable; limits hold per replica until it is back", "err", err)
}

// localLimiter is one budget per key in this process (golang.org/x/time/rate
// token buckets), for at most maxKeys keys: keys idle for a whole burst's
// worth of time are forgotten (a full bucket is what a new key gets anyway).
type localLimiter struct {
	limit   rate.Limit
	burst   int
	idle    time.Duration
	maxKeys int

	mu      sync.Mutex
	buckets map[string]*bucket
	swept   time.Time
}

type bucket struct {
	lim  *rate.Limiter
	last time.Time
}

func newLocalLimiter(l caja.RateLimit, maxKeys int) *localLimiter {
	every := l.Period / time.Duration(l.Rate)
	burst := l.BurstOrRate()
	return &localLimiter{limit: rate.Every(every), burst: burst, idle: every * time.Duration(burst), maxKeys: maxKeys, buckets: make(map[string]*bucket)}
}

// allow takes n from key's bucket; when it cannot, it says how long until
// it could (nothing is taken then).
func (l *localLimiter) allow(key string, now time.Time, n int) (bool, time.Duration) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if now.Sub(l.swept) > l.idle || len(l.buckets) >= l.maxKeys {
		for k, b := range l.buckets {
			if now.Sub(b.last) > l.idle {
				delete(l.buckets, k)
			}
		}
		if len(l.buckets) >= l.maxKeys { // all busy: start over rather than grow
			clear(l.buckets)
		}
		l.swept = now
	}
	b, ok := l.buckets[key]
	if !ok {
		b = &bucket{lim: rate.NewLimiter(l.limit, l.burst)}
		l.buckets[key] = b
	}
	b.last = now
	r := b.lim.ReserveN(now, n)
	if !r.OK() {
		return false, l.idle
	}
	if d := r.DelayFrom(now); d > 0 {
		r.CancelAt(now)
		return false, d
	}
	return true, 0
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
