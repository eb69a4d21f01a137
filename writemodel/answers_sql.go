package writemodel

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/google/uuid"

	"github.com/cajalive/caja"
)

func answerKey(j *answerJob) string {
	return j.req.ActivityID + "/" + j.participant.ID
}

// storeAnswers authenticates, validates and stores a batch. Errors of one
// answer (a bad token, a closed activity, a second quiz answer) are that
// answer's; only database failures are returned.
func (tx *Tx) storeAnswers(jobs []*answerJob) error {
	for _, j := range jobs {
		j.participant, j.plan, j.out, j.err = nil, nil, AnswerStored{}, nil
	}
	people, acts, opts, ended, err := tx.loadAnswerContext(jobs)
	if err != nil {
		return err
	}
	valid := make([]*answerJob, 0, len(jobs))
	for _, j := range jobs {
		p := people[string(j.req.TokenHash)]
		a := acts[j.req.ActivityID]
		switch {
		case p == nil:
			j.err = caja.Errorf(caja.Unauthorized, "this participant token is not valid (or the participant was removed)")
		case p.SessionID != j.req.SessionID:
			j.err = caja.Errorf(caja.Forbidden, "this participant token belongs to another session")
		case a == nil || a.SessionID != j.req.SessionID:
			j.err = caja.Errorf(caja.NotFound, "activity not found")
		case ended[j.req.SessionID]:
			j.err = ErrSessionEnded()
		case a.Status != ActivityOpen && a.ClosesAt == nil:
			j.err = caja.Errorf(caja.Conflict, "this activity is not open for answers (it is %s)", a.Status)
		default:
			plan, err := j.req.Plan(p, a, opts[a.ID])
			if err != nil {
				j.err = err
				continue
			}
			r := &plan.Response
			r.ID, r.SessionID, r.ActivityID, r.ParticipantID = uuid.NewString(), a.SessionID, a.ID, p.ID
			j.participant, j.plan = p, plan
			valid = append(valid, j)
		}
	}

	// Several answers of one participant to one activity in one batch
	// behave as if they had come one after the other: for a quiz the first
	// stands and the others conflict; for a poll, rating or open text the
	// first is stored (or replaces an earlier one) and each later one
	// replaces it, so the row ends with the last one's content; word-cloud
	// entries each take a slot of their own.
	var rows, stored []*answerJob
	followers := map[*answerJob][]*answerJob{}
	first := map[string]*answerJob{}
	for _, j := range valid {
		k := answerKey(j)
		lead, seen := first[k]
		switch {
		case j.plan.Kind == AnswerSlots || !seen:
			first[k] = j
			rows = append(rows, j)
		case j.plan.Kind == AnswerOnce:
			j.err = caja.Errorf(caja.Conflict, "you have already answered this question")
		default: // AnswerReplace
			followers[lead] = append(followers[lead], j)
			lr, jr := &lead.plan.Response, &j.plan.Response
			lr.Text, lr.Normalized, lr.Value, lr.Correct, lr.Points, lr.UpdatedAt = jr.Text, jr.Normalized, jr.Value, jr.Correct, jr.Points, jr.UpdatedAt
			lead.plan.OptionIDs = j.plan.OptionIDs
		}
	}
	for attempt := 0; len(rows) > 0; attempt++ {
		if attempt > 8 {
			return fmt.Errorf("store answers: word-cloud slots still taken after %d attempts", attempt)
		}
		rows, err = tx.assignSlots(rows)
		if err != nil {
			return err
		}
		done, retry, err := tx.insertRows(rows)
		if err != nil {
			return err
		}
		stored = append(stored, done...)
		rows = retry // word-cloud slots another replica took meanwhile
	}
	for lead, fs := range followers {
		for _, f := range fs {
			f.out, f.err = AnswerStored{ResponseID: lead.out.ResponseID, ActivityID: lead.out.ActivityID, Replaced: true}, lead.err
		}
	}
	if len(stored) == 0 {
		return nil
	}
	return tx.publishAnswers(stored)
}

// loadAnswerContext reads the batch's participants (by token hash, kicked
// ones excluded), activities, options and which of its sessions have ended,
// in four statements. Kicked participants are left out here, not in SQL,
// for the reason given at ParticipantByTokenHash.
func (tx *Tx) loadAnswerContext(jobs []*answerJob) (map[string]*Participant, map[string]*Activity, map[string][]ActivityOption, map[string]bool, error) {
	hashes := make([][]byte, 0, len(jobs))
	aids := make([]string, 0, len(jobs))
	var sids []string
	for _, j := range jobs {
		hashes = append(hashes, j.req.TokenHash)
		if !slices.Contains(aids, j.req.ActivityID) {
			aids = append(aids, j.req.ActivityID)
		}
		if !slices.Contains(sids, j.req.SessionID) {
			sids = append(sids, j.req.SessionID)
		}
	}
	var ps []Participant
	if err := tx.db.Where("token_hash IN ?", hashes).Find(&ps).Error; err != nil {
		return nil, nil, nil, nil, fmt.Errorf("find participants: %w", err)
	}
	people := make(map[string]*Participant, len(ps))
	for i := range ps {
		if ps[i].KickedAt == nil {
			people[string(ps[i].TokenHash)] = &ps[i]
		}
	}
	var as []Activity
	if err := tx.db.Where("id IN ?", aids).Find(&as).Error; err != nil {
		return nil, nil, nil, nil, fmt.Errorf("load activities: %w", err)
	}
	acts := make(map[string]*Activity, len(as))
	for i := range as {
		acts[as[i].ID] = &as[i]
	}
	var os []ActivityOption
	if err := tx.db.Where("activity_id IN ?", aids).Order("activity_id, position").Find(&os).Error; err != nil {
		return nil, nil, nil, nil, fmt.Errorf("load options: %w", err)
	}
	opts := make(map[string][]ActivityOption)
	for _, o := range os {
		opts[o.ActivityID] = append(opts[o.ActivityID], o)
	}
	var done []string
	if err := tx.db.Model(&Session{}).Where("id IN ? AND status = ?", sids, StatusCompleted).Pluck("id", &done).Error; err != nil {
		return nil, nil, nil, nil, fmt.Errorf("load sessions: %w", err)
	}
	ended := make(map[string]bool, len(done))
	for _, id := range done {
		ended[id] = true
	}
	return people, acts, opts, ended, nil
}

// assignSlots gives each word-cloud entry the participant's lowest free
// slot; a participant with every slot taken gets a conflict.
func (tx *Tx) assignSlots(jobs []*answerJob) ([]*answerJob, error) {
	var aids, pids []string
	for _, j := range jobs {
		if j.plan.Kind == AnswerSlots {
			aids = append(aids, j.req.ActivityID)
			pids = append(pids, j.participant.ID)
		}
	}
	if len(aids) == 0 {
		return jobs, nil
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
	out := jobs[:0]
	for _, j := range jobs {
		if j.plan.Kind != AnswerSlots {
			out = append(out, j)
			continue
		}
		j.plan.Response.Slot = -1
		for slot := 0; slot < j.plan.Slots; slot++ {
			if k := fmt.Sprintf("%s/%d", answerKey(j), slot); !taken[k] {
				taken[k] = true // the participant's next entry takes the next slot
				j.plan.Response.Slot = slot
				break
			}
		}
		if j.plan.Response.Slot < 0 {
			j.err = caja.Errorf(caja.Conflict, "you have already sent %d entries", j.plan.Slots)
			continue
		}
		out = append(out, j)
	}
	return out, nil
}

const responseColumns = "id, session_id, activity_id, participant_id, slot, text, normalized, value, correct, points, option_ids, created_at, updated_at"

// insertRows inserts the answers with a single multi-row INSERT, at most
// one per (activity, participant, slot). Answers whose slot was already
// taken replace it (poll, rating, open text), conflict (quiz), or try
// another slot (word cloud).
func (tx *Tx) insertRows(jobs []*answerJob) (stored, retry []*answerJob, err error) {
	if len(jobs) == 0 {
		return nil, nil, nil
	}
	// The same order in every batch keeps batches of other replicas from
	// deadlocking on each other's keys.
	slices.SortFunc(jobs, func(a, b *answerJob) int {
		return cmp.Or(
			strings.Compare(a.req.ActivityID, b.req.ActivityID),
			strings.Compare(a.participant.ID, b.participant.ID),
			cmp.Compare(a.plan.Response.Slot, b.plan.Response.Slot))
	})
	var q strings.Builder
	q.WriteString("INSERT INTO responses (" + responseColumns + ") VALUES ")
	args := make([]any, 0, 13*len(jobs))
	for i, j := range jobs {
		if i > 0 {
			q.WriteByte(',')
		}
		q.WriteString("(?,?,?,?,?,?,?,?,?,?,?,?,?)")
		r := &j.plan.Response
		r.OptionIDs = OptionsJSON(j.plan.OptionIDs)
		args = append(args, r.ID, r.SessionID, r.ActivityID, r.ParticipantID, r.Slot, r.Text, r.Normalized, r.Value, r.Correct, r.Points, r.OptionIDs, r.CreatedAt, r.UpdatedAt)
	}
	q.WriteString(" ON CONFLICT (activity_id, participant_id, slot) DO NOTHING RETURNING id")
	var ids []string
	if err := tx.db.Raw(q.String(), args...).Find(&ids).Error; err != nil {
		return nil, nil, fmt.Errorf("insert responses: %w", err)
	}
	inserted := make(map[string]bool, len(ids))
	for _, id := range ids {
		inserted[id] = true
	}

	var created, replaced []*answerJob
	for _, j := range jobs {
		r := &j.plan.Response
		if inserted[r.ID] {
			j.out = AnswerStored{ResponseID: r.ID, ActivityID: r.ActivityID}
			created = append(created, j)
			continue
		}
		switch j.plan.Kind {
		case AnswerOnce:
			j.err = caja.Errorf(caja.Conflict, "you have already answered this question")
		case AnswerReplace:
			id, err := tx.ReplaceResponse(r)
			if err != nil {
				return nil, nil, err
			}
			j.out = AnswerStored{ResponseID: id, ActivityID: r.ActivityID, Replaced: true}
			replaced = append(replaced, j)
		case AnswerSlots:
			retry = append(retry, j) // another writer took this slot meanwhile
		}
	}
	return append(created, replaced...), retry, nil
}

// publishAnswers writes the batch's outbox rows in one statement.
func (tx *Tx) publishAnswers(jobs []*answerJob) error {
	rows := make([]outboxRow, len(jobs))
	for i, j := range jobs {
		rows[i] = outboxRow{SessionID: j.req.SessionID, ParticipantID: j.participant.ID, ActivityID: j.req.ActivityID, Topic: TopicResponse}
	}
	return tx.publish(rows...)
}
