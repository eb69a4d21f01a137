package writemodel

import (
	"encoding/json"

	"github.com/cajalive/caja"
	"github.com/cajalive/caja/writemodel/profanity"
)

// EntryScreen decides, when results are rendered and exported, which
// free-text entries (open-text answers, word-cloud words) the audience
// sees: hidden ones never; held ones (settings.moderation, or a listed
// word under the session's hold filter) not until the organizer approves
// them; a listed word under the hide filter is hidden unless approved. The
// listed words are those of the session's language and of English
// (profanity.For) and the organizer's own. Deciding here rather than when
// the answer is written keeps the answer path as it was, and a change of
// the filter, the language or the organizer's words applies to every entry
// at the next projection.
type EntryScreen struct {
	filter string
	lang   string
	words  []string
	m      *profanity.Matcher // built on first use
}

// NewEntryScreen is the screen of a session's filter, language and words.
func NewEntryScreen(s *Session) *EntryScreen {
	return &EntryScreen{filter: ProfanityFilterOf(s), lang: LanguageOf(s), words: ProfanityWordsOf(s)}
}

// EntryState is how one entry shows.
type EntryState struct {
	// Hidden: by the organizer, or by the hide filter. Held: waiting for
	// approval. Flagged: it contains a listed word (the organizer's
	// documents say so).
	Hidden, Held, Flagged bool
}

// State is how an entry with this text and these marks shows.
func (e *EntryScreen) State(text string, hidden, approved, moderated bool) EntryState {
	var st EntryState
	if e != nil && e.filter != caja.ProfanityOff {
		if e.m == nil {
			e.m = profanity.For(e.lang).With(e.words)
		}
		st.Flagged = e.m.Match(text)
	}
	switch {
	case hidden:
		st.Hidden = true
	case approved:
	case st.Flagged && e.filter == caja.ProfanityHide:
		st.Hidden = true
	case moderated || st.Flagged:
		st.Held = true
	}
	return st
}

// Visible: the audience sees the entry.
func (st EntryState) Visible() bool { return !st.Hidden && !st.Held }

// ModeratedFreeText reports whether a word cloud or open text shows its
// entries only once approved (settings.moderation).
func ModeratedFreeText(a *Activity) bool {
	var s struct {
		Moderation bool `json:"moderation"`
	}
	_ = json.Unmarshal([]byte(a.Settings), &s) // validated by the commands
	return s.Moderation
}
