package readmodel

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/redis/go-redis/v9"
)

// write puts one session's documents into Redis: its own keys in one
// MULTI/EXEC (a reader sees a projection whole or not at all; they share
// one hash slot), guarded by WATCH on the session hash so that the fencing
// token and the version are checked atomically with the write; then what
// points at it from other slots (join code, tokens), so nothing points at
// a session before it is there.
func (p *Projector) write(ctx context.Context, d *Documents, goneActivities []string, incremental bool, expected, version int64) error {
	k := p.redis.Keys
	key := k.Session(d.SessionID)
	epoch := p.epoch.Load()
	now := time.Now().UTC().Format(time.RFC3339Nano)
	legacy := p.upgrading.Load()
	single := !p.redis.Clustered()
	txn := func(tx *redis.Tx) error {
		vals, err := tx.HMGet(ctx, key, FieldFence, FieldVersion).Result()
		if err != nil {
			return fmt.Errorf("check fence: %w", err)
		}
		fence, _ := strconv.ParseInt(stringOf(vals[0]), 10, 64)
		if epoch > 0 && fence > epoch {
			return errFenced
		}
		held, _ := strconv.ParseInt(stringOf(vals[1]), 10, 64)
		if incremental && held < expected {
			return errBehind
		}
		if l := p.lease.Load(); l != nil && !l.Valid() {
			return errFenced
		}
		_, err = tx.TxPipelined(ctx, func(pipe redis.Pipeliner) error {
			p.writeSession(ctx, pipe, d, now)
			for _, aid := range goneActivities {
				pipe.Del(ctx, append([]string{k.Activity(d.SessionID, aid)}, k.QuestionKeys(d.SessionID, aid)...)...)
			}
			fields := []any{FieldVersion, version}
			if epoch > 0 {
				fields = append(fields, FieldFence, epoch)
			}
			pipe.HSet(ctx, key, fields...)
			if single {
				// One node: what points at the session goes in the same
				// transaction, one round trip fewer.
				p.writeShared(ctx, pipe, d, legacy, goneActivities)
			}
			return nil
		})
		return err
	}
	var err error
	for range 3 {
		// Another projector's write in between aborts the EXEC: look at
		// the fence again.
		if err = p.redis.Client.Watch(ctx, txn, key); !errors.Is(err, redis.TxFailedErr) {
			break
		}
	}
	if err != nil {
		return fmt.Errorf("write read model: %w", err)
	}
	if !single {
		_, err := p.redis.Client.Pipelined(ctx, func(pipe redis.Pipeliner) error {
			p.writeShared(ctx, pipe, d, legacy, goneActivities)
			return nil
		})
		if err != nil {
			return fmt.Errorf("write join code and tokens: %w", err)
		}
	}
	return nil
}

func stringOf(v any) string {
	s, _ := v.(string)
	return s
}

// EndedJoinTTL is how long a join code keeps saying "this session has
// ended" after its session completed (unless a new session takes it).
const EndedJoinTTL = 72 * time.Hour

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
// its join code and its participants' tokens, and, after an upgrade, deletes
// the session's keys of the old layout.
func (p *Projector) writeShared(ctx context.Context, pipe redis.Pipeliner, d *Documents, legacy bool, goneActivities []string) {
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
	if legacy {
		for _, key := range k.LegacyKeys(d.SessionID, d.JoinCode, activityIDs(d, goneActivities)) {
			pipe.Del(ctx, key)
		}
	}
}
