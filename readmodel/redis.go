package readmodel

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/alicebob/miniredis/v2"
	"github.com/redis/go-redis/v9"
)

// Config selects the Redis behind the read model.
type Config struct {
	// RedisURL is a redis:// or rediss:// URL; empty starts the embedded,
	// in-process Redis on EmbeddedAddr.
	RedisURL     string `env:"REDIS_URL"`
	EmbeddedAddr string `env:"CAJA_EMBEDDED_REDIS_ADDR" envDefault:"127.0.0.1:6390"`
	Prefix       string `env:"CAJA_REDIS_PREFIX" envDefault:"caja:"`
	// ExportMaxBytes caps one session's export copy in Redis.
	ExportMaxBytes int64 `env:"CAJA_EXPORT_MAX_BYTES" envDefault:"67108864"`
}

// Redis is the read model's connection, and the embedded server when there
// is one.
type Redis struct {
	Client   *redis.Client
	Keys     Keys
	embedded *miniredis.Miniredis
	stop     chan struct{}
	wg       sync.WaitGroup
}

// Open connects to Redis, or starts the embedded server when no URL is set.
// Timeouts are short on purpose: a slow Redis must turn into a quick 503, not
// a pile of waiting requests.
func Open(ctx context.Context, cfg Config) (*Redis, error) {
	r := &Redis{Keys: Keys{Prefix: cfg.Prefix}, stop: make(chan struct{})}
	var opts *redis.Options
	if cfg.RedisURL == "" {
		m := miniredis.NewMiniRedis()
		if err := m.StartAddr(cfg.EmbeddedAddr); err != nil {
			return nil, fmt.Errorf("start embedded redis on %s: %w", cfg.EmbeddedAddr, err)
		}
		r.embedded = m
		opts = &redis.Options{Addr: m.Addr()}
		// miniredis does not expire keys by itself: advance its clock.
		r.wg.Add(1)
		go r.tick(m)
	} else {
		var err error
		opts, err = redis.ParseURL(cfg.RedisURL)
		if err != nil {
			return nil, fmt.Errorf("parse REDIS_URL: %w", err)
		}
	}
	opts.DialTimeout = time.Second
	opts.ReadTimeout = 500 * time.Millisecond
	opts.WriteTimeout = 500 * time.Millisecond
	opts.PoolTimeout = 500 * time.Millisecond
	opts.MaxRetries = -1 // no retries: a slow or absent Redis must fail fast
	if opts.DialerRetries == 0 {
		// go-redis dials five times, 100 ms apart, by default: 400 ms
		// before a poll learns that Redis is down.
		opts.DialerRetries = 1
	}
	opts.ContextTimeoutEnabled = true
	r.Client = redis.NewClient(opts)
	pingCtx, cancel := context.WithTimeout(ctx, 3*time.Second)
	defer cancel()
	if err := r.Client.Ping(pingCtx).Err(); err != nil {
		_ = r.Close()
		return nil, fmt.Errorf("connect redis: %w", err)
	}
	return r, nil
}

func (r *Redis) tick(m *miniredis.Miniredis) {
	defer r.wg.Done()
	t := time.NewTicker(time.Second)
	defer t.Stop()
	for {
		select {
		case <-r.stop:
			return
		case <-t.C:
			m.FastForward(time.Second)
		}
	}
}

// Embedded reports whether this is the in-process Redis.
func (r *Redis) Embedded() bool { return r.embedded != nil }

// Describe says which Redis this is, without credentials.
func (r *Redis) Describe() string {
	if r.embedded != nil {
		return "embedded Redis on " + r.embedded.Addr()
	}
	return "Redis"
}

// Ping checks that Redis answers.
func (r *Redis) Ping(ctx context.Context) error {
	if err := r.Client.Ping(ctx).Err(); err != nil {
		return fmt.Errorf("ping redis: %w", err)
	}
	return nil
}

// Close closes the client and stops the embedded server.
func (r *Redis) Close() error {
	err := r.Client.Close()
	if r.embedded != nil {
		close(r.stop)
		r.wg.Wait()
		r.embedded.Close()
	}
	return err
}
