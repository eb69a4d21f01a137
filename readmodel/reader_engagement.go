package readmodel

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/redis/go-redis/v9"
)

// ActivityFields fetches fields of an activity hash together with fields of
// its session hash, in one round trip. ErrMissing when the session is not
// projected; a missing activity comes back as empty values.
func (r *Reader) ActivityFields(ctx context.Context, sessionID, activityID string, sessionFields, activityFields []string) ([]string, []string, error) {
	var s, a *redis.SliceCmd
	// MULTI/EXEC, like the projector's writes: both hashes of one projection.
	_, err := r.redis.Client.TxPipelined(ctx, func(p redis.Pipeliner) error {
		s = p.HMGet(ctx, r.keys.Session(sessionID), sessionFields...)
		a = p.HMGet(ctx, r.keys.Activity(sessionID, activityID), activityFields...)
		return nil
	})
	if err != nil {
		return nil, nil, unavailable(fmt.Errorf("activity fields: %w", err))
	}
	sv, present := strs(s.Val())
	if !present {
		return nil, nil, ErrMissing
	}
	av, _ := strs(a.Val())
	return sv, av, nil
}

func strs(vals []any) ([]string, bool) {
	out := make([]string, len(vals))
	present := false
	for i, v := range vals {
		out[i], _ = v.(string)
		present = present || v != nil
	}
	return out, present
}

// ParticipantOwner resolves a participant token's hash to its session and
// participant. A token just issued may not be projected yet: for one,
// a miss waits up to RepairWait before it is final; any other miss is final
// at once (a token that was never issued costs two reads, not a wait).
// While a flushed Redis is being rebuilt (no caja:meta yet) a miss is
// Unavailable, not "no such token": phones must not forget who they are
// because Redis restarted.
func (r *Reader) ParticipantOwner(ctx context.Context, tokenHashHex string, justIssued bool) (sessionID, participantID string, found bool, err error) {
	deadline := time.Now()
	if justIssued {
		deadline = deadline.Add(r.RepairWait)
	}
	wait := 20 * time.Millisecond
	for {
		v, err := r.redis.Client.Get(ctx, r.keys.ParticipantToken(tokenHashHex)).Result()
		if err == nil {
			sid, pid, _ := strings.Cut(v, " ")
			return sid, pid, true, nil
		}
		if !errors.Is(err, redis.Nil) {
			return "", "", false, unavailable(fmt.Errorf("participant token: %w", err))
		}
		if time.Now().After(deadline) {
			n, err := r.redis.Client.Exists(ctx, r.keys.Meta()).Result()
			if err != nil {
				return "", "", false, unavailable(fmt.Errorf("participant token: %w", err))
			}
			if n == 0 {
				return "", "", false, unavailable(errors.New("read model is being rebuilt"))
			}
			return "", "", false, nil
		}
		select {
		case <-ctx.Done():
			return "", "", false, unavailable(ctx.Err())
		case <-time.After(wait):
		}
		wait = min(wait*2, 200*time.Millisecond)
	}
}

// Me fetches a participant's document and what their rank is computed from.
// rank is 0 when no quiz has been revealed.
func (r *Reader) Me(ctx context.Context, sessionID, participantID string) (doc string, score float64, rank int64, err error) {
	var meCmd *redis.StringCmd
	var cardCmd *redis.IntCmd
	var scoreCmd *redis.FloatCmd
	_, err = r.redis.Client.TxPipelined(ctx, func(p redis.Pipeliner) error {
		meCmd = p.HGet(ctx, r.keys.Me(sessionID), participantID)
		scoreCmd = p.ZScore(ctx, r.keys.Scores(sessionID), participantID)
		cardCmd = p.ZCard(ctx, r.keys.Scores(sessionID))
		return nil
	})
	if err != nil && !errors.Is(err, redis.Nil) {
		return "", 0, 0, unavailable(fmt.Errorf("participant: %w", err))
	}
	doc = meCmd.Val()
	if doc == "" {
		return "", 0, 0, ErrMissing
	}
	if cardCmd.Val() == 0 {
		return doc, 0, 0, nil
	}
	score = scoreCmd.Val()
	above, err := r.redis.Client.ZCount(ctx, r.keys.Scores(sessionID), fmt.Sprintf("(%v", score), "+inf").Result()
	if err != nil {
		return "", 0, 0, unavailable(fmt.Errorf("rank: %w", err))
	}
	return doc, score, above + 1, nil
}

// Roster reads the organizer's participant list, in no particular order.
func (r *Reader) Roster(ctx context.Context, sessionID string) ([]RosterEntry, error) {
	lines, err := r.redis.Client.HVals(ctx, r.keys.Roster(sessionID)).Result()
	if err != nil {
		return nil, unavailable(fmt.Errorf("participant list: %w", err))
	}
	out := make([]RosterEntry, len(lines))
	for i, l := range lines {
		if err := json.Unmarshal([]byte(l), &out[i]); err != nil {
			return nil, fmt.Errorf("participant list: %w", err)
		}
	}
	return out, nil
}

// questionPageScript reads one page of a Q&A's ranked questions in one
// round trip: the set's size, then member and document of each question
// after the cursor. KEYS: ranked set, documents hash. ARGV: lower bound
// ("-" or "(" .. member), count, where the id starts in a member.
const questionPageScript = `
local ms = redis.call('ZRANGEBYLEX', KEYS[1], ARGV[1], '+', 'LIMIT', 0, tonumber(ARGV[2]))
local out = {redis.call('ZCARD', KEYS[1])}
for _, m in ipairs(ms) do
  out[#out + 1] = m
  out[#out + 1] = redis.call('HGET', KEYS[2], string.sub(m, tonumber(ARGV[3]))) or ''
end
return out
`

var questionPage = redis.NewScript(questionPageScript)

// QuestionPage is one page of a Q&A's questions in the views' order.
type QuestionPage struct {
	Total int
	// Members are the ranked members of the page's questions (a cursor is
	// the last one), Docs their JSON documents.
	Members []string
	Docs    []string
}

// ValidQuestionMember reports whether s is shaped like a ranked member
// (QuestionMember), as a cursor must be.
func ValidQuestionMember(s string) bool {
	if len(s) != questionMemberPrefix+36 || (s[0] != '0' && s[0] != '1') {
		return false
	}
	for i := 1; i < questionMemberPrefix; i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	for _, c := range s[questionMemberPrefix:] {
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c == '-') {
			return false
		}
	}
	return true
}

// Questions reads up to limit questions of a Q&A after the member after
// ("" for the first page) from one ranked set: RankAll, RankPublic (the
// audience's) or a question status.
func (r *Reader) Questions(ctx context.Context, sessionID, activityID, set string, after string, limit int) (*QuestionPage, error) {
	from := "-"
	if after != "" {
		from = "(" + after
	}
	keys := []string{r.keys.QuestionRank(sessionID, activityID, set), r.keys.Questions(sessionID, activityID)}
	res, err := questionPage.Run(ctx, r.redis.Client, keys, from, limit, questionMemberPrefix+1).Slice()
	if err != nil {
		return nil, unavailable(fmt.Errorf("questions: %w", err))
	}
	page := &QuestionPage{}
	if len(res) > 0 {
		n, _ := res[0].(int64)
		page.Total = int(n)
	}
	for i := 1; i+1 < len(res); i += 2 {
		m, _ := res[i].(string)
		doc, _ := res[i+1].(string)
		if doc == "" {
			continue // written in the same transaction: not expected
		}
		page.Members = append(page.Members, m)
		page.Docs = append(page.Docs, doc)
	}
	return page, nil
}

// AwaitQuestionIndex asks the projector to re-project a session whose Q&A
// has no paged list yet (projected before it existed) and waits up to
// RepairWait for the list.
func (r *Reader) AwaitQuestionIndex(ctx context.Context, sessionID, activityID string) error {
	return r.requestProjection(ctx, sessionID, "the questions are being re-projected", func() (bool, error) {
		v, err := r.redis.Client.HGet(ctx, r.keys.Activity(sessionID, activityID), FieldQuestionsIndexed).Result()
		if err != nil && !errors.Is(err, redis.Nil) {
			return false, unavailable(fmt.Errorf("questions: %w", err))
		}
		return v == "1", nil
	})
}
