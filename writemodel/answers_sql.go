package writemodel

import (
	"cmp"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/google/uuid"
)

// Answers come in bursts and are written in batches (group commit, in
// package commands): the batch's transaction reads what its answers are
// checked against in one go (LoadAnswerContext), the command checks them,
// and StoreAnswers writes the accepted ones with a handful of statements
// for the whole batch. Every rule about duplicates is the database's
// unique key on (activity, participant, slot): concurrent duplicates count
// once.

// AnswerKind says how an answer relates to the participant's earlier ones.
type AnswerKind int

const (
	// AnswerOnce keeps the first answer; a later one is refused (quiz).
	AnswerOnce AnswerKind = iota
	// AnswerReplace replaces the earlier answer (poll, rating, open text).
	AnswerReplace
	// AnswerSlots adds an entry, up to Slots of them (word cloud).
	AnswerSlots
)

// AnswerKey names what one answer of a batch needs: its participant's
// token hash, its session and its activity.
type AnswerKey struct {
	TokenHash             []byte
	SessionID, ActivityID string
}

// AnswerContext is what a batch of answers is checked against, read inside
// the batch's transaction.
type AnswerContext struct {
	// Participants by token hash (string of the bytes); kicked participants
	// are left out.
	Participants map[string]*Participant
	Activities   map[string]*Activity
	// Options of each activity, in order.
	Options map[string][]ActivityOption
	// Ended holds the batch's sessions that are completed.
	Ended map[string]bool
}

// Answer is an answer checked by its command, ready to store.
type Answer struct {
	Kind  AnswerKind
	Slots int
	// Response carries the answer's session, activity and participant and
	// its content (Text, Normalized, Value, Correct, Points, CreatedAt,
	// UpdatedAt); the store fills in its id, slot and options.
	Response  Response
	OptionIDs []string
}

// AnswerRefusal says why the database kept an answer out.
type AnswerRefusal int

const (
	// NotRefused: the answer was stored.
	NotRefused AnswerRefusal = iota
	// RefusedAlreadyAnswered: an AnswerOnce answer whose participant had
	// answered already.
	RefusedAlreadyAnswered
	// RefusedNoFreeSlot: an AnswerSlots answer whose participant had used
	// every slot.
	RefusedNoFreeSlot
)

// AnswerStored is the outcome of one answer of a batch.
type AnswerStored struct {
	ResponseID string
	ActivityID string
	Replaced   bool
	Refused    AnswerRefusal
}

// LoadAnswerContext reads the batch's participants (by token hash, kicked
// ones excluded), activities, options and which of its sessions have ended,
// in three statements. Kicked participants are left out here, not in SQL,
// for the reason given at ParticipantByTokenHash.
func (tx *Tx) LoadAnswerContext(keys []AnswerKey) (*AnswerContext, error) {
	hashes := make([][]byte, 0, len(keys))
	aids := make([]string, 0, len(keys))
	for _, k := range keys {
		hashes = append(hashes, k.TokenHash)
		if !slices.Contains(aids, k.ActivityID) {
			aids = append(aids, k.ActivityID)
		}
	}
	c := &AnswerContext{}
	var ps []Participant
	var err error
	if tx.dialect == Postgres {
		ps, err = tx.participantsByTokenPostgres(hashes)
	} else {
		err = tx.db.Where("token_hash IN ?", hashes).Find(&ps).Error
	}
	if err != nil {
		return nil, fmt.Errorf("find participants: %w", err)
	}
	c.Participants = make(map[string]*Participant, len(ps))
	for i := range ps {
		if ps[i].KickedAt == nil {
			c.Participants[string(ps[i].TokenHash)] = &ps[i]
		}
	}
	// The activities with their sessions' status, in one read: an ended
	// session is one of the batch's activities' (checkAnswer compares the
	// activity's session with the request's first).
	var as []activityInSession
	q := tx.db.Table("activities").Select("activities.*, sessions.status AS session_status")
	if tx.dialect == Postgres {
		// The options come with their activity (one read fewer per batch).
		q = tx.db.Table("activities").Select("activities.*, sessions.status AS session_status, " + optionsJSONPostgres)
	}
	if err := q.Joins("JOIN sessions ON sessions.id = activities.session_id").Where("activities.id IN ?", aids).Scan(&as).Error; err != nil {
		return nil, fmt.Errorf("load activities: %w", err)
	}
	c.Activities = make(map[string]*Activity, len(as))
	c.Ended = make(map[string]bool)
	c.Options = make(map[string][]ActivityOption)
	for i := range as {
		c.Activities[as[i].ID] = &as[i].Activity
		if as[i].SessionStatus == StatusCompleted {
			c.Ended[as[i].SessionID] = true
		}
		if as[i].OptionsJSON != nil {
			var os []ActivityOption
			if err := json.Unmarshal([]byte(*as[i].OptionsJSON), &os); err != nil {
				return nil, fmt.Errorf("load options: %w", err)
			}
			c.Options[as[i].ID] = os
		}
	}
	if tx.dialect == Postgres {
		return c, nil
	}
	var os []ActivityOption
	if err := tx.db.Where("activity_id IN ?", aids).Order("activity_id, position").Find(&os).Error; err != nil {
		return nil, fmt.Errorf("load options: %w", err)
	}
	for _, o := range os {
		c.Options[o.ActivityID] = append(c.Options[o.ActivityID], o)
	}
	return c, nil
}

// activityInSession is an activity with its session's status.
type activityInSession struct {
	Activity
	SessionStatus string
	// OptionsJSON is the activity's options in order (Postgres), as
	// ActivityOption's fields.
	OptionsJSON *string `gorm:"column:options_json"`
}

// optionsJSONPostgres selects an activity's options as a JSON array whose
// keys are ActivityOption's field names.
const optionsJSONPostgres = `(SELECT json_agg(json_build_object('ID', o.id, 'ActivityID', o.activity_id, 'Position', o.position,
	'Label', o.label, 'Correct', o.correct, 'ImageID', o.image_id) ORDER BY o.position)
	FROM activity_options o WHERE o.activity_id = activities.id) AS options_json`

// pendingAnswer is an Answer on its way into the database, with its outcome.
type pendingAnswer struct {
	*Answer
	out *AnswerStored
}

func (p pendingAnswer) key() string {
	return p.Response.ActivityID + "/" + p.Response.ParticipantID
}

// StoreAnswers writes a batch of checked answers and their outbox rows, and
// returns each answer's outcome, in order. Only database failures are
// errors.
//
// Several answers of one participant to one activity in one batch behave as
// if they had come one after the other: for AnswerOnce the first stands and
// the others are refused; for AnswerReplace the first is stored (or
// replaces an earlier one) and each later one replaces it, so the row ends
// with the last one's content; AnswerSlots entries each take a slot of
// their own.
func (tx *Tx) StoreAnswers(answers []Answer) ([]AnswerStored, error) {
	outs := make([]AnswerStored, len(answers))
	var rows, stored []pendingAnswer
	followers := map[*Answer][]*AnswerStored{}
	first := map[string]pendingAnswer{}
	for i := range answers {
		a := pendingAnswer{Answer: &answers[i], out: &outs[i]}
		a.Response.ID = uuid.NewString()
		k := a.key()
		lead, seen := first[k]
		switch {
		case a.Kind == AnswerSlots || !seen:
			first[k] = a
			rows = append(rows, a)
		case a.Kind == AnswerOnce:
			a.out.Refused = RefusedAlreadyAnswered
		default: // AnswerReplace
			followers[lead.Answer] = append(followers[lead.Answer], a.out)
			lr, r := &lead.Response, &a.Response
			lr.Text, lr.Normalized, lr.Value, lr.Correct, lr.Points, lr.UpdatedAt = r.Text, r.Normalized, r.Value, r.Correct, r.Points, r.UpdatedAt
			lr.Ratings, lr.OptionPoints, lr.NumberValue = r.Ratings, r.OptionPoints, r.NumberValue
			lead.OptionIDs = a.OptionIDs
		}
	}
	for attempt := 0; len(rows) > 0; attempt++ {
		if attempt > 8 {
			return nil, fmt.Errorf("store answers: word-cloud slots still taken after %d attempts", attempt)
		}
		var err error
		rows, err = tx.assignSlots(rows)
		if err != nil {
			return nil, err
		}
		done, retry, err := tx.insertRows(rows)
		if err != nil {
			return nil, err
		}
		stored = append(stored, done...)
		rows = retry // word-cloud slots another replica took meanwhile
	}
	for i := range answers {
		for _, f := range followers[&answers[i]] {
			*f = outs[i]
			f.Replaced = outs[i].Refused == NotRefused
		}
	}
	if len(stored) == 0 {
		return outs, nil
	}
	// One outbox row per activity of the batch, naming its participants
	// (whose own documents the projector refreshes).
	var publish []outboxRow
	row := map[string]int{}
	named := map[[2]string]bool{}
	for _, a := range stored {
		r := &a.Response
		i, ok := row[r.ActivityID]
		if !ok {
			i = len(publish)
			row[r.ActivityID] = i
			publish = append(publish, outboxRow{SessionID: r.SessionID, ActivityID: r.ActivityID, Topic: TopicResponse})
		}
		if k := [2]string{r.ActivityID, r.ParticipantID}; !named[k] {
			named[k] = true
			publish[i].ParticipantIDs = append(publish[i].ParticipantIDs, r.ParticipantID)
		}
	}
	for i := range publish {
		if p := &publish[i]; len(p.ParticipantIDs) == 1 {
			p.ParticipantID, p.ParticipantIDs = p.ParticipantIDs[0], nil
		}
	}
	if err := tx.publish(publish...); err != nil {
		return nil, err
	}
	return outs, nil
}

// assignSlots gives each word-cloud entry the participant's lowest free
// slot; a participant with every slot taken is refused.
func (tx *Tx) assignSlots(answers []pendingAnswer) ([]pendingAnswer, error) {
	var aids, pids []string
	for _, a := range answers {
		if a.Kind == AnswerSlots {
			aids = append(aids, a.Response.ActivityID)
			pids = append(pids, a.Response.ParticipantID)
		}
	}
	if len(aids) == 0 {
		return answers, nil
	}
	var used []struct {
		ActivityID, ParticipantID string
		Slot                      int
	}
	if err := tx.db.Model(&Response{}).Select("activity_id, participant_id, slot").Where("activity_id IN ? AND participant_id IN ?", aids, pids).Find(&used).Error; err != nil {
		return nil, fmt.Errorf("find used slots: %w", err)
	}
	taken := make(map[string]bool, len(used))
	for _, u := range used {
		taken[fmt.Sprintf("%s/%s/%d", u.ActivityID, u.ParticipantID, u.Slot)] = true
	}
	out := answers[:0]
	for _, a := range answers {
		if a.Kind != AnswerSlots {
			out = append(out, a)
			continue
		}
		a.Response.Slot = -1
		for slot := 0; slot < a.Slots; slot++ {
			if k := fmt.Sprintf("%s/%d", a.key(), slot); !taken[k] {
				taken[k] = true // the participant's next entry takes the next slot
				a.Response.Slot = slot
				break
			}
		}
		if a.Response.Slot < 0 {
			a.out.Refused = RefusedNoFreeSlot
			continue
		}
		out = append(out, a)
	}
	return out, nil
}

const responseColumns = "id, session_id, activity_id, participant_id, slot, text, normalized, value, correct, points, option_ids, ratings, option_points, number_value, created_at, updated_at"

// insertRows inserts the answers with a single multi-row INSERT, at most
// one per (activity, participant, slot). Answers whose slot was already
// taken replace it (AnswerReplace), are refused (AnswerOnce), or try
// another slot (AnswerSlots).
func (tx *Tx) insertRows(answers []pendingAnswer) (stored, retry []pendingAnswer, err error) {
	if len(answers) == 0 {
		return nil, nil, nil
	}
	// The same order in every batch keeps batches of other replicas from
	// deadlocking on each other's keys.
	slices.SortFunc(answers, func(a, b pendingAnswer) int {
		return cmp.Or(
			strings.Compare(a.Response.ActivityID, b.Response.ActivityID),
			strings.Compare(a.Response.ParticipantID, b.Response.ParticipantID),
			cmp.Compare(a.Response.Slot, b.Response.Slot))
	})
	ids, err := tx.insertResponses(answers)
	if err != nil {
		return nil, nil, fmt.Errorf("insert responses: %w", err)
	}
	inserted := make(map[string]bool, len(ids))
	for _, id := range ids {
		inserted[id] = true
	}

	var created, replaced []pendingAnswer
	for _, a := range answers {
		r := &a.Response
		if inserted[r.ID] {
			*a.out = AnswerStored{ResponseID: r.ID, ActivityID: r.ActivityID}
			created = append(created, a)
			continue
		}
		switch a.Kind {
		case AnswerOnce:
			a.out.Refused = RefusedAlreadyAnswered
		case AnswerReplace:
			id, err := tx.ReplaceResponse(r)
			if err != nil {
				return nil, nil, err
			}
			*a.out = AnswerStored{ResponseID: id, ActivityID: r.ActivityID, Replaced: true}
			replaced = append(replaced, a)
		case AnswerSlots:
			retry = append(retry, a) // another writer took this slot meanwhile
		}
	}
	return append(created, replaced...), retry, nil
}

// insertResponses inserts the sorted answers, skipping those whose key is
// taken, and returns the ids inserted.
func (tx *Tx) insertResponses(answers []pendingAnswer) ([]string, error) {
	if tx.dialect == Postgres {
		return tx.insertResponsesArrays(answers)
	}
	var q strings.Builder
	q.WriteString("INSERT INTO responses (" + responseColumns + ") VALUES ")
	args := make([]any, 0, 16*len(answers))
	for i, a := range answers {
		if i > 0 {
			q.WriteByte(',')
		}
		q.WriteString("(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")
		r := &a.Response
		r.OptionIDs = OptionsJSON(a.OptionIDs)
		args = append(args, r.ID, r.SessionID, r.ActivityID, r.ParticipantID, r.Slot, r.Text, r.Normalized, r.Value, r.Correct, r.Points, r.OptionIDs, r.Ratings, r.OptionPoints, r.NumberValue, r.CreatedAt, r.UpdatedAt)
	}
	q.WriteString(" ON CONFLICT (activity_id, participant_id, slot) DO NOTHING RETURNING id")
	var ids []string
	err := tx.db.Raw(q.String(), args...).Find(&ids).Error
	return ids, err
}
