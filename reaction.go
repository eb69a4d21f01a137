package caja

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// DefaultReactions is the reaction set of a session that chose none.
var DefaultReactions = []string{"👍", "❤️", "😂", "😮", "👏"}

// MaxReactions is how many emoji a session's set may have.
const MaxReactions = 6

// IsEmoji reports whether s looks like one emoji (a pictograph, with the
// joiners, variation selectors, skin tones and flags that make it up): no
// letters, digits, spaces or control characters, at most 8 code points.
func IsEmoji(s string) bool {
	if s == "" || len(s) > 32 || !utf8.ValidString(s) || utf8.RuneCountInString(s) > 8 {
		return false
	}
	pictograph := false
	for _, r := range s {
		switch {
		case r == 0x200D || (r >= 0xFE00 && r <= 0xFE0F) || (r >= 0x1F3FB && r <= 0x1F3FF) || r == 0x20E3:
			// joiner, variation selector, skin tone, keycap
		case r >= 0x1F1E6 && r <= 0x1F1FF: // regional indicators (flags)
			pictograph = true
		case r >= 0x2190 && !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.IsSpace(r) && !unicode.IsControl(r) && (unicode.Is(unicode.So, r) || unicode.Is(unicode.Sm, r) || r >= 0x1F000):
			pictograph = true
		default:
			return false
		}
	}
	return pictograph && strings.TrimSpace(s) == s
}
