package writemodel

import (
	"fmt"

	"gorm.io/gorm"
)

// markWords gives each of a word cloud's top words one of its entries' ids
// and whether the organizer hid it, and takes the entries hidden one by one
// (all of a participant's) off its count: reads by index, bounded by
// TopWords. A word whose every entry is hidden is hidden, with its count.
func markWords(tx *gorm.DB, activityID string, words []WordCount) error {
	keys := make([]string, len(words))
	for i, w := range words {
		keys[i] = w.Text
	}
	var ids []struct{ Normalized, ID string }
	if err := tx.Raw("SELECT normalized, MIN(CAST(id AS text)) AS id FROM responses WHERE activity_id = ? AND normalized IN ? GROUP BY normalized", activityID, keys).Find(&ids).Error; err != nil {
		return fmt.Errorf("word entries of %s: %w", activityID, err)
	}
	var hidden []string
	if err := tx.Raw("SELECT normalized FROM hidden_words WHERE activity_id = ? AND normalized IN ?", activityID, keys).Find(&hidden).Error; err != nil {
		return fmt.Errorf("hidden words of %s: %w", activityID, err)
	}
	var approved []string
	if err := tx.Raw("SELECT normalized FROM approved_words WHERE activity_id = ? AND normalized IN ?", activityID, keys).Find(&approved).Error; err != nil {
		return fmt.Errorf("approved words of %s: %w", activityID, err)
	}
	var hiddenEntries []struct {
		Normalized string
		N          int
	}
	if err := tx.Raw("SELECT normalized, COUNT(*) AS n FROM responses WHERE activity_id = ? AND hidden AND normalized IN ? GROUP BY normalized", activityID, keys).Find(&hiddenEntries).Error; err != nil {
		return fmt.Errorf("hidden entries of %s: %w", activityID, err)
	}
	hiddenOf := make(map[string]int, len(hiddenEntries))
	for _, h := range hiddenEntries {
		hiddenOf[h.Normalized] = h.N
	}
	isApproved := make(map[string]bool, len(approved))
	for _, a := range approved {
		isApproved[a] = true
	}
	idOf := make(map[string]string, len(ids))
	for _, r := range ids {
		idOf[r.Normalized] = r.ID
	}
	isHidden := make(map[string]bool, len(hidden))
	for _, h := range hidden {
		isHidden[h] = true
	}
	for i := range words {
		words[i].ID, words[i].Hidden, words[i].Approved = idOf[words[i].Text], isHidden[words[i].Text], isApproved[words[i].Text]
		if n := hiddenOf[words[i].Text]; n >= words[i].Count {
			words[i].Hidden = true
		} else {
			words[i].Count -= n
		}
	}
	return nil
}
