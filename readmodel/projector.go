package readmodel

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync/atomic"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/cajalive/caja/writemodel"
)

// ProjectorConfig tunes the projector.
type ProjectorConfig struct {
	BatchSize int
	// Fallback is the slow poll of the outbox, in case a wake-up was missed.
	Fallback time.Duration
	// Standby is how often a standby replica tries to take the lease.
	Standby time.Duration
	// MetaCheck is how often the active projector checks that Redis still
	// holds its data (the caja:meta marker).
	MetaCheck time.Duration
	// Pace is the least time between the starts of two drains woken by
	// commits. Under a burst every commit wakes the projector; waiting a
	// few milliseconds lets one batch take what several commits wrote, and
	// a batch costs about the same for 30 answers as for 300. A commit
	// after a quiet spell is projected at once. 50 ms took answers/s at
	// 64 in flight from ~2,600 to ~3,200 on a 2-core machine (December
	// 2026), but the pace is every session's: under one session's flood a
	// quiet session's changes showed 3-4x later (TestLoad_NoisySession…),
	// so it stays 10 ms.
	Pace time.Duration
	// ExportMaxBytes caps one rendered export (CAJA_EXPORT_MAX_BYTES).
	ExportMaxBytes int64
	// SessionTimeout bounds the reading, rendering and writing of one
	// session: a session that takes longer fails alone and is retried
	// with backoff.
	SessionTimeout time.Duration
	// AntiEntropy is how often the sessions projected in the last
	// AntiEntropyWindow are compared with their Redis copies.
	AntiEntropy       time.Duration
	AntiEntropyWindow time.Duration
	// CacheBytes bounds the snapshots kept between batches
	// (CAJA_PROJECTOR_CACHE_BYTES).
	CacheBytes int
}

// DefaultProjectorConfig suits production.
func DefaultProjectorConfig() ProjectorConfig {
	return ProjectorConfig{BatchSize: 1000, Fallback: 2 * time.Second, Standby: 2 * time.Second, MetaCheck: time.Second, Pace: 10 * time.Millisecond,
		ExportMaxBytes: DefaultExportMaxBytes, SessionTimeout: 5 * time.Second, AntiEntropy: 5 * time.Second, AntiEntropyWindow: time.Hour, CacheBytes: DefaultCacheBytes}
}

// DefaultCacheBytes is the default budget of the projector's snapshots.
const DefaultCacheBytes = 128 << 20

// Projector turns outbox rows into Redis documents. Exactly one is active per
// deployment; it recomputes each touched session from Postgres, so applying a
// batch twice, or out of order, gives the same result.
type Projector struct {
	store      ProjectorStore
	redis      *Redis
	renderer   *Renderer
	log        *slog.Logger
	metrics    *Metrics
	cfg        ProjectorConfig
	script     *redis.Script
	joinScript *redis.Script
	qscript    *redis.Script
	// upgrading is set while a rebuild moves a read model of the old key
	// layout into this one: each projection also deletes the old keys.
	upgrading atomic.Bool
	// primaryRunID is the Sentinel primary the next rebuild runs on (only
	// the lead goroutine uses it).
	primaryRunID string
	// markers are the cluster's shard markers (ShardMarkers), refreshed
	// every markersRefresh (the lead goroutine only).
	markers   []string
	markersAt time.Time
	renders   atomic.Int64

	// lease is the term this projector writes under, and epoch its
	// fencing token (0: no lease, a one-off rebuild, which is not fenced).
	lease atomic.Pointer[writemodel.Lease]
	epoch atomic.Int64
	// failingSince is when projection started failing as a whole (0 while
	// it works): /readyz reports a projector failing for long.
	failingSince atomic.Int64
	// backoff holds the sessions that failed to project, until they are
	// tried again (the lead goroutine only).
	backoff *sessionBackoff

	// locks let one projection of a session run at a time; workers are
	// the outbox's session workers (dispatch.go). cache keeps each
	// session's last snapshot (without its per-participant part), so that
	// a batch of answers re-reads only what answers change. It is emptied
	// whenever this process (re)gains the lease.
	locks   *sessionLocks
	workers *workers
	cache   *snapshotCache
}

// Renders counts session renders since start: a measure of coalescing (a
// burst of answers should cost a handful, not one per answer).
func (p *Projector) Renders() int64 { return p.renders.Load() }

// NewProjector returns a projector; metrics may be nil.
func NewProjector(store ProjectorStore, r *Redis, renderer *Renderer, log *slog.Logger, metrics *Metrics, cfg ProjectorConfig) *Projector {
	def := DefaultProjectorConfig()
	if cfg.SessionTimeout <= 0 {
		cfg.SessionTimeout = def.SessionTimeout
	}
	if cfg.AntiEntropy <= 0 {
		cfg.AntiEntropy = def.AntiEntropy
	}
	if cfg.AntiEntropyWindow <= 0 {
		cfg.AntiEntropyWindow = def.AntiEntropyWindow
	}
	if cfg.CacheBytes <= 0 {
		cfg.CacheBytes = def.CacheBytes
	}
	return &Projector{store: store, redis: r, renderer: renderer, log: log.With("component", "projector"), metrics: metrics, cfg: cfg,
		script: redis.NewScript(writeSessionScript), joinScript: redis.NewScript(writeJoinScript), qscript: redis.NewScript(writeQuestionsScript),
		cache: newSnapshotCache(cfg.CacheBytes), backoff: newSessionBackoff(), locks: newSessionLocks(), workers: newWorkers()}
}

// Run campaigns for the lease and projects while it holds it, until ctx is
// done. A batch in progress when ctx ends is finished first.
func (p *Projector) Run(ctx context.Context) error {
	for {
		lease, err := p.store.TryLease(ctx)
		if err != nil && ctx.Err() == nil {
			p.log.Warn("projector lease unavailable", "err", err)
		}
		if lease != nil {
			p.log.Info("projector active", "epoch", lease.Epoch)
			p.lease.Store(lease)
			p.epoch.Store(lease.Epoch)
			p.metrics.setActive(true, lease.Epoch)
			p.lead(ctx, lease)
			p.metrics.setActive(false, lease.Epoch)
			p.lease.Store(nil)
			p.failingSince.Store(0)
			lease.Release()
			if ctx.Err() == nil {
				p.log.Warn("projector lease lost; standing by", "epoch", lease.Epoch)
			}
			// Lost to a slow database rather than to another process, the
			// lease may be this process's again at once.
			continue
		}
		select {
		case <-ctx.Done():
			return nil
		case <-time.After(p.cfg.Standby):
		}
	}
}

// Ready reports whether this replica's projector works: an error when it
// is the active projector and has failed to project for more than
// readyFailure (a standby, or a projector that works, is ready).
func (p *Projector) Ready(context.Context) error {
	since := p.failingSince.Load()
	if since == 0 || p.lease.Load() == nil {
		return nil
	}
	if d := time.Since(time.Unix(0, since)); d > readyFailure {
		return &ReadyError{Reason: fmt.Sprintf("projector: this replica holds the projector lease and has failed to project for %s", d.Round(time.Second))}
	}
	return nil
}

// readyFailure is how long the active projector may fail before /readyz
// says so.
const readyFailure = 10 * time.Second

func (p *Projector) lead(ctx context.Context, lease *writemodel.Lease) {
	// Another projector may have written while this one stood by.
	p.cache.clear()
	p.backoff.reset()
	sub := p.redis.Client.Subscribe(ctx, p.redis.Keys.RepairChannel())
	defer sub.Close()
	repairs := sub.Channel(redis.WithChannelHealthCheckInterval(5 * time.Second))
	fallback := time.NewTicker(p.cfg.Fallback)
	defer fallback.Stop()
	metaCheck := time.NewTicker(p.cfg.MetaCheck)
	defer metaCheck.Stop()
	antiEntropy := time.NewTicker(p.cfg.AntiEntropy)
	defer antiEntropy.Stop()
	exports, stopExports := p.startExports(ctx)
	defer stopExports()

	// Workers still running when the term ends finish first (their writes
	// are fenced once another projector holds the lease).
	defer p.workers.wg.Wait()

	var retryAt, lastDrain time.Time
	backoff := 100 * time.Millisecond
	// checkNow asks for an anti-entropy pass with the next work: after a
	// failure heals (Redis came back, or failed over) some writes may be
	// lost.
	checkNow := true
	// more: the last fetch was full, or a worker finished (its session may
	// have rows that waited for it).
	more := false
	work := func() (stop bool) {
		outage, fenced := p.workers.results()
		err := outage
		if err == nil && !fenced && !time.Now().Before(retryAt) {
			err = p.ensureMeta(ctx)
			if err == nil {
				began := time.Now()
				var n int
				n, more, err = p.dispatch(ctx)
				if n > 0 {
					lastDrain = began
				}
			}
			if err == nil {
				p.retryFailedSessions(ctx)
				if checkNow {
					err = p.antiEntropy(ctx)
					checkNow = err != nil
				}
			}
		}
		if fenced || errors.Is(err, errFenced) {
			p.metrics.projectionFailed(reasonFenced)
			p.log.Warn("a newer projector wrote to Redis: stepping down", "epoch", lease.Epoch)
			return true
		}
		if err == nil {
			if !time.Now().Before(retryAt) {
				backoff = 100 * time.Millisecond
				retryAt = time.Time{}
				p.failingSince.Store(0)
			}
			return false
		}
		p.redis.NoteError(err)
		p.metrics.projectionFailed(failureReason(err))
		p.failingSince.CompareAndSwap(0, time.Now().UnixNano())
		checkNow = true
		more = false
		p.log.Warn("projection failed; will retry", "err", err, "in", backoff)
		retryAt = time.Now().Add(backoff)
		backoff = min(backoff*2, 2*time.Second)
		return false
	}
	if work() {
		return
	}
	for {
		if more {
			// Go on at once (the outbox may hold more, or a finished
			// worker's session has rows waiting), unless told to stop.
			select {
			case <-ctx.Done():
				return
			case <-lease.Lost():
				return
			default:
			}
		} else {
			select {
			case <-ctx.Done():
				return
			case <-lease.Lost():
				return
			case <-lease.Notifications():
				if !p.pace(ctx, lease, lastDrain) {
					return
				}
			case <-p.store.Nudges():
				if !p.pace(ctx, lease, lastDrain) {
					return
				}
			case <-p.workers.done:
			case <-fallback.C:
				if n, err := p.store.OutboxBacklog(ctx); err == nil {
					p.metrics.setBacklog(n)
				}
			case <-metaCheck.C:
			case <-antiEntropy.C:
				checkNow = true
			case msg, ok := <-repairs:
				if ok {
					p.handleRequest(ctx, msg.Payload, exports)
				}
			}
		}
		if !lease.Valid() {
			return
		}
		if work() {
			return
		}
	}
}

// pace waits until cfg.Pace has passed since the last drain that found
// rows began; false when the projector must stop instead.
func (p *Projector) pace(ctx context.Context, lease *writemodel.Lease, lastDrain time.Time) bool {
	wait := p.cfg.Pace - time.Since(lastDrain)
	if wait <= 0 {
		return true
	}
	t := time.NewTimer(wait)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return false
	case <-lease.Lost():
		return false
	case <-t.C:
		return true
	}
}

// Drain applies outbox batches until the outbox is empty. Each batch runs to
// completion even when ctx is cancelled, so shutdown never leaves half a
// batch behind (it would be harmless, but it would be redone).
func (p *Projector) Drain(ctx context.Context) error {
	_, err := p.drain(ctx)
	return err
}
