package readmodel

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/redis/go-redis/v9"
	"golang.org/x/sync/singleflight"

	"github.com/cajalive/caja"
)

// Reader reads the read model for queries. It never touches Postgres.
type Reader struct {
	redis *Redis
	keys  Keys
	// RepairWait bounds how long a read of a missing session waits for the
	// projector to re-project it.
	RepairWait time.Duration
	// flights collapses concurrent reads of the same view: thousands of
	// phones polling one session share one Redis round trip at a time.
	flights singleflight.Group
	// recent remembers those reads for ViewCacheTTL.
	recent *microCache
}

// ViewCacheTTL is how long a view's ETag and bytes read from Redis are
// reused for other polls of the same view.
const ViewCacheTTL = 50 * time.Millisecond

// NewReader returns a Reader over r.
func NewReader(r *Redis) *Reader {
	return &Reader{redis: r, keys: r.Keys, RepairWait: 1500 * time.Millisecond, recent: newMicroCache(ViewCacheTTL)}
}

// WithViewCacheTTL changes how long view reads are reused (0: never).
func (r *Reader) WithViewCacheTTL(ttl time.Duration) *Reader {
	r.recent = newMicroCache(ttl)
	return r
}

// ErrMissing means the session's hash is not in Redis.
var ErrMissing = errors.New("read model: session not projected")

func unavailable(err error) error {
	return &caja.Error{Kind: caja.Unavailable, Message: "live state is temporarily unavailable, retry shortly", RetryAfter: time.Second, Err: err}
}

// Tag is what the 304 path needs: the view's ETag, when it last changed,
// and the hash of the secret the view requires (empty for open views).
type Tag struct {
	ETag      string
	UpdatedAt string
	AuthHash  string
	// GzipETag is the ETag of the gzip-compressed representation (made
	// once per read, not per request).
	GzipETag string
}

// ViewTag fetches a view's ETag in one round trip, shared with the
// concurrent requests for the same view.
func (r *Reader) ViewTag(ctx context.Context, sessionID string, v caja.View) (Tag, error) {
	k := viewKey{sessionID: sessionID, view: v}
	if e, ok := r.recent.get(k, time.Now()); ok {
		return e.tag, nil
	}
	res, err, _ := r.flights.Do(tagFlight(v, sessionID), func() (any, error) {
		// A shared read must not fail because the request that started it
		// went away; Redis's own read timeout (500 ms) bounds it.
		t, err := r.viewTag(context.Background(), sessionID, v)
		if err == nil {
			r.recent.put(k, cached{at: time.Now(), tag: t})
		}
		return &t, err
	})
	return *res.(*Tag), err
}

func (r *Reader) viewTag(ctx context.Context, sessionID string, v caja.View) (Tag, error) {
	fields := []string{ETagField(v), FieldUpdatedAt}
	if a := AuthField(v); a != "" {
		fields = append(fields, a)
	}
	vals, err := r.redis.Client.HMGet(ctx, r.keys.Session(sessionID), fields...).Result()
	if err != nil {
		return Tag{}, unavailable(fmt.Errorf("view tag: %w", err))
	}
	etag, _ := vals[0].(string)
	if etag == "" {
		return Tag{}, ErrMissing
	}
	t := Tag{ETag: etag, GzipETag: GzipETag(etag)}
	t.UpdatedAt, _ = vals[1].(string)
	if len(vals) > 2 {
		t.AuthHash, _ = vals[2].(string)
	}
	return t, nil
}

// Body is a view's bytes with its ETag and required secret hash.
type Body struct {
	ETag     string
	Bytes    []byte
	AuthHash string
	// Gzip is the projector's gzip-compressed copy of Bytes, with its own
	// ETag; empty when the hash has none (written by an older version).
	Gzip     []byte
	GzipETag string
}

// ViewBody fetches a view's bytes and ETag together, in one round trip, so
// the pair is always consistent; concurrent requests for the same view share
// it (the bytes are only read, never modified).
func (r *Reader) ViewBody(ctx context.Context, sessionID string, v caja.View) (Body, error) {
	k := viewKey{sessionID: sessionID, view: v, body: true}
	if e, ok := r.recent.get(k, time.Now()); ok {
		return e.b, nil
	}
	res, err, _ := r.flights.Do(bodyFlight(v, sessionID), func() (any, error) {
		b, err := r.viewBody(context.Background(), sessionID, v)
		if err == nil {
			r.recent.put(k, cached{at: time.Now(), b: b})
		}
		return &b, err
	})
	return *res.(*Body), err
}

func (r *Reader) viewBody(ctx context.Context, sessionID string, v caja.View) (Body, error) {
	fields := []string{ETagField(v), BodyField(v), GzipField(v)}
	if a := AuthField(v); a != "" {
		fields = append(fields, a)
	}
	vals, err := r.redis.Client.HMGet(ctx, r.keys.Session(sessionID), fields...).Result()
	if err != nil {
		return Body{}, unavailable(fmt.Errorf("view body: %w", err))
	}
	etag, _ := vals[0].(string)
	body, _ := vals[1].(string)
	if etag == "" || body == "" {
		return Body{}, ErrMissing
	}
	b := Body{ETag: etag, Bytes: []byte(body)}
	if gz, _ := vals[2].(string); gz != "" {
		b.Gzip, b.GzipETag = []byte(gz), GzipETag(etag)
	}
	if len(vals) > 3 {
		b.AuthHash, _ = vals[3].(string)
	}
	return b, nil
}

// Fields fetches plain fields of a session hash; ErrMissing when the hash is
// not there.
func (r *Reader) Fields(ctx context.Context, sessionID string, fields ...string) ([]string, error) {
	vals, err := r.redis.Client.HMGet(ctx, r.keys.Session(sessionID), fields...).Result()
	if err != nil {
		return nil, unavailable(fmt.Errorf("session fields: %w", err))
	}
	out := make([]string, len(vals))
	present := false
	for i, v := range vals {
		out[i], _ = v.(string)
		present = present || v != nil
	}
	if !present {
		return nil, ErrMissing
	}
	return out, nil
}

// SessionIDByCode resolves a join code: the live session holding it, or
// else the session that last held it and ended (within EndedJoinTTL). Both
// keys come in one round trip.
func (r *Reader) SessionIDByCode(ctx context.Context, code string) (string, error) {
	var live, ended *redis.StringCmd
	_, err := r.redis.Client.Pipelined(ctx, func(p redis.Pipeliner) error {
		live = p.Get(ctx, r.keys.Join(code))
		ended = p.Get(ctx, r.keys.JoinEnded(code))
		return nil
	})
	if err != nil && !errors.Is(err, redis.Nil) {
		return "", unavailable(fmt.Errorf("join code: %w", err))
	}
	id, err := live.Result()
	if errors.Is(err, redis.Nil) {
		id, err = ended.Result()
	}
	if errors.Is(err, redis.Nil) {
		// Distinguish "no such code" from "Redis was just flushed and the
		// projector is still rebuilding".
		meta, merr := r.redis.Client.HMGet(ctx, r.keys.Meta(), metaJoinBase, MetaLayout).Result()
		if merr != nil {
			return "", unavailable(fmt.Errorf("join code: %w", merr))
		}
		if meta[0] == nil {
			return "", unavailable(errors.New("read model is being rebuilt"))
		}
		if v, _ := meta[1].(string); v != LayoutVersion {
			// Upgrading from the old key layout: the code may not be
			// re-projected yet, but its session is live.
			if id, err := r.redis.Client.Get(ctx, r.keys.Prefix+"join:"+code).Result(); err == nil {
				return id, nil
			}
		}
		return "", caja.Errorf(caja.NotFound, "no live session has this join code").WithCode(caja.CodeJoinCodeNotFound)
	}
	if err != nil {
		return "", unavailable(fmt.Errorf("join code: %w", err))
	}
	return id, nil
}

// AwaitRepair asks the active projector to re-project a session whose hash
// is missing and waits, briefly, for it to appear. It returns nil when the
// hash is back, NotFound when Postgres does not know the session, and
// Unavailable when no projector answered in time.
func (r *Reader) AwaitRepair(ctx context.Context, sessionID string) error {
	c := r.redis.Client
	if n, err := c.Exists(ctx, r.keys.Absent(sessionID)).Result(); err != nil {
		return unavailable(fmt.Errorf("repair: %w", err))
	} else if n == 1 {
		return caja.Errorf(caja.NotFound, "session not found").WithCode(caja.CodeSessionNotFound)
	}
	return r.requestProjection(ctx, sessionID, "session is being re-projected", func() (bool, error) {
		res, err := c.Pipelined(ctx, func(p redis.Pipeliner) error {
			p.Exists(ctx, r.keys.Session(sessionID))
			p.Exists(ctx, r.keys.Absent(sessionID))
			return nil
		})
		if err != nil {
			return false, unavailable(fmt.Errorf("repair: %w", err))
		}
		if res[1].(*redis.IntCmd).Val() == 1 && res[0].(*redis.IntCmd).Val() == 0 {
			return false, caja.Errorf(caja.NotFound, "session not found").WithCode(caja.CodeSessionNotFound)
		}
		return res[0].(*redis.IntCmd).Val() == 1, nil
	})
}

// requestProjection asks the active projector to re-project a session and
// waits, with growing pauses, up to RepairWait until done reports it is
// there (or fails). Past the wait it is Unavailable with the reason given.
func (r *Reader) requestProjection(ctx context.Context, sessionID, reason string, done func() (bool, error)) error {
	if err := r.redis.Client.Publish(ctx, r.keys.RepairChannel(), sessionID).Err(); err != nil {
		return unavailable(fmt.Errorf("repair request: %w", err))
	}
	deadline := time.Now().Add(r.RepairWait)
	wait := 10 * time.Millisecond
	for time.Now().Before(deadline) {
		select {
		case <-ctx.Done():
			return unavailable(ctx.Err())
		case <-time.After(wait):
		}
		wait = min(wait*2, 200*time.Millisecond)
		ok, err := done()
		if err != nil || ok {
			return err
		}
	}
	return unavailable(errors.New(reason))
}
