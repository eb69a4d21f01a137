package readmodel

import (
	"context"
	"fmt"
	"time"

	"github.com/redis/go-redis/v9"
	"golang.org/x/sync/errgroup"

	"github.com/cajalive/caja"
	"github.com/cajalive/caja/writemodel"
)

// absentTTL is how long an unknown session id is remembered as unknown.
const absentTTL = time.Minute

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
