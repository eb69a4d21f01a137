package writemodel

import (
	"fmt"
	"strings"
)

// outboxRow says that a session changed and, when known, which
// participant, activity or question: the projector narrows its work by
// them.
type outboxRow struct {
	SessionID, ParticipantID, ActivityID, QuestionID, Topic string
	// ParticipantIDs are the participants of a batch's answers (more
	// than one; a single one is ParticipantID).
	ParticipantIDs []string
}

// publish writes outbox rows, in one statement: the one place that writes
// the outbox. Empty ids are NULL; the activity_id and question_id columns
// are named only when a row has one, so the statement also runs on the
// older schemas the migration tests write to.
func (tx *Tx) publish(rows ...outboxRow) error {
	if len(rows) == 0 {
		return nil
	}
	var withActivity, withQuestion, withMany bool
	for _, r := range rows {
		withActivity = withActivity || r.ActivityID != "" || r.QuestionID != ""
		withQuestion = withQuestion || r.QuestionID != ""
		withMany = withMany || len(r.ParticipantIDs) > 0
	}
	if tx.dialect == Postgres {
		if err := tx.publishArrays(rows, withActivity, withQuestion, withMany); err != nil {
			return fmt.Errorf("outbox insert: %w", err)
		}
		tx.published = true
		return nil
	}
	cols, marks := "session_id, participant_id", "?,?"
	if withActivity {
		cols, marks = cols+", activity_id", marks+",?"
	}
	if withQuestion {
		cols, marks = cols+", question_id", marks+",?"
	}
	if withMany {
		cols, marks = cols+", participant_ids", marks+",?"
	}
	var q strings.Builder
	q.WriteString("INSERT INTO outbox (" + cols + ", topic) VALUES ")
	args := make([]any, 0, 5*len(rows))
	for i, r := range rows {
		if i > 0 {
			q.WriteByte(',')
		}
		q.WriteString("(" + marks + ",?)")
		args = append(args, r.SessionID, nullable(r.ParticipantID))
		if withActivity {
			args = append(args, nullable(r.ActivityID))
		}
		if withQuestion {
			args = append(args, nullable(r.QuestionID))
		}
		if withMany {
			args = append(args, nullable(strings.Join(r.ParticipantIDs, ",")))
		}
		args = append(args, r.Topic)
	}
	if err := tx.db.Exec(q.String(), args...).Error; err != nil {
		return fmt.Errorf("outbox insert: %w", err)
	}
	tx.published = true
	return nil
}

// nullable is NULL for an empty id.
func nullable(id string) any {
	if id == "" {
		return nil
	}
	return id
}

// publishActivity records that an activity of a session changed.
func (tx *Tx) publishActivity(sessionID, activityID, participantID, topic string) error {
	return tx.publish(outboxRow{SessionID: sessionID, ActivityID: activityID, ParticipantID: participantID, Topic: topic})
}

// publishQuestion records that a question of a Q&A changed (asked,
// moderated, upvoted), so the projector updates that question alone.
func (tx *Tx) publishQuestion(q *Question, participantID string) error {
	return tx.publish(outboxRow{SessionID: q.SessionID, ActivityID: q.ActivityID, QuestionID: q.ID, ParticipantID: participantID, Topic: TopicQuestion})
}
