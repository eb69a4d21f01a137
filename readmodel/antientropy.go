package readmodel

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/cajalive/caja/writemodel"
)

// Bounds of one anti-entropy pass.
const (
	// antiEntropySessions is how many recently projected sessions one pass
	// compares (the most recent first).
	antiEntropySessions = 10000
	// antiEntropyRepairs is how many it re-projects; the rest wait for the
	// next pass.
	antiEntropyRepairs = 100
	antiEntropyChunk   = 500
)

// antiEntropy compares, for the sessions projected in the last window, the
// version Postgres says was written with the one in the session's Redis
// hash, and re-projects each session whose copy is missing or behind: a
// write lost by a failover, a restored old copy, a flushed shard. Sessions
// whose copies agree are not touched.
func (p *Projector) antiEntropy(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	rows, err := p.store.RecentProjections(ctx, time.Now().Add(-p.cfg.AntiEntropyWindow), antiEntropySessions)
	if err != nil || len(rows) == 0 {
		return err
	}
	var behind []string
	for i := 0; i < len(rows); i += antiEntropyChunk {
		chunk := rows[i:min(i+antiEntropyChunk, len(rows))]
		stale, err := p.behind(ctx, chunk)
		if err != nil {
			return err
		}
		behind = append(behind, stale...)
		if len(behind) >= antiEntropyRepairs {
			behind = behind[:antiEntropyRepairs]
			break
		}
	}
	if len(behind) == 0 {
		return nil
	}
	// Each by a worker of its own, beside the outbox's.
	started := p.startFull(ctx, behind)
	p.metrics.repaired(started)
	p.log.Info("anti-entropy: re-projecting sessions whose Redis copy is missing or behind", "sessions", len(behind), "started", started, "first", behind[0])
	return nil
}

// behind lists the sessions of rows whose Redis version is missing or lower.
func (p *Projector) behind(ctx context.Context, rows []writemodel.SessionProjection) ([]string, error) {
	cmds := make([]*redis.StringCmd, len(rows))
	_, err := p.redis.Client.Pipelined(ctx, func(pipe redis.Pipeliner) error {
		for i, r := range rows {
			cmds[i] = pipe.HGet(ctx, p.redis.Keys.Session(r.SessionID), FieldVersion)
		}
		return nil
	})
	if err != nil && !errors.Is(err, redis.Nil) {
		return nil, fmt.Errorf("read projected versions from redis: %w", err)
	}
	var out []string
	for i, r := range rows {
		v, err := cmds[i].Result()
		if errors.Is(err, redis.Nil) {
			out = append(out, r.SessionID)
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("read projected version: %w", err)
		}
		if n, _ := strconv.ParseInt(v, 10, 64); n < r.Version {
			out = append(out, r.SessionID)
		}
	}
	return out, nil
}
