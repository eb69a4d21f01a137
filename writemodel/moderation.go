package writemodel

import (
	"database/sql"
	"errors"
	"fmt"

	"gorm.io/gorm"

	"github.com/cajalive/caja"
)

// TopicModeration is the outbox topic of a hidden or shown entry: the
// activity's results are re-read.
const TopicModeration = "moderation"

// SetTextHidden hides or shows one open-text answer of an activity; showing
// is approving (a held answer shows from then on).
func (tx *Tx) SetTextHidden(a *Activity, entryID string, hidden bool) error {
	q := "UPDATE responses SET hidden = ? WHERE id = ? AND activity_id = ?"
	if !hidden {
		q = "UPDATE responses SET hidden = ?, approved = true WHERE id = ? AND activity_id = ?"
	}
	res := tx.db.Exec(q, hidden, entryID, a.ID)
	if res.Error != nil {
		return fmt.Errorf("hide entry: %w", res.Error)
	}
	if res.RowsAffected == 0 {
		return caja.Errorf(caja.NotFound, "entry not found").WithCode(caja.CodeEntryNotFound)
	}
	return tx.publishActivity(a.SessionID, a.ID, "", TopicModeration)
}

// SetWordHidden hides or shows (approves) the normalised word of one
// word-cloud entry, and with it every entry of that word. It returns the
// word.
func (tx *Tx) SetWordHidden(a *Activity, entryID string, hidden bool) (string, error) {
	var word *string
	err := tx.db.Raw("SELECT normalized FROM responses WHERE id = ? AND activity_id = ?", entryID, a.ID).Row().Scan(&word)
	if errors.Is(err, sql.ErrNoRows) || (err == nil && word == nil) {
		return "", caja.Errorf(caja.NotFound, "entry not found").WithCode(caja.CodeEntryNotFound)
	}
	if err != nil {
		return "", fmt.Errorf("find entry: %w", err)
	}
	if hidden {
		err = tx.db.Exec("INSERT INTO hidden_words (activity_id, normalized) VALUES (?, ?) ON CONFLICT DO NOTHING", a.ID, *word).Error
	} else {
		err = tx.db.Exec("DELETE FROM hidden_words WHERE activity_id = ? AND normalized = ?", a.ID, *word).Error
		if err == nil {
			// Entries hidden one by one (a participant's) show again too.
			err = tx.db.Exec("UPDATE responses SET hidden = false WHERE activity_id = ? AND normalized = ? AND hidden", a.ID, *word).Error
		}
		if err == nil {
			// Showing is approving: a held word shows from then on.
			err = tx.db.Exec("INSERT INTO approved_words (activity_id, normalized) VALUES (?, ?) ON CONFLICT DO NOTHING", a.ID, *word).Error
		}
	}
	if err != nil {
		return "", fmt.Errorf("hide word: %w", err)
	}
	return *word, tx.publishActivity(a.SessionID, a.ID, "", TopicModeration)
}

// SetParticipantEntriesHidden hides or shows (approves) every free-text
// entry one participant wrote in a session: open-text answers, word-cloud
// entries and Q&A questions. A hidden word-cloud entry leaves its word's
// count (markWords), not the word. It returns how many entries changed.
func (tx *Tx) SetParticipantEntriesHidden(sessionID, participantID string, hidden bool) (int, error) {
	var acts []string
	err := tx.db.Raw(`
SELECT DISTINCT r.activity_id FROM responses r JOIN activities a ON a.id = r.activity_id
WHERE r.session_id = ? AND r.participant_id = ? AND r.hidden <> ? AND a.type IN (?, ?)`,
		sessionID, participantID, hidden, TypeOpenText, TypeWordCloud).Find(&acts).Error
	if err != nil {
		return 0, fmt.Errorf("entries of participant: %w", err)
	}
	set := "hidden = ?"
	if !hidden {
		set = "hidden = ?, approved = true"
	}
	res := tx.db.Exec(`UPDATE responses SET `+set+` WHERE session_id = ? AND participant_id = ? AND hidden <> ?
AND activity_id IN (SELECT id FROM activities WHERE session_id = ? AND type IN (?, ?))`,
		hidden, sessionID, participantID, hidden, sessionID, TypeOpenText, TypeWordCloud)
	if res.Error != nil {
		return 0, fmt.Errorf("hide entries of participant: %w", res.Error)
	}
	changed := int(res.RowsAffected)
	// Hiding takes every question not hidden yet; showing approves the
	// hidden ones (pending and answered ones stay as they are).
	to, which := QuestionApproved, "status = ?"
	if hidden {
		to, which = QuestionHidden, "status <> ?"
	}
	mine := func() *gorm.DB {
		return tx.db.Table("questions").Where("session_id = ? AND participant_id = ? AND "+which, sessionID, participantID, QuestionHidden)
	}
	var qacts []string
	if err := mine().Distinct("activity_id").Find(&qacts).Error; err != nil {
		return 0, fmt.Errorf("questions of participant: %w", err)
	}
	res = mine().Update("status", to)
	if res.Error != nil {
		return 0, fmt.Errorf("hide questions of participant: %w", res.Error)
	}
	changed += int(res.RowsAffected)
	rows := make([]outboxRow, 0, len(acts)+len(qacts))
	for _, id := range append(acts, qacts...) {
		rows = append(rows, outboxRow{SessionID: sessionID, ActivityID: id, Topic: TopicModeration})
	}
	if len(qacts) > 0 {
		// The asker's phone shows what became of its questions.
		if err := tx.BumpMeVersion(sessionID); err != nil {
			return 0, err
		}
	}
	return changed, tx.publish(rows...)
}
