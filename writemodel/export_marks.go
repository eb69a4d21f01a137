package writemodel

import (
	"fmt"

	"gorm.io/gorm"

	"github.com/cajalive/caja"
)

// wordMark is how the organizer marked a word of a word cloud.
type wordMark struct{ hidden, approved bool }

// freeTextMarks gives the export's free-text rows the hidden and held
// marks the views show: the same screen (filter, words, moderation), the
// same hidden and approved words.
type freeTextMarks struct {
	screen *EntryScreen
	// words are the marked words, by activity then normalised word.
	words map[string]map[string]wordMark
	// moderated caches each activity's settings.moderation.
	moderated map[string]bool
}

// loadWordMarks reads the hidden and approved words of a session's word
// clouds (a few per activity: the organizer marks them one by one).
func loadWordMarks(db *gorm.DB, sessionID string) (map[string]map[string]wordMark, error) {
	var rows []struct {
		ActivityID, Normalized string
		Hidden                 bool
	}
	err := db.Raw(`
SELECT CAST(h.activity_id AS text) AS activity_id, h.normalized, true AS hidden FROM hidden_words h JOIN activities a ON a.id = h.activity_id WHERE a.session_id = ?
UNION ALL
SELECT CAST(w.activity_id AS text), w.normalized, false FROM approved_words w JOIN activities a ON a.id = w.activity_id WHERE a.session_id = ?`, sessionID, sessionID).Find(&rows).Error
	if err != nil {
		return nil, classify(fmt.Errorf("export word marks: %w", err))
	}
	marks := map[string]map[string]wordMark{}
	for _, r := range rows {
		if marks[r.ActivityID] == nil {
			marks[r.ActivityID] = map[string]wordMark{}
		}
		m := marks[r.ActivityID][r.Normalized]
		if r.Hidden {
			m.hidden = true
		} else {
			m.approved = true
		}
		marks[r.ActivityID][r.Normalized] = m
	}
	return marks, nil
}

// mark sets row's Hidden and Held for an open-text answer or word-cloud
// entry of a (whose ID, Type and Settings are set).
func (f *freeTextMarks) mark(row *caja.ExportRow, a *Activity, text string, normalized *string, hidden, approved bool) {
	if f.moderated == nil {
		f.moderated = map[string]bool{}
	}
	moderated, ok := f.moderated[a.ID]
	if !ok {
		moderated = ModeratedFreeText(a)
		f.moderated[a.ID] = moderated
	}
	if a.Type == TypeWordCloud && normalized != nil {
		w := f.words[a.ID][*normalized]
		hidden = hidden || w.hidden
		approved = approved || w.approved
		text = *normalized
	}
	st := f.screen.State(text, hidden, approved, moderated)
	row.Hidden, row.Held = &st.Hidden, &st.Held
}
