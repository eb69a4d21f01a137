package writemodel

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"gorm.io/gorm"
)

// batchParticipants puts the batch's participants in pd, reading by id
// (each with its own index lookup, whatever the statistics say) only those
// the previous batches did not read or whose row changed since. The ids
// come from the session's own outbox rows; the participants are still kept
// to the session here.
func batchParticipants(tx *gorm.DB, req SnapshotRequest, snap *Snapshot, pd *ParticipantData) error {
	if snap.participants == nil {
		snap.participants = make(map[string]Participant, len(req.Participants))
	}
	changed := make(map[string]bool, len(req.ChangedParticipants))
	for _, id := range req.ChangedParticipants {
		changed[id] = true
	}
	var missing []string
	for _, id := range req.Participants {
		if _, ok := snap.participants[id]; !ok || changed[id] {
			missing = append(missing, id)
		}
	}
	if len(missing) > 0 {
		var read []Participant
		if err := tx.Where("id IN ?", missing).Find(&read).Error; err != nil {
			return fmt.Errorf("load participants: %w", err)
		}
		for _, id := range missing {
			delete(snap.participants, id) // gone when not read again
		}
		for _, p := range read {
			if p.SessionID == req.SessionID {
				snap.participants[p.ID] = p
			}
		}
	}
	for _, id := range req.Participants {
		if p, ok := snap.participants[id]; ok {
			pd.Participants = append(pd.Participants, p)
		}
	}
	slices.SortFunc(pd.Participants, func(a, b Participant) int {
		return cmp.Or(a.CreatedAt.Compare(b.CreatedAt), strings.Compare(a.ID, b.ID))
	})
	return nil
}

// participantRow is one answer, question or upvote of a participant.
type participantRow struct {
	Kind, ParticipantID, Ref string
	Correct                  *bool
	Points                   int
}

func loadParticipantData(tx *gorm.DB, req SnapshotRequest, all bool, snap *Snapshot) (*ParticipantData, error) {
	sessionID, ids := req.SessionID, req.Participants
	pd := &ParticipantData{Questions: map[string][]string{}, Upvotes: map[string][]string{}}
	if all {
		if err := tx.Where("session_id = ?", sessionID).Order("created_at, id").Find(&pd.Participants).Error; err != nil {
			return nil, fmt.Errorf("load participants: %w", err)
		}
		snap.participants = make(map[string]Participant, len(pd.Participants))
		for _, p := range pd.Participants {
			snap.participants[p.ID] = p
		}
	} else if err := batchParticipants(tx, req, snap, pd); err != nil {
		return nil, err
	}
	// Their answers, questions and upvotes, in one round trip.
	var rows []participantRow
	var err error
	switch {
	case all:
		err = tx.Raw(`
SELECT 'answer' AS kind, participant_id, activity_id AS ref, correct, points, created_at
FROM responses WHERE session_id = ?
UNION ALL
SELECT 'question', participant_id, id, NULL, 0, created_at
FROM questions WHERE session_id = ?
UNION ALL
SELECT 'upvote', u.participant_id, u.question_id, NULL, 0, u.created_at
FROM question_upvotes u JOIN questions q ON q.id = u.question_id WHERE q.session_id = ?
ORDER BY created_at`, sessionID, sessionID, sessionID).Find(&rows).Error
	case tx.Dialector.Name() == string(Postgres):
		// One index lookup per participant, whatever the statistics say.
		// With "participant_id IN (…)" and no statistics yet (a fresh
		// session's burst outruns ANALYZE), Postgres guesses 0.5 % of the
		// table per id: a batch of 50 ids looks like a quarter of the
		// table, and it reads all of it, on every batch. OFFSET 0 keeps
		// each LATERAL subquery a per-id index scan instead of a join the
		// planner may turn back into a scan.
		batch := "{" + strings.Join(ids, ",") + "}"
		err = tx.Raw(`
SELECT 'answer' AS kind, r.participant_id, r.activity_id AS ref, r.correct, r.points, r.created_at
FROM unnest(CAST(? AS uuid[])) AS batch(id),
     LATERAL (SELECT participant_id, activity_id, correct, points, created_at FROM responses WHERE participant_id = batch.id OFFSET 0) r
UNION ALL
SELECT 'question', q.participant_id, q.id, NULL, 0, q.created_at
FROM unnest(CAST(? AS uuid[])) AS batch(id),
     LATERAL (SELECT participant_id, id, created_at FROM questions WHERE participant_id = batch.id OFFSET 0) q
UNION ALL
SELECT 'upvote', u.participant_id, u.question_id, NULL, 0, u.created_at
FROM unnest(CAST(? AS uuid[])) AS batch(id),
     LATERAL (SELECT participant_id, question_id, created_at FROM question_upvotes WHERE participant_id = batch.id OFFSET 0) u
ORDER BY created_at`, batch, batch, batch).Find(&rows).Error
	default: // SQLite picks the participant_id indexes for an IN list
		err = tx.Raw(`
SELECT 'answer' AS kind, participant_id, activity_id AS ref, correct, points, created_at
FROM responses WHERE participant_id IN ?
UNION ALL
SELECT 'question', participant_id, id, NULL, 0, created_at
FROM questions WHERE participant_id IN ?
UNION ALL
SELECT 'upvote', participant_id, question_id, NULL, 0, created_at
FROM question_upvotes WHERE participant_id IN ?
ORDER BY created_at`, ids, ids, ids).Find(&rows).Error
	}
	if err != nil {
		return nil, fmt.Errorf("load answers, questions and upvotes: %w", err)
	}
	for _, r := range rows {
		switch r.Kind {
		case "answer":
			pd.Answers = append(pd.Answers, AnswerRow{ParticipantID: r.ParticipantID, ActivityID: r.Ref, Correct: r.Correct, Points: r.Points})
		case "question":
			pd.Questions[r.ParticipantID] = append(pd.Questions[r.ParticipantID], r.Ref)
		case "upvote":
			pd.Upvotes[r.ParticipantID] = append(pd.Upvotes[r.ParticipantID], r.Ref)
		}
	}
	return pd, nil
}
