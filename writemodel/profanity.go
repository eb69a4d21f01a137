package writemodel

import (
	"encoding/json"

	"github.com/cajalive/caja"
)

// ProfanityFilterOf is a session's filter mode (hold when unset).
func ProfanityFilterOf(s *Session) string {
	if s.ProfanityFilter == "" {
		return caja.ProfanityHold
	}
	return s.ProfanityFilter
}

// LanguageOf is a session's display language (the default when unset).
func LanguageOf(s *Session) string {
	if s.Language == "" {
		return caja.DefaultLanguage
	}
	return s.Language
}

// ProfanityWordsOf is the organizer's own words of a session.
func ProfanityWordsOf(s *Session) []string {
	if s.ProfanityWords == nil {
		return nil
	}
	var w []string
	_ = json.Unmarshal([]byte(*s.ProfanityWords), &w) // written by ProfanityWordsJSON
	return w
}

// ProfanityWordsJSON is how ProfanityWords are stored (nil for none).
func ProfanityWordsJSON(words []string) *string {
	if len(words) == 0 {
		return nil
	}
	b, _ := json.Marshal(words) // strings: cannot fail
	s := string(b)
	return &s
}

// OrganizerSessionOf is the session as its organizer sees it: with the
// organizer's own profanity words.
func OrganizerSessionOf(p *caja.Presenter, s *Session) (caja.Session, error) {
	doc, err := SessionOf(p, s)
	doc.Settings.ProfanityWords = ProfanityWordsOf(s)
	return doc, err
}

// RescreenFreeText has the projector re-render the session's open-text
// and word-cloud activities, whose held entries depend on the session's
// profanity filter and words.
func (tx *Tx) RescreenFreeText(sessionID string) error {
	acts, err := tx.Activities(sessionID)
	if err != nil {
		return err
	}
	for _, a := range acts {
		if a.Type == TypeOpenText || a.Type == TypeWordCloud {
			if err := tx.publishActivity(sessionID, a.ID, "", TopicModeration); err != nil {
				return err
			}
		}
	}
	return nil
}
