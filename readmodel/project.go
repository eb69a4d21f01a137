package readmodel

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"golang.org/x/sync/errgroup"

	"github.com/cajalive/caja"
	"github.com/cajalive/caja/writemodel"
)

// absentTTL is how long an unknown session id is remembered as unknown.
const absentTTL = time.Minute

// Hash fields of the session hash that the projector keeps for itself: the
// version it wrote (the highest outbox id applied, compared with Postgres
// by the anti-entropy pass) and the fencing token of the lease it wrote
// under.
const (
	FieldVersion = "version"
	FieldFence   = "fence"
)

// errFenced: the session was written under a newer lease than this
// projector's; this projector is no longer the active one.
var errFenced = errors.New("fenced: a newer projector lease wrote this session")

// errBehind: the session's Redis copy is older than Postgres says it was
// projected (a lost write); an incremental write would not repair it.
var errBehind = errors.New("the Redis copy is behind")

// ProjectSessions re-renders the given sessions completely from Postgres and
// writes them to Redis, each on its own. It returns the first failure; the
// other sessions are written regardless.
func (p *Projector) ProjectSessions(ctx context.Context, ids []string) error {
	res, err := p.projectFull(ctx, ids)
	if err != nil {
		return err
	}
	for _, id := range ids {
		if e := res.failed[id]; e != nil {
			return fmt.Errorf("project session %s: %w", id, e)
		}
	}
	return nil
}

// projectFull re-renders whole sessions and records their versions.
func (p *Projector) projectFull(ctx context.Context, ids []string) (*projection, error) {
	reqs := make([]writemodel.SnapshotRequest, len(ids))
	for i, id := range ids {
		reqs[i] = writemodel.SnapshotRequest{SessionID: id, All: true}
	}
	res, err := p.project(ctx, reqs, nil)
	if err != nil {
		return nil, err
	}
	if err := p.store.CompleteBatch(ctx, nil, res.versions, res.absent); err != nil {
		return nil, err
	}
	return res, nil
}

// projection is what one call of project did.
type projection struct {
	// versions are the versions written, per session written.
	versions map[string]int64
	absent   []string
	failed   map[string]error
}

// project renders and writes each requested session in a piece of its own,
// with its own deadline, a few at a time: a session that cannot be written
// (too slow, a key of the wrong type, a fenced write) fails alone and is
// reported in failed, the others are written. batch gives, per session, the
// highest outbox id the request covers. The error is for the whole call
// (the recorded versions could not be read, or this projector was fenced).
func (p *Projector) project(ctx context.Context, reqs []writemodel.SnapshotRequest, batch map[string]int64) (*projection, error) {
	res := &projection{versions: map[string]int64{}, failed: map[string]error{}}
	var mu sync.Mutex
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(sessionWriteParallelism)
	for _, req := range reqs {
		g.Go(func() error {
			// One projection of a session at a time (an outbox worker may
			// be on it).
			if err := p.locks.lock(gctx, req.SessionID); err != nil {
				return err
			}
			defer p.locks.unlock(req.SessionID)
			absent, version, err := p.projectLocked(gctx, req, batch[req.SessionID])
			mu.Lock()
			defer mu.Unlock()
			switch {
			case errors.Is(err, errFenced):
				return err
			case err != nil:
				res.failed[req.SessionID] = err
			case absent:
				res.absent = append(res.absent, req.SessionID)
			default:
				res.versions[req.SessionID] = version
			}
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		return nil, err
	}
	if len(res.absent) > 0 {
		p.markAbsent(ctx, res.absent)
	}
	return res, nil
}

// sessionWriteParallelism bounds the sessions one call renders and writes
// at once.
const sessionWriteParallelism = 8

// projectLocked projects one session whose lock the caller holds: it reads
// the version Postgres recorded, renders and writes with its own deadline,
// and turns an incremental request into a full one when Redis is behind.
// It returns the version written.
func (p *Projector) projectLocked(ctx context.Context, req writemodel.SnapshotRequest, batchVersion int64) (absent bool, version int64, err error) {
	sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), p.cfg.SessionTimeout)
	defer cancel()
	recorded, err := p.store.ProjectedVersions(sctx, []string{req.SessionID})
	if err != nil {
		return false, 0, fmt.Errorf("read: %w", err)
	}
	expected := recorded[req.SessionID]
	version = max(expected, batchVersion)
	absent, err = p.projectOne(sctx, req, expected, version)
	if errors.Is(err, errBehind) {
		req = writemodel.SnapshotRequest{SessionID: req.SessionID, All: true}
		absent, err = p.projectOne(sctx, req, expected, version)
	}
	return absent, version, err
}

// projectOne renders one session and writes it. expected is the version
// Postgres says Redis holds; version the one this write brings.
func (p *Projector) projectOne(ctx context.Context, req writemodel.SnapshotRequest, expected, version int64) (absent bool, err error) {
	if !req.All {
		req.Previous = p.cache.get(req.SessionID)
	}
	snap, err := p.store.LoadSnapshot(ctx, req)
	if caja.KindOf(err) == caja.NotFound {
		p.cache.drop(req.SessionID)
		return true, nil
	}
	if err != nil {
		return false, fmt.Errorf("read: %w", err)
	}
	d, err := p.renderer.Render(snap)
	if err != nil {
		return false, fmt.Errorf("render: %w", err)
	}
	p.renders.Add(1)
	var gone []string
	for _, aid := range req.Activities {
		if !d.KnownActivityIDs[aid] {
			gone = append(gone, aid)
		}
	}
	if err := p.write(ctx, d, gone, !req.All, expected, version); err != nil {
		// What was read may not be what Redis holds: read it all next time.
		p.cache.drop(req.SessionID)
		return false, err
	}
	p.cache.put(req.SessionID, snap.Reusable())
	return false, nil
}
