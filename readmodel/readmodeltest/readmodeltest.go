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
	iter := r.Client.Scan(ctx, 0, r.Keys.Prefix+"*", 1000).Iterator()
	var keys []string
	for iter.Next(ctx) {
		keys = append(keys, iter.Val())
	}
	if err := iter.Err(); err != nil {
		tb.Fatalf("scan test keys: %v", err)
	}
	if len(keys) > 0 {
		if err := r.Client.Del(ctx, keys...).Err(); err != nil {
			tb.Fatalf("delete test keys: %v", err)
		}
	}
}
