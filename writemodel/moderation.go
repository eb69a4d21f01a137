package writemodel

import (
	"database/sql"
	"errors"
	"fmt"

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
		return caja.Errorf(caja.NotFound, "entry not found")
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
		return "", caja.Errorf(caja.NotFound, "entry not found")
	}
	if err != nil {
		return "", fmt.Errorf("find entry: %w", err)
	}
	if hidden {
		err = tx.db.Exec("INSERT INTO hidden_words (activity_id, normalized) VALUES (?, ?) ON CONFLICT DO NOTHING", a.ID, *word).Error
	} else {
		err = tx.db.Exec("DELETE FROM hidden_words WHERE activity_id = ? AND normalized = ?", a.ID, *word).Error
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
