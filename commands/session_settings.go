package commands

import (
	"fmt"
	"strings"

	"github.com/cajalive/caja"
	"github.com/cajalive/caja/writemodel"
	"github.com/cajalive/caja/writemodel/profanity"
)

// SessionSettingsInput changes a session's settings; nil fields stay.
type SessionSettingsInput struct {
	ProfanityFilter *string
	// ProfanityWords replaces the organizer's own words (null or []: none).
	ProfanityWords Optional[[]string]
	// Language is the display's language (caja.Languages).
	Language *string
}

// Bounds of the organizer's own words.
const (
	maxProfanityWords   = 200
	maxProfanityWordLen = 60
)

// checkSessionSettings validates the input and returns the clean words.
func checkSessionSettings(errs *caja.Fields, in *SessionSettingsInput) []string {
	if in == nil {
		return nil
	}
	if in.ProfanityFilter != nil {
		switch *in.ProfanityFilter {
		case caja.ProfanityOff, caja.ProfanityHold, caja.ProfanityHide:
		default:
			errs.Add("settings.profanity_filter", "must be off, hold or hide")
		}
	}
	if in.Language != nil && !caja.KnownLanguage(*in.Language) {
		errs.Add("settings.language", "must be one of %s", strings.Join(caja.Languages, ", "))
	}
	if !in.ProfanityWords.Set || in.ProfanityWords.Value == nil {
		return nil
	}
	words := *in.ProfanityWords.Value
	if len(words) > maxProfanityWords {
		errs.Add("settings.profanity_words", "may have at most %d words", maxProfanityWords)
		return nil
	}
	out := make([]string, 0, len(words))
	seen := map[string]bool{}
	for i, w := range words {
		field := fmt.Sprintf("settings.profanity_words[%d]", i)
		clean := text(errs, field, w, 1, maxProfanityWordLen)
		if clean == "" {
			continue
		}
		if len(profanity.Tokens(clean)) == 0 {
			errs.Add(field, "must contain a letter or a digit")
			continue
		}
		if !seen[clean] {
			seen[clean] = true
			out = append(out, clean)
		}
	}
	return out
}

// applySessionSettings stores the settings on the locked session. A change
// of the filter, the words or the language (whose list applies) re-renders
// the session's free-text activities, whose held entries depend on them.
func applySessionSettings(tx *writemodel.Tx, s *writemodel.Session, in *SessionSettingsInput, words []string) error {
	if in == nil {
		return nil
	}
	if in.ProfanityFilter != nil {
		s.ProfanityFilter = *in.ProfanityFilter
	}
	if in.Language != nil {
		s.Language = *in.Language
	}
	if in.ProfanityFilter == nil && !in.ProfanityWords.Set && in.Language == nil {
		return nil // nothing that screens entries changed
	}
	if in.ProfanityWords.Set {
		s.ProfanityWords = writemodel.ProfanityWordsJSON(words)
	}
	return tx.RescreenFreeText(s.ID)
}

// sessionMatcher is the profanity matcher of a session: the lists of its
// language and English, and the organizer's words.
func sessionMatcher(s *writemodel.Session) *profanity.Matcher {
	return profanity.For(writemodel.LanguageOf(s)).With(writemodel.ProfanityWordsOf(s))
}

// screenQuestion is the status a new Q&A question starts with under the
// session's profanity filter: held (pending) or hidden when it contains a
// listed word, status otherwise.
func screenQuestion(s *writemodel.Session, body, status string) string {
	filter := writemodel.ProfanityFilterOf(s)
	if filter == caja.ProfanityOff || !sessionMatcher(s).Match(body) {
		return status
	}
	if filter == caja.ProfanityHide {
		return writemodel.QuestionHidden
	}
	return writemodel.QuestionPending
}

// freeTextModeration is settings.moderation of word clouds and open text:
// true shows no entry until the organizer approves it (like a moderated
// Q&A). Off by default, and then not stored.
type freeTextModeration struct {
	Moderation bool `json:"moderation,omitempty"`
}
