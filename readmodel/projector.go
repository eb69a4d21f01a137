package readmodel

import (
	"context"
	"log/slog"
	"sync"
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
	// after a quiet spell is projected at once.
	Pace time.Duration
	// ExportMaxBytes caps one rendered export (CAJA_EXPORT_MAX_BYTES).
	ExportMaxBytes int64
}

// DefaultProjectorConfig suits production.
func DefaultProjectorConfig() ProjectorConfig {
	return ProjectorConfig{BatchSize: 1000, Fallback: 2 * time.Second, Standby: 2 * time.Second, MetaCheck: time.Second, Pace: 10 * time.Millisecond, ExportMaxBytes: DefaultExportMaxBytes}
}

// Projector turns outbox rows into Redis documents. Exactly one is active per
// deployment; it recomputes each touched session from Postgres, so applying a
// batch twice, or out of order, gives the same result.
type Projector struct {
	store      *writemodel.Store
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

	// previous keeps each session's last snapshot (without its
	// per-participant part), so that a batch of answers re-reads only what
	// answers change. Only the active projector uses it; it is emptied
	// whenever this process (re)gains the lease.
	mu       sync.Mutex
	previous map[string]*writemodel.Snapshot
}

// maxPrevious bounds the kept snapshots; past it they are dropped wholesale
// (the next batch of each session simply reads everything).
const maxPrevious = 10000

// Renders counts session renders since start: a measure of coalescing (a
// burst of answers should cost a handful, not one per answer).
func (p *Projector) Renders() int64 { return p.renders.Load() }

// NewProjector returns a projector; metrics may be nil.
func NewProjector(store *writemodel.Store, r *Redis, renderer *Renderer, log *slog.Logger, metrics *Metrics, cfg ProjectorConfig) *Projector {
	return &Projector{store: store, redis: r, renderer: renderer, log: log.With("component", "projector"), metrics: metrics, cfg: cfg,
		script: redis.NewScript(writeSessionScript), joinScript: redis.NewScript(writeJoinScript), qscript: redis.NewScript(writeQuestionsScript), previous: map[string]*writemodel.Snapshot{}}
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
			p.log.Info("projector active")
			p.metrics.setActive(true)
			p.lead(ctx, lease)
			p.metrics.setActive(false)
			lease.Release()
			if ctx.Err() == nil {
				p.log.Warn("projector lease lost; standing by")
			}
		}
		select {
		case <-ctx.Done():
			return nil
		case <-time.After(p.cfg.Standby):
		}
	}
}

func (p *Projector) lead(ctx context.Context, lease *writemodel.Lease) {
	// Another projector may have written while this one stood by.
	p.mu.Lock()
	clear(p.previous)
	p.mu.Unlock()
	sub := p.redis.Client.Subscribe(ctx, p.redis.Keys.RepairChannel())
	defer sub.Close()
	repairs := sub.Channel(redis.WithChannelHealthCheckInterval(5 * time.Second))
	fallback := time.NewTicker(p.cfg.Fallback)
	defer fallback.Stop()
	metaCheck := time.NewTicker(p.cfg.MetaCheck)
	defer metaCheck.Stop()
	exports, stopExports := p.startExports(ctx)
	defer stopExports()

	var retryAt, lastDrain time.Time
	backoff := 100 * time.Millisecond
	work := func() {
		if time.Now().Before(retryAt) {
			return
		}
		if err := p.ensureMeta(ctx); err == nil {
			began := time.Now()
			var n int
			n, err = p.drain(ctx)
			if n > 0 {
				lastDrain = began
			}
			if err == nil {
				backoff = 100 * time.Millisecond
				retryAt = time.Time{}
				return
			}
			p.redis.NoteError(err)
			p.log.Warn("projection failed; will retry", "err", err, "in", backoff)
		} else {
			p.log.Warn("read model check failed; will retry", "err", err, "in", backoff)
		}
		retryAt = time.Now().Add(backoff)
		backoff = min(backoff*2, 2*time.Second)
	}
	work()
	for {
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
		case <-fallback.C:
			if n, err := p.store.OutboxBacklog(ctx); err == nil {
				p.metrics.setBacklog(n)
			}
		case <-metaCheck.C:
		case msg, ok := <-repairs:
			if ok {
				p.handleRequest(ctx, msg.Payload, exports)
			}
		}
		work()
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

// drain is Drain, counting the rows it applied.
func (p *Projector) drain(ctx context.Context) (int, error) {
	total := 0
	for ctx.Err() == nil {
		n, err := p.applyBatch(context.WithoutCancel(ctx))
		total += n
		if err != nil {
			return total, err
		}
		if n < p.cfg.BatchSize {
			return total, nil
		}
	}
	return total, nil
}

func (p *Projector) applyBatch(ctx context.Context) (int, error) {
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	rows, err := p.store.FetchOutbox(ctx, p.cfg.BatchSize)
	if err != nil || len(rows) == 0 {
		return 0, err
	}
	ids := make([]int64, len(rows))
	created := make([]time.Time, len(rows))
	reqs := make(map[string]*writemodel.SnapshotRequest)
	var order []string
	// A batch of answers names the same few activities hundreds of times: a
	// set keeps the dedupe linear in the batch. Each list belongs to one
	// session's request, so (list, id) identifies an entry.
	type member struct {
		list *[]string
		id   string
	}
	seen := make(map[member]bool)
	addOnce := func(list *[]string, id *string) {
		if id == nil || seen[member{list, *id}] {
			return
		}
		seen[member{list, *id}] = true
		*list = append(*list, *id)
	}
	for i, r := range rows {
		ids[i] = r.ID
		created[i] = r.CreatedAt
		req, ok := reqs[r.SessionID]
		if !ok {
			req = &writemodel.SnapshotRequest{SessionID: r.SessionID}
			reqs[r.SessionID] = req
			order = append(order, r.SessionID)
		}
		addOnce(&req.Activities, r.ActivityID)
		addOnce(&req.Participants, r.ParticipantID)
		addOnce(&req.Questions, r.QuestionID)
		switch r.Topic {
		case writemodel.TopicActivity:
			req.Structural = true
		case writemodel.TopicSession:
			req.SessionChanged = true
		case writemodel.TopicParticipant:
			req.RosterChanged = true
			if r.ParticipantID != nil {
				req.ChangedParticipants = append(req.ChangedParticipants, *r.ParticipantID)
			}
		}
	}
	batch := make([]writemodel.SnapshotRequest, 0, len(order))
	for _, id := range order {
		batch = append(batch, *reqs[id])
	}
	if err := p.project(ctx, batch); err != nil {
		return 0, err
	}
	if err := p.store.DeleteOutbox(ctx, ids); err != nil {
		return 0, err
	}
	p.metrics.observeBatch(len(rows), created, time.Now())
	return len(rows), nil
}
