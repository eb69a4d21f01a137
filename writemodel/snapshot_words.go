package writemodel

import (
	"fmt"

	"gorm.io/gorm"
)

// markWords gives each of a word cloud's top words one of its entries' ids
// and whether the organizer hid it: two reads by index, bounded by TopWords.
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
	}
	return nil
}
