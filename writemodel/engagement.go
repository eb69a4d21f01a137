package writemodel

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"github.com/cajalive/caja"
)

// ErrNicknameTaken means another participant of the session has the
// nickname (ignoring case).
var ErrNicknameTaken = errors.New("nickname taken")

func (tx *Tx) lock() *gorm.DB {
	if tx.dialect == Postgres {
		return tx.db.Clauses(clause.Locking{Strength: "UPDATE"})
	}
	return tx.db
}

// ActivityBelongs reports whether an activity exists in a session.
func (tx *Tx) ActivityBelongs(sessionID, activityID string) (bool, error) {
	var n int64
	if err := tx.db.Model(&Activity{}).Where("id = ? AND session_id = ?", activityID, sessionID).Count(&n).Error; err != nil {
		return false, fmt.Errorf("find activity: %w", err)
	}
	return n == 1, nil
}

// LockActivity loads an activity of a session with its options, locking the
// activity row until commit.
func (tx *Tx) LockActivity(sessionID, activityID string) (*Activity, []ActivityOption, error) {
	var a Activity
	err := tx.lock().Where("id = ? AND session_id = ?", activityID, sessionID).Take(&a).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return nil, nil, caja.Errorf(caja.NotFound, "activity not found")
	}
	if err != nil {
		return nil, nil, fmt.Errorf("load activity: %w", err)
	}
	opts, err := tx.Options(a.ID)
	if err != nil {
		return nil, nil, err
	}
	return &a, opts, nil
}

// GetActivity loads an activity without locking it.
func (tx *Tx) GetActivity(sessionID, activityID string) (*Activity, []ActivityOption, error) {
	var a Activity
	err := tx.db.Where("id = ? AND session_id = ?", activityID, sessionID).Take(&a).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return nil, nil, caja.Errorf(caja.NotFound, "activity not found")
	}
	if err != nil {
		return nil, nil, fmt.Errorf("load activity: %w", err)
	}
	opts, err := tx.Options(a.ID)
	if err != nil {
		return nil, nil, err
	}
	return &a, opts, nil
}

// Options lists an activity's options in order.
func (tx *Tx) Options(activityID string) ([]ActivityOption, error) {
	var opts []ActivityOption
	if err := tx.db.Where("activity_id = ?", activityID).Order("position").Find(&opts).Error; err != nil {
		return nil, fmt.Errorf("load options: %w", err)
	}
	return opts, nil
}

// Activities lists a session's activities in order.
func (tx *Tx) Activities(sessionID string) ([]Activity, error) {
	var acts []Activity
	if err := tx.db.Where("session_id = ?", sessionID).Order("position, created_at").Find(&acts).Error; err != nil {
		return nil, fmt.Errorf("load activities: %w", err)
	}
	return acts, nil
}

// NextPosition is the position after the session's last activity.
func (tx *Tx) NextPosition(sessionID string) (int, error) {
	var max *int
	if err := tx.db.Model(&Activity{}).Where("session_id = ?", sessionID).Select("MAX(position)").Scan(&max).Error; err != nil {
		return 0, fmt.Errorf("next position: %w", err)
	}
	if max == nil {
		return 0, nil
	}
	return *max + 1, nil
}

// InsertActivity stores a new activity and its options.
func (tx *Tx) InsertActivity(a *Activity, opts []ActivityOption) error {
	if err := tx.db.Create(a).Error; err != nil {
		return fmt.Errorf("insert activity: %w", err)
	}
	if len(opts) > 0 {
		if err := tx.db.Create(&opts).Error; err != nil {
			return fmt.Errorf("insert options: %w", err)
		}
	}
	return tx.publishActivity(a.SessionID, a.ID, "", TopicActivity)
}

// SaveActivity writes an activity; replaceOptions, when not nil, replaces
// its options.
func (tx *Tx) SaveActivity(a *Activity, replaceOptions []ActivityOption) error {
	if err := tx.db.Save(a).Error; err != nil {
		return fmt.Errorf("save activity: %w", err)
	}
	if replaceOptions != nil {
		if err := tx.db.Where("activity_id = ?", a.ID).Delete(&ActivityOption{}).Error; err != nil {
			return fmt.Errorf("replace options: %w", err)
		}
		if len(replaceOptions) > 0 {
			if err := tx.db.Create(&replaceOptions).Error; err != nil {
				return fmt.Errorf("replace options: %w", err)
			}
		}
	}
	return tx.publishActivity(a.SessionID, a.ID, "", TopicActivity)
}

// DeleteActivity removes an activity (and, by cascade, its options).
func (tx *Tx) DeleteActivity(a *Activity) error {
	if err := tx.db.Delete(a).Error; err != nil {
		return fmt.Errorf("delete activity: %w", err)
	}
	return tx.publishActivity(a.SessionID, a.ID, "", TopicActivity)
}

// InsertParticipant stores a participant. A nickname clash comes back as
// ErrNicknameTaken.
func (tx *Tx) InsertParticipant(p *Participant) error {
	err := tx.db.Create(p).Error
	if name, ok := UniqueViolation(err); ok && (strings.Contains(name, "nickname")) {
		return ErrNicknameTaken
	}
	if err != nil {
		return fmt.Errorf("insert participant: %w", err)
	}
	return tx.publishActivity(p.SessionID, "", p.ID, TopicParticipant)
}

// ParticipantByTokenHash finds a participant who was not kicked. It looks
// up the unique token hash alone and checks kicked_at here: with the
// condition in SQL, a cached generic plan can pair the token index with the
// partial "not kicked" index and scan the whole session's participants.
func (tx *Tx) ParticipantByTokenHash(hash []byte) (*Participant, error) {
	var p Participant
	err := tx.db.Where("token_hash = ?", hash).Take(&p).Error
	if errors.Is(err, gorm.ErrRecordNotFound) || (err == nil && p.KickedAt != nil) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("find participant: %w", err)
	}
	return &p, nil
}

// Participant loads a participant of a session.
func (tx *Tx) Participant(sessionID, participantID string) (*Participant, error) {
	var p Participant
	err := tx.db.Where("id = ? AND session_id = ?", participantID, sessionID).Take(&p).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return nil, caja.Errorf(caja.NotFound, "participant not found")
	}
	if err != nil {
		return nil, fmt.Errorf("load participant: %w", err)
	}
	return &p, nil
}

// SaveParticipant writes a participant and publishes the change.
func (tx *Tx) SaveParticipant(p *Participant) error {
	if err := tx.db.Save(p).Error; err != nil {
		return fmt.Errorf("save participant: %w", err)
	}
	return tx.publishActivity(p.SessionID, "", p.ID, TopicParticipant)
}

// ReplaceResponse overwrites the participant's answer in a slot, locking its
// row first, and returns its id.
func (tx *Tx) ReplaceResponse(r *Response) (string, error) {
	var existing Response
	err := tx.lock().Where("activity_id = ? AND participant_id = ? AND slot = ?", r.ActivityID, r.ParticipantID, r.Slot).Take(&existing).Error
	if err != nil {
		return "", fmt.Errorf("load response: %w", err)
	}
	err = tx.db.Model(&existing).Updates(map[string]any{
		"text": r.Text, "normalized": r.Normalized, "value": r.Value, "correct": r.Correct, "points": r.Points, "option_ids": r.OptionIDs,
		"ratings": r.Ratings, "option_points": r.OptionPoints, "number_value": r.NumberValue, "updated_at": r.UpdatedAt,
	}).Error
	if err != nil {
		return "", fmt.Errorf("replace response: %w", err)
	}
	return existing.ID, nil
}

// InsertQuestion stores a Q&A question.
func (tx *Tx) InsertQuestion(q *Question) error {
	if err := tx.db.Create(q).Error; err != nil {
		return fmt.Errorf("insert question: %w", err)
	}
	return tx.publishQuestion(q, q.ParticipantID)
}

// LockQuestion loads a question of an activity, locking its row.
func (tx *Tx) LockQuestion(activityID, questionID string) (*Question, error) {
	var q Question
	err := tx.lock().Where("id = ? AND activity_id = ?", questionID, activityID).Take(&q).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return nil, caja.Errorf(caja.NotFound, "question not found")
	}
	if err != nil {
		return nil, fmt.Errorf("load question: %w", err)
	}
	return &q, nil
}

// SaveQuestion writes a question. Pinning one unpins the others of its
// activity first (the partial unique index allows one pinned question).
func (tx *Tx) SaveQuestion(q *Question) error {
	if q.Pinned {
		var others []Question
		if err := tx.lock().Where("activity_id = ? AND id <> ? AND pinned", q.ActivityID, q.ID).Find(&others).Error; err != nil {
			return fmt.Errorf("unpin others: %w", err)
		}
		for i := range others {
			if err := tx.db.Model(&others[i]).Update("pinned", false).Error; err != nil {
				return fmt.Errorf("unpin others: %w", err)
			}
			if err := tx.publishQuestion(&others[i], ""); err != nil {
				return err
			}
		}
	}
	if err := tx.db.Save(q).Error; err != nil {
		return fmt.Errorf("save question: %w", err)
	}
	return tx.publishQuestion(q, "")
}

// SetUpvote adds or removes a participant's upvote; adding twice or removing
// an absent upvote changes nothing.
func (tx *Tx) SetUpvote(q *Question, participantID string, up bool) (bool, error) {
	var res *gorm.DB
	if up {
		res = tx.db.Clauses(clause.OnConflict{DoNothing: true}).Create(&QuestionUpvote{QuestionID: q.ID, ParticipantID: participantID, CreatedAt: time.Now().UTC()})
	} else {
		res = tx.db.Where("question_id = ? AND participant_id = ?", q.ID, participantID).Delete(&QuestionUpvote{})
	}
	if res.Error != nil {
		return false, fmt.Errorf("upvote: %w", res.Error)
	}
	changed := res.RowsAffected == 1
	if changed {
		if err := tx.publishQuestion(q, participantID); err != nil {
			return false, err
		}
	}
	return changed, nil
}

// GetQuestion loads a question of an activity without locking it.
func (tx *Tx) GetQuestion(activityID, questionID string) (*Question, error) {
	var q Question
	err := tx.db.Where("id = ? AND activity_id = ?", questionID, activityID).Take(&q).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return nil, caja.Errorf(caja.NotFound, "question not found")
	}
	if err != nil {
		return nil, fmt.Errorf("load question: %w", err)
	}
	return &q, nil
}

// Upvotes reads a question's upvotes, kept by the database (migration
// 00009).
func (tx *Tx) Upvotes(questionID string) (int, error) {
	var n int64
	if err := tx.db.Raw("SELECT upvotes FROM questions WHERE id = ?", questionID).Scan(&n).Error; err != nil {
		return 0, fmt.Errorf("count upvotes: %w", err)
	}
	return int(n), nil
}

// CountQuestions counts an activity's questions and those of one
// participant among them, in one statement (index on activity_id).
func (tx *Tx) CountQuestions(activityID, participantID string) (total, mine int, err error) {
	var n struct{ Total, Mine int64 }
	err = tx.db.Raw("SELECT COUNT(*) AS total, COALESCE(SUM(CASE WHEN participant_id = ? THEN 1 ELSE 0 END), 0) AS mine FROM questions WHERE activity_id = ?", participantID, activityID).Find(&n).Error
	if err != nil {
		return 0, 0, fmt.Errorf("count questions: %w", err)
	}
	return int(n.Total), int(n.Mine), nil
}
