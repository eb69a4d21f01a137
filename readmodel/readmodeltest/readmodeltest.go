// Package readmodeltest gives each test its own key prefix on the real Redis
// server, so tests can run in parallel on one Redis and clean up after
// themselves.
package readmodeltest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"os"
	"testing"

	"github.com/redis/go-redis/v9"

	"github.com/cajalive/caja/readmodel"
)

// DefaultURL is the Redis tests use unless CAJA_TEST_REDIS_URL says
// otherwise.
const DefaultURL = "redis://127.0.0.1:6379/0"

// ServerURL is the Redis server tests run against.
func ServerURL() string {
	if u := os.Getenv("CAJA_TEST_REDIS_URL"); u != "" {
		return u
	}
	return DefaultURL
}

// NewPrefix returns a key prefix no other test uses.
func NewPrefix() string {
	var b [6]byte
	_, _ = rand.Read(b[:])
	return "test-" + hex.EncodeToString(b[:]) + ":caja:"
}

// Config returns a read-model config for a fresh prefix.
func Config() readmodel.Config {
	return readmodel.Config{RedisURL: ServerURL(), Prefix: NewPrefix()}
}

// NewRedis connects with a fresh prefix and deletes its keys afterwards.
func NewRedis(tb testing.TB) *readmodel.Redis {
	tb.Helper()
	r, err := readmodel.Open(context.Background(), Config())
	if err != nil {
		tb.Fatalf("connect test redis: %v", err)
	}
	tb.Cleanup(func() {
		DeletePrefix(tb, r)
		_ = r.Close()
	})
	return r
}

// DeletePrefix removes every key under r's prefix: the test's own FLUSHALL.
func DeletePrefix(tb testing.TB, r *readmodel.Redis) {
	tb.Helper()
	ctx := context.Background()
	var keys []string
	err := r.ScanEach(ctx, r.Keys.Prefix+"*", func(_ context.Context, page []string) error {
		keys = append(keys, page...)
		return nil
	})
	if err != nil {
		tb.Fatalf("scan test keys: %v", err)
	}
	if len(keys) == 0 {
		return
	}
	if !r.Clustered() {
		// One DEL: the flush is one moment, as a FLUSHALL is.
		err = r.Client.Del(ctx, keys...).Err()
	} else {
		// On a cluster the keys sit in many slots: one DEL each.
		_, err = r.Client.Pipelined(ctx, func(p redis.Pipeliner) error {
			for _, k := range keys {
				p.Del(ctx, k)
			}
			return nil
		})
	}
	if err != nil {
		tb.Fatalf("delete test keys: %v", err)
	}
}
