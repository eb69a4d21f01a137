package readmodel

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/redis/go-redis/v9"
)

// RebuildAll re-projects every session, live ones first, then writes the
// caja:meta marker. includeCompleted also re-projects completed sessions
// (they are otherwise repaired lazily when first read). Sessions go in
// small pieces, each session with its own deadline: one that cannot be
// written fails alone (ErrSessionsFailed, once the others are done).
//
// A read model of the old key layout (a caja:meta without layout) is moved:
// each projection also deletes the session's old keys, then the remaining
// old keys are swept.
func (p *Projector) RebuildAll(ctx context.Context, includeCompleted bool) (int, error) {
	return p.rebuildAll(ctx, includeCompleted, nil)
}

// ErrSessionsFailed: a rebuild wrote every session but these; they are
// retried with backoff by the active projector.
var ErrSessionsFailed = errors.New("some sessions could not be re-projected")

// rebuildChunk is how many sessions a rebuild projects between two looks at
// the outbox.
const rebuildChunk = 50

// rebuildAll is RebuildAll; between, when set, runs after each piece (the
// active projector drains the outbox there, so that live sessions do not
// wait for a rebuild of thousands).
func (p *Projector) rebuildAll(ctx context.Context, includeCompleted bool, between func(context.Context) error) (int, error) {
	ids, err := p.store.SessionIDs(ctx, includeCompleted)
	if err != nil {
		return 0, err
	}
	meta, err := p.redis.Client.HMGet(ctx, p.redis.Keys.Meta(), metaJoinBase, MetaLayout).Result()
	if err != nil {
		return 0, fmt.Errorf("check meta: %w", err)
	}
	upgrade := meta[0] != nil && meta[1] != LayoutVersion
	if upgrade {
		p.upgrading.Store(true)
		defer p.upgrading.Store(false)
	}
	failed := 0
	for i := 0; i < len(ids); i += rebuildChunk {
		chunk := ids[i:min(i+rebuildChunk, len(ids))]
		res, err := p.projectFull(ctx, chunk)
		if err != nil {
			return i, err
		}
		if len(res.failed) == len(chunk) && p.redis.Ping(ctx) != nil {
			return i, fmt.Errorf("rebuild: %w", firstError(res.failed))
		}
		failed += len(res.failed)
		p.noteSessions(res)
		if between != nil && i+rebuildChunk < len(ids) {
			if err := between(ctx); err != nil {
				return i, err
			}
		}
	}
	if upgrade {
		// Sessions not re-projected now (completed ones are repaired when
		// read) leave old keys too. The marker below says layout 2 only
		// once they are gone, so a sweep cut short is done again.
		n, err := p.redis.DeleteLegacyKeys(ctx, legacySweepBudget)
		if err != nil {
			return len(ids), fmt.Errorf("delete the old key layout (%d keys deleted): %w", n, err)
		}
		p.log.Info("old key layout deleted", "keys", n)
	}
	if err := p.redis.Client.HSet(ctx, p.redis.Keys.Meta(), "rebuilt_at", time.Now().UTC().Format(time.RFC3339Nano), "sessions", len(ids),
		metaJoinBase, p.renderer.JoinBaseURL(), MetaLayout, LayoutVersion, metaPrimaryRunID, p.primaryRunID).Err(); err != nil {
		return len(ids), fmt.Errorf("write meta: %w", err)
	}
	if len(p.markers) > 0 {
		_, err := p.redis.Client.Pipelined(ctx, func(pipe redis.Pipeliner) error {
			for _, m := range p.markers {
				pipe.Set(ctx, m, "1", 0)
			}
			return nil
		})
		if err != nil {
			return len(ids), fmt.Errorf("write shard markers: %w", err)
		}
	}
	if failed > 0 {
		return len(ids), fmt.Errorf("%w: %d of %d", ErrSessionsFailed, failed, len(ids))
	}
	return len(ids), nil
}

// metaJoinBase is the caja:meta field naming the join base URL the live
// sessions were rendered with.
const metaJoinBase = "join_base_url"

// metaPrimaryRunID is the caja:meta field naming the run_id of the Sentinel
// primary the read model was rebuilt on.
const metaPrimaryRunID = "primary_run_id"

// infoField reads one "name:value" line of an INFO reply.
func infoField(info, name string) string {
	for _, line := range strings.Split(info, "\n") {
		if v, ok := strings.CutPrefix(strings.TrimSpace(line), name+":"); ok {
			return v
		}
	}
	return ""
}

// MetaLayout is the caja:meta field naming the key layout; LayoutVersion is
// this one (hash-tagged per-session keys). A marker without it is layout 1.
const (
	MetaLayout    = "layout"
	LayoutVersion = "2"
)

// ensureMeta re-projects every live session when Redis lost its data, when
// they were rendered with another join base URL (the laptop joined another
// network, or FRONTEND_URL changed): their QR codes and join links must
// lead phones to where this server is now, and when Redis holds the old key
// layout (an upgrade), whose keys it then deletes.
func (p *Projector) ensureMeta(ctx context.Context) error {
	var meta *redis.SliceCmd
	var info *redis.StringCmd
	watchPrimary := p.redis.Mode == ModeSentinel
	if p.redis.Clustered() && time.Since(p.markersAt) > markersRefresh {
		markers, err := p.redis.ShardMarkers(ctx)
		if err != nil {
			return err
		}
		p.markers, p.markersAt = markers, time.Now()
	}
	markers := make([]*redis.IntCmd, 0, len(p.markers))
	_, err := p.redis.Client.Pipelined(ctx, func(pipe redis.Pipeliner) error {
		meta = pipe.HMGet(ctx, p.redis.Keys.Meta(), metaJoinBase, MetaLayout, metaPrimaryRunID)
		if watchPrimary {
			info = pipe.Info(ctx, "server")
		}
		// EXISTS of keys of several slots: one command per key.
		for _, m := range p.markers {
			markers = append(markers, pipe.Exists(ctx, m))
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("check meta: %w", err)
	}
	shardsIntact := true
	for _, m := range markers {
		shardsIntact = shardsIntact && m.Val() == 1
	}
	vals := meta.Val()
	base, _ := vals[0].(string)
	layout, _ := vals[1].(string)
	runID, _ := vals[2].(string)
	primary := ""
	if watchPrimary {
		// After a Sentinel failover the writes the old primary took but
		// had not replicated are gone, though the marker survived: a new
		// primary (another run_id) is re-projected from Postgres.
		primary = infoField(info.Val(), "run_id")
	}
	if vals[0] != nil && base == p.renderer.JoinBaseURL() && layout == LayoutVersion && runID == primary && shardsIntact {
		return nil
	}
	p.primaryRunID = primary
	start := time.Now()
	count, err := p.rebuildAll(context.WithoutCancel(ctx), false, func(ctx context.Context) error {
		// Changes made meanwhile go on beside the rebuild.
		_, _, err := p.dispatch(ctx)
		return err
	})
	if err != nil && !errors.Is(err, ErrSessionsFailed) {
		return err
	}
	p.log.Info("read model rebuilt", "sessions", count, "took", time.Since(start).String(), "join_base_url", p.renderer.JoinBaseURL(), "layout", LayoutVersion)
	return nil
}

// markersRefresh is how often the shard markers follow the cluster's
// topology.
const markersRefresh = 30 * time.Second

// legacySweepBudget bounds the one-off sweep of the old key layout.
const legacySweepBudget = 30 * time.Second
