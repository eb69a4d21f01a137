package readmodel

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/alicebob/miniredis/v2"
	"github.com/redis/go-redis/v9"
)

// Redis deployment modes (CAJA_REDIS_MODE).
const (
	ModeSingle   = "single"
	ModeCluster  = "cluster"
	ModeSentinel = "sentinel"
)

// Config selects the Redis behind the read model.
type Config struct {
	// RedisURL is a redis:// or rediss:// URL; empty starts the embedded,
	// in-process Redis on EmbeddedAddr. In cluster mode it is go-redis'
	// ParseClusterURL form (redis://h1:p1?addr=h2:p2), in sentinel mode its
	// ParseFailoverURL form (redis://s1:p1?addr=s2:p2&master_name=NAME).
	RedisURL string `env:"REDIS_URL"`
	// Mode is single, cluster or sentinel (CAJA_REDIS_MODE).
	Mode string `env:"CAJA_REDIS_MODE" envDefault:"single"`
	// ReadFromReplicas lets reads (polls) go to replicas in cluster and
	// sentinel mode; they may lag the primary by a moment.
	ReadFromReplicas bool   `env:"CAJA_REDIS_READ_FROM_REPLICAS"`
	EmbeddedAddr     string `env:"CAJA_EMBEDDED_REDIS_ADDR" envDefault:"127.0.0.1:6390"`
	Prefix           string `env:"CAJA_REDIS_PREFIX" envDefault:"caja:"`
	// ExportMaxBytes caps one session's export copy in Redis.
	ExportMaxBytes int64 `env:"CAJA_EXPORT_MAX_BYTES" envDefault:"67108864"`
	// ProjectorCacheBytes bounds the snapshots the projector keeps between
	// batches (128 MiB by default).
	ProjectorCacheBytes int `env:"CAJA_PROJECTOR_CACHE_BYTES" envDefault:"134217728"`
}

// Redis is the read model's connection, and the embedded server when there
// is one.
type Redis struct {
	// Client is a *redis.Client (single), *redis.ClusterClient (cluster, or
	// sentinel reading from replicas) or a failover *redis.Client.
	Client   redis.UniversalClient
	Keys     Keys
	Mode     string
	embedded *miniredis.Miniredis
	stop     chan struct{}
	wg       sync.WaitGroup
	confErrs configErrors
	readyKey string
}

// connOptions points at the settings Caja defaults in every option type.
type connOptions struct {
	dial, read, write, pool *time.Duration
	retries, dialerRetries  *int
	ctxTimeout              *bool
}

// applyDefaults sets Caja's short timeouts and no-retry policy where the URL
// did not say otherwise: a slow Redis must turn into a quick 503, not a
// pile of waiting requests.
func applyDefaults(q url.Values, o connOptions) {
	set := func(name string, d *time.Duration, v time.Duration) {
		if !q.Has(name) {
			*d = v
		}
	}
	set("dial_timeout", o.dial, time.Second)
	set("read_timeout", o.read, 500*time.Millisecond)
	set("write_timeout", o.write, 500*time.Millisecond)
	set("pool_timeout", o.pool, 500*time.Millisecond)
	if !q.Has("max_retries") {
		*o.retries = -1 // no retries: a slow or absent Redis must fail fast
	}
	if !q.Has("dialer_retries") {
		// go-redis dials five times, 100 ms apart, by default: 400 ms
		// before a poll learns that Redis is down.
		*o.dialerRetries = 1
	}
	if !q.Has("context_timeout_enabled") {
		*o.ctxTimeout = true
	}
}

// ValidMode reports whether m is a CAJA_REDIS_MODE value.
func ValidMode(m string) bool { return m == ModeSingle || m == ModeCluster || m == ModeSentinel }

// newClient builds the client CAJA_REDIS_MODE asks for from REDIS_URL.
func newClient(cfg Config) (redis.UniversalClient, error) {
	u, err := url.Parse(cfg.RedisURL)
	if err != nil {
		return nil, fmt.Errorf("parse REDIS_URL: %w", err)
	}
	q := u.Query()
	switch cfg.Mode {
	case ModeCluster:
		o, err := redis.ParseClusterURL(cfg.RedisURL)
		if err != nil {
			return nil, fmt.Errorf("parse REDIS_URL as a cluster URL (CAJA_REDIS_MODE=cluster): %w", err)
		}
		applyDefaults(q, connOptions{&o.DialTimeout, &o.ReadTimeout, &o.WriteTimeout, &o.PoolTimeout, &o.MaxRetries, &o.DialerRetries, &o.ContextTimeoutEnabled})
		if cfg.ReadFromReplicas {
			o.ReadOnly, o.RouteRandomly = true, true
		}
		return redis.NewClusterClient(o), nil
	case ModeSentinel:
		o, err := redis.ParseFailoverURL(cfg.RedisURL)
		if err != nil {
			return nil, fmt.Errorf("parse REDIS_URL as a sentinel URL (CAJA_REDIS_MODE=sentinel): %w", err)
		}
		if o.MasterName == "" {
			return nil, errors.New("REDIS_URL: a sentinel URL needs master_name=NAME (CAJA_REDIS_MODE=sentinel)")
		}
		applyDefaults(q, connOptions{&o.DialTimeout, &o.ReadTimeout, &o.WriteTimeout, &o.PoolTimeout, &o.MaxRetries, &o.DialerRetries, &o.ContextTimeoutEnabled})
		if cfg.ReadFromReplicas {
			o.RouteRandomly = true
			return redis.NewFailoverClusterClient(o), nil
		}
		return redis.NewFailoverClient(o), nil
	default:
		o, err := redis.ParseURL(cfg.RedisURL)
		if err != nil {
			return nil, fmt.Errorf("parse REDIS_URL: %w", err)
		}
		applyDefaults(q, connOptions{&o.DialTimeout, &o.ReadTimeout, &o.WriteTimeout, &o.PoolTimeout, &o.MaxRetries, &o.DialerRetries, &o.ContextTimeoutEnabled})
		return redis.NewClient(o), nil
	}
}

// Open connects to Redis, or starts the embedded server when no URL is set
// (always a single node).
func Open(ctx context.Context, cfg Config) (*Redis, error) {
	if cfg.Mode == "" {
		cfg.Mode = ModeSingle
	}
	if !ValidMode(cfg.Mode) {
		return nil, fmt.Errorf("CAJA_REDIS_MODE: %q is not single, cluster or sentinel", cfg.Mode)
	}
	r := &Redis{Keys: Keys{Prefix: cfg.Prefix}, Mode: cfg.Mode, stop: make(chan struct{})}
	host, _ := os.Hostname()
	r.readyKey = r.Keys.Ready(host + ":" + strconv.Itoa(os.Getpid()) + ":" + strconv.FormatInt(time.Now().UnixNano(), 36))
	if cfg.RedisURL == "" {
		m := miniredis.NewMiniRedis()
		if err := m.StartAddr(cfg.EmbeddedAddr); err != nil {
			return nil, fmt.Errorf("start embedded redis on %s: %w", cfg.EmbeddedAddr, err)
		}
		r.embedded = m
		r.Mode = ModeSingle
		opts := &redis.Options{Addr: m.Addr()}
		applyDefaults(url.Values{}, connOptions{&opts.DialTimeout, &opts.ReadTimeout, &opts.WriteTimeout, &opts.PoolTimeout, &opts.MaxRetries, &opts.DialerRetries, &opts.ContextTimeoutEnabled})
		r.Client = redis.NewClient(opts)
		// miniredis does not expire keys by itself: advance its clock.
		r.wg.Add(1)
		go r.tick(m)
	} else {
		c, err := newClient(cfg)
		if err != nil {
			return nil, err
		}
		r.Client = c
	}
	r.confErrs.sentinel = r.Mode == ModeSentinel
	r.Client.AddHook(configHook{&r.confErrs})
	pingCtx, cancel := context.WithTimeout(ctx, 3*time.Second)
	defer cancel()
	if err := r.Ping(pingCtx); err != nil {
		_ = r.Close()
		return nil, fmt.Errorf("connect redis (CAJA_REDIS_MODE=%s): %w", r.Mode, err)
	}
	return r, nil
}

// Clustered reports whether keys are spread over shards, so that a
// transaction may only touch one hash slot.
func (r *Redis) Clustered() bool {
	_, ok := r.Client.(*redis.ClusterClient)
	return ok
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
	return "Redis (" + r.Mode + ")"
}

// Ping checks that Redis answers.
func (r *Redis) Ping(ctx context.Context) error {
	var err error
	if c, ok := r.Client.(*redis.ClusterClient); ok {
		err = c.ForEachShard(ctx, func(ctx context.Context, n *redis.Client) error { return n.Ping(ctx).Err() })
	} else {
		err = r.Client.Ping(ctx).Err()
	}
	if err != nil {
		return fmt.Errorf("ping redis: %w", err)
	}
	return nil
}

// ScanEach calls fn with the keys matching pattern, a SCAN page at a time,
// on every master of a cluster (SCAN is per node there).
func (r *Redis) ScanEach(ctx context.Context, pattern string, fn func(ctx context.Context, keys []string) error) error {
	scan := func(ctx context.Context, c redis.Cmdable) error {
		var cursor uint64
		for {
			keys, next, err := c.Scan(ctx, cursor, pattern, 1000).Result()
			if err != nil {
				return fmt.Errorf("scan %s: %w", pattern, err)
			}
			if len(keys) > 0 {
				if err := fn(ctx, keys); err != nil {
					return err
				}
			}
			if cursor = next; cursor == 0 {
				return nil
			}
		}
	}
	if c, ok := r.Client.(*redis.ClusterClient); ok {
		return c.ForEachMaster(ctx, func(ctx context.Context, n *redis.Client) error { return scan(ctx, n) })
	}
	return scan(ctx, r.Client)
}

// DeleteLegacyKeys deletes the keys of the old layout (caja:session:<id>...,
// caja:export:<id>..., caja:join:<code>, caja:joinended:<code>,
// caja:absent:<id>), within budget. Keys of the hash-tagged layout contain
// a "{" and are kept.
func (r *Redis) DeleteLegacyKeys(ctx context.Context, budget time.Duration) (int, error) {
	ctx, cancel := context.WithTimeout(ctx, budget)
	defer cancel()
	n := 0
	for _, kind := range []string{"session:", "export:", "join:", "joinended:", "absent:"} {
		err := r.ScanEach(ctx, r.Keys.Prefix+kind+"*", func(ctx context.Context, keys []string) error {
			// One key per command: old keys of one page may sit in many
			// slots.
			_, err := r.Client.Pipelined(ctx, func(p redis.Pipeliner) error {
				for _, key := range keys {
					if !strings.Contains(key[len(r.Keys.Prefix):], "{") {
						p.Unlink(ctx, key)
						n++
					}
				}
				return nil
			})
			return err
		})
		if err != nil {
			return n, err
		}
	}
	return n, nil
}

// ReadyError says why the read model cannot be used, for /readyz.
type ReadyError struct{ Reason string }

func (e *ReadyError) Error() string { return e.Reason }

// ReadyReason is what /readyz says in its detail.
func (e *ReadyError) ReadyReason() string { return e.Reason }

// Ready checks that this replica can write and read the read model: a
// configuration problem seen lately (MOVED, READONLY, ...) fails it, and so
// does a failed write-then-read of a key of its own (a PING answers even
// when every write would be refused).
func (r *Redis) Ready(ctx context.Context) error {
	if advice := r.confErrs.recent(); advice != "" {
		return &ReadyError{Reason: "redis: " + advice}
	}
	if err := r.Ping(ctx); err != nil {
		return err
	}
	nonce := strconv.FormatInt(time.Now().UnixNano(), 36)
	var get *redis.StringCmd
	// MULTI/EXEC: both on the primary, even when reads may go to replicas.
	_, err := r.Client.TxPipelined(ctx, func(p redis.Pipeliner) error {
		p.Set(ctx, r.readyKey, nonce, time.Minute)
		get = p.Get(ctx, r.readyKey)
		return nil
	})
	if err == nil && get.Val() != nonce {
		err = errors.New("the read-back value differs")
	}
	if err != nil {
		if advice := ConfigAdvice(err); advice != "" {
			return &ReadyError{Reason: "redis: " + advice}
		}
		return fmt.Errorf("write and read the read model: %w", err)
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

// ShardMarkers names one key per master of a cluster, each in a slot that
// master serves: the projector keeps them set, so that a shard that lost its
// data (a FLUSHALL, a restarted node without persistence) is noticed like a
// flushed single Redis. nil on a single node, whose caja:meta does it.
func (r *Redis) ShardMarkers(ctx context.Context) ([]string, error) {
	c, ok := r.Client.(*redis.ClusterClient)
	if !ok || r.Mode != ModeCluster {
		// Sentinel reading from replicas is a ClusterClient too, over one
		// primary: caja:meta covers it.
		return nil, nil
	}
	slots, err := c.ClusterSlots(ctx).Result()
	if err != nil {
		return nil, fmt.Errorf("cluster slots: %w", err)
	}
	ranges := map[string][][2]int{}
	for _, s := range slots {
		if len(s.Nodes) > 0 {
			ranges[s.Nodes[0].Addr] = append(ranges[s.Nodes[0].Addr], [2]int{s.Start, s.End})
		}
	}
	var keys []string
	for _, rs := range ranges {
		// A few hundred tries find a tag in any master's slots unless a
		// master serves almost none of them.
		for i := 0; i < 100000; i++ {
			tag := "shard-" + strconv.Itoa(i)
			slot := int(crc16(tag) % 16384)
			if slices.ContainsFunc(rs, func(r [2]int) bool { return slot >= r[0] && slot <= r[1] }) {
				keys = append(keys, r.Keys.Prefix+"meta:{"+tag+"}")
				break
			}
		}
	}
	return keys, nil
}

// crc16 is Redis Cluster's key hash (CRC16-CCITT, XMODEM).
func crc16(s string) uint16 {
	var crc uint16
	for i := 0; i < len(s); i++ {
		crc ^= uint16(s[i]) << 8
		for range 8 {
			if crc&0x8000 != 0 {
				crc = crc<<1 ^ 0x1021
			} else {
				crc <<= 1
			}
		}
	}
	return crc
}
