package readmodel

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/redis/go-redis/v9"
	"golang.org/x/sync/errgroup"

	"github.com/cajalive/caja"
	"github.com/cajalive/caja/writemodel"
)

// absentTTL is how long an unknown session id is remembered as unknown.
const absentTTL = time.Minute

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

// ProjectSessions re-renders the given sessions completely from Postgres and
// writes them to Redis in one pipeline. Sessions that no longer exist are
// marked absent.
func (p *Projector) ProjectSessions(ctx context.Context, ids []string) error {
	reqs := make([]writemodel.SnapshotRequest, len(ids))
	for i, id := range ids {
		reqs[i] = writemodel.SnapshotRequest{SessionID: id, All: true}
	}
	return p.project(ctx, reqs)
}

func (p *Projector) project(ctx context.Context, reqs []writemodel.SnapshotRequest) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	if len(p.previous) > maxPrevious {
		clear(p.previous)
	}
	docs := make([]*Documents, 0, len(reqs))
	snaps := make(map[string]*writemodel.Snapshot, len(reqs))
	var absent []string
	var touchedActivities [][2]string
	for _, req := range reqs {
		req.Previous = p.previous[req.SessionID]
		snap, err := p.store.LoadSnapshot(ctx, req)
		if caja.KindOf(err) == caja.NotFound {
			absent = append(absent, req.SessionID)
			delete(p.previous, req.SessionID)
			continue
		}
		if err != nil {
			return err
		}
		snaps[req.SessionID] = snap
		d, err := p.renderer.Render(snap)
		if err != nil {
			return fmt.Errorf("render %s: %w", req.SessionID, err)
		}
		p.renders.Add(1)
		for _, aid := range req.Activities {
			if !d.KnownActivityIDs[aid] {
				touchedActivities = append(touchedActivities, [2]string{req.SessionID, aid})
			}
		}
		docs = append(docs, d)
	}
	now := time.Now().UTC().Format(time.RFC3339Nano)
	k := p.redis.Keys
	deleted := make(map[string][]string, len(touchedActivities))
	for _, sa := range touchedActivities {
		deleted[sa[0]] = append(deleted[sa[0]], sa[1])
	}
	legacy := p.upgrading.Load()
	// A session's own keys, in one MULTI/EXEC: a reader sees a projection
	// whole or not at all (the list of questions and a participant's own
	// upvotes agree, say). They share one hash slot.
	sessionPart := func(pipe redis.Pipeliner, d *Documents) {
		p.writeSession(ctx, pipe, d, now)
		for _, aid := range deleted[d.SessionID] {
			pipe.Del(ctx, append([]string{k.Activity(d.SessionID, aid)}, k.QuestionKeys(d.SessionID, aid)...)...)
		}
	}
	// Keys of other slots, each written by a single-key command or a
	// script on one slot: join codes, tokens, absent markers and, after an
	// upgrade, the keys of the old layout.
	sharedPart := func(pipe redis.Pipeliner) {
		for _, d := range docs {
			p.writeShared(ctx, pipe, d)
			if legacy {
				for _, key := range k.LegacyKeys(d.SessionID, d.JoinCode, activityIDs(d, deleted[d.SessionID])) {
					pipe.Del(ctx, key)
				}
			}
		}
		for _, id := range absent {
			pipe.Set(ctx, k.Absent(id), "1", absentTTL)
		}
	}
	var err error
	if !p.redis.Clustered() {
		// One node: everything in one MULTI/EXEC, one round trip.
		_, err = p.redis.Client.TxPipelined(ctx, func(pipe redis.Pipeliner) error {
			for _, d := range docs {
				sessionPart(pipe, d)
			}
			sharedPart(pipe)
			return nil
		})
	} else {
		// A cluster runs a transaction per slot: one per session, a few at
		// a time; then what points at the sessions (join codes, tokens),
		// so nothing points at a session before it is there.
		g, gctx := errgroup.WithContext(ctx)
		g.SetLimit(clusterWriteParallelism)
		for _, d := range docs {
			g.Go(func() error {
				_, err := p.redis.Client.TxPipelined(gctx, func(pipe redis.Pipeliner) error {
					sessionPart(pipe, d)
					return nil
				})
				return err
			})
		}
		err = g.Wait()
		if err == nil {
			_, err = p.redis.Client.Pipelined(ctx, func(pipe redis.Pipeliner) error {
				sharedPart(pipe)
				return nil
			})
		}
	}
	if err != nil {
		// What was read may not be what Redis holds: read it all next time.
		for id := range snaps {
			delete(p.previous, id)
		}
		return fmt.Errorf("write read model: %w", err)
	}
	for id, snap := range snaps {
		p.previous[id] = snap.Reusable()
	}
	return nil
}

// EndedJoinTTL is how long a join code keeps saying "this session has
// ended" after its session completed (unless a new session takes it).
const EndedJoinTTL = 72 * time.Hour

// clusterWriteParallelism bounds the transactions a batch runs at once on
// a Redis Cluster (one per session).
const clusterWriteParallelism = 8

// activityIDs lists the activity keys a session may have had.
func activityIDs(d *Documents, deleted []string) []string {
	out := make([]string, 0, len(d.KnownActivityIDs)+len(deleted))
	for id := range d.KnownActivityIDs {
		out = append(out, id)
	}
	return append(out, deleted...)
}

// writeSessionScript replaces a session's hash fields atomically, moves
// updated_at only when the participant view's ETag changed, and clears an
// "absent" marker.
//
// KEYS: session hash, absent key (one slot). ARGV: now, etag, then
// field/value pairs.
const writeSessionScript = `
local old = redis.call('HMGET', KEYS[1], 'etag', 'updated_at')
local fields = {}
for i = 3, #ARGV do fields[#fields + 1] = ARGV[i] end
redis.call('HSET', KEYS[1], unpack(fields))
local updated = ARGV[1]
if old[1] == ARGV[2] and old[2] then updated = old[2] end
redis.call('HSET', KEYS[1], 'updated_at', updated, 'projected_at', ARGV[1])
redis.call('DEL', KEYS[2])
return 1
`

// writeJoinScript points the join code at the session while it is live
// (and releases it, if still ours, once completed, into the ended-code
// key). A completed session re-projected later (a repair) writes the
// ended-code key only when no other session left one, so the last to end
// keeps it.
//
// KEYS: join key, ended join key (one slot: the code is their hash tag).
// ARGV: session id, live ("1"/"0"), ended TTL (seconds).
const writeJoinScript = `
if ARGV[2] == '1' then
  redis.call('SET', KEYS[1], ARGV[1])
elseif redis.call('GET', KEYS[1]) == ARGV[1] then
  redis.call('DEL', KEYS[1])
  redis.call('SET', KEYS[2], ARGV[1], 'EX', ARGV[3])
elseif redis.call('EXISTS', KEYS[1]) == 0 then
  redis.call('SET', KEYS[2], ARGV[1], 'EX', ARGV[3], 'NX')
end
return 1
`

// writeQuestionsScript updates questions of a Q&A's paged list: each
// question's document, and its member in the ranked sets (the old member,
// found by the question's id, is removed first, as upvotes and pinning move
// it, and moderation moves it between the sets of its status). With
// replace ("1") the list is rebuilt from the given questions and the
// activity marked as indexed.
//
// KEYS: documents hash, the all-questions set, the public set, one set per
// status (pending, approved, hidden, answered), the activity hash. ARGV:
// replace, then (id, member, public "1"/"0", status, document) per question.
const writeQuestionsScript = `
if ARGV[1] == '1' then
  for k = 1, 7 do redis.call('DEL', KEYS[k]) end
  redis.call('HSET', KEYS[8], 'questions_indexed', '1')
end
local statusKey = {pending = KEYS[4], approved = KEYS[5], hidden = KEYS[6], answered = KEYS[7]}
for i = 2, #ARGV, 5 do
  local id, m, pub, status, doc = ARGV[i], ARGV[i + 1], ARGV[i + 2], ARGV[i + 3], ARGV[i + 4]
  local old = redis.call('HGET', KEYS[1], 'm:' .. id)
  if old then
    for k = 2, 7 do redis.call('ZREM', KEYS[k], old) end
  end
  redis.call('HSET', KEYS[1], id, doc, 'm:' .. id, m)
  redis.call('ZADD', KEYS[2], 0, m)
  if pub == '1' then redis.call('ZADD', KEYS[3], 0, m) end
  if statusKey[status] then redis.call('ZADD', statusKey[status], 0, m) end
end
return 1
`

func (p *Projector) writeSession(ctx context.Context, pipe redis.Pipeliner, d *Documents, now string) {
	k := p.redis.Keys
	args := make([]any, 0, 2+len(d.Fields))
	args = append(args, now, d.ETag)
	args = append(args, d.Fields...)
	p.script.Eval(ctx, pipe, []string{k.Session(d.SessionID), k.Absent(d.SessionID)}, args...)

	for aid, fields := range d.Activities {
		pipe.HSet(ctx, k.Activity(d.SessionID, aid), fields...)
	}
	for aid, w := range d.Questions {
		args := make([]any, 0, 1+5*len(w.Entries))
		args = append(args, boolString(w.ReplaceAll))
		for _, e := range w.Entries {
			args = append(args, e.ID, e.Member, boolString(e.Public), e.Status, e.Doc)
		}
		p.qscript.Eval(ctx, pipe, append(k.QuestionKeys(d.SessionID, aid), k.Activity(d.SessionID, aid)), args...)
	}
	if d.Me != nil {
		me, roster := k.Me(d.SessionID), k.Roster(d.SessionID)
		if d.ReplaceAllMe {
			pipe.Del(ctx, me, roster)
		}
		if len(d.Me) > 0 {
			args := make([]any, 0, 2*len(d.Me))
			for id, doc := range d.Me {
				args = append(args, id, doc)
			}
			pipe.HSet(ctx, me, args...)
			args = args[:0]
			for id, line := range d.Roster {
				args = append(args, id, line)
			}
			pipe.HSet(ctx, roster, args...)
		}
		if len(d.RemovedParticipants) > 0 {
			pipe.HDel(ctx, me, d.RemovedParticipants...)
			pipe.HDel(ctx, roster, d.RemovedParticipants...)
		}
	}
	scores := k.Scores(d.SessionID)
	pipe.Del(ctx, scores)
	if len(d.Scores) > 0 {
		members := make([]redis.Z, 0, len(d.Scores))
		for id, sc := range d.Scores {
			members = append(members, redis.Z{Score: sc, Member: id})
		}
		pipe.ZAdd(ctx, scores, members...)
	}
}

// writeShared writes what points at a session from keys of other slots:
// its join code and its participants' tokens.
func (p *Projector) writeShared(ctx context.Context, pipe redis.Pipeliner, d *Documents) {
	k := p.redis.Keys
	live := "0"
	if d.Live {
		live = "1"
	}
	p.joinScript.Eval(ctx, pipe, []string{k.Join(d.JoinCode), k.JoinEnded(d.JoinCode)}, d.SessionID, live, int(EndedJoinTTL/time.Second))
	if d.Me != nil {
		for hash, owner := range d.Tokens {
			pipe.Set(ctx, k.ParticipantToken(hash), owner, 0)
		}
		for _, hash := range d.RemovedTokens {
			pipe.Del(ctx, k.ParticipantToken(hash))
		}
	}
}

// RebuildAll re-projects every session, live ones first, then writes the
// caja:meta marker. includeCompleted also re-projects completed sessions
// (they are otherwise repaired lazily when first read).
//
// A read model of the old key layout (a caja:meta without layout) is moved:
// each projection also deletes the session's old keys, then the remaining
// old keys are swept.
func (p *Projector) RebuildAll(ctx context.Context, includeCompleted bool) (int, error) {
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
	const chunk = 100
	for i := 0; i < len(ids); i += chunk {
		if err := p.ProjectSessions(ctx, ids[i:min(i+chunk, len(ids))]); err != nil {
			return i, err
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
	count, err := p.RebuildAll(context.WithoutCancel(ctx), false)
	if err != nil {
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

// handleRequest serves what readers ask for on the repair channel: a
// session id to re-project, or "export <session id> <version>" (handed to
// the export worker, so that projection never waits for an export).
func (p *Projector) handleRequest(ctx context.Context, payload string, exports chan<- exportRequest) {
	kind, rest, found := strings.Cut(payload, " ")
	if !found {
		p.repair(ctx, payload)
		return
	}
	sid, version, _ := strings.Cut(rest, " ")
	if kind != "export" || !caja.IsCanonicalID(sid) || !validExportVersion(version) {
		return
	}
	select {
	case exports <- exportRequest{sessionID: sid, version: version}:
	default:
		// The worker is behind: the reader times out and may ask again.
		p.log.Warn("export request dropped: too many waiting", "session_id", sid)
	}
}

func (p *Projector) repair(ctx context.Context, sessionID string) {
	if !caja.IsCanonicalID(sessionID) {
		return
	}
	if err := p.ProjectSessions(context.WithoutCancel(ctx), []string{sessionID}); err != nil && !errors.Is(err, context.Canceled) {
		p.log.Warn("repair failed", "session_id", sessionID, "err", err)
	}
}
