package readmodel

import (
	"context"
	"fmt"
	"time"

	"github.com/go-redis/redis_rate/v10"

	"github.com/cajalive/caja"
)

// RateLimiter enforces request rates in Redis (GCRA), so limits hold across
// every replica.
type RateLimiter struct {
	limiter *redis_rate.Limiter
	prefix  string
}

// NewRateLimiter returns a limiter on r.
func NewRateLimiter(r *Redis) *RateLimiter {
	return &RateLimiter{limiter: redis_rate.NewLimiter(r.Client), prefix: r.Keys.Prefix + "rate:"}
}

// Allow takes cost requests from key's budget. It returns how long to wait
// when the budget is spent.
func (l *RateLimiter) Allow(ctx context.Context, key string, limit caja.RateLimit, cost int) (bool, time.Duration, error) {
	res, err := l.limiter.AllowN(ctx, l.prefix+key, redis_rate.Limit{Rate: limit.Rate, Burst: limit.BurstOrRate(), Period: limit.Period}, cost)
	if err != nil {
		return true, 0, fmt.Errorf("rate limit: %w", err)
	}
	return res.Allowed > 0, res.RetryAfter, nil
}
