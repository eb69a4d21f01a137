package httpapi

import (
	"net/url"
	"strings"
	"time"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// maxSlug bounds the name part of an export's file name, in bytes.
const maxSlug = 60

// contentDisposition names an export after its session, e.g.
// caja-quarterly-all-hands-2026-12-01.csv: an ASCII slug of the name cut
// at a word boundary, and the day of the export (UTC). A name that is not
// plain ASCII also travels as filename* (RFC 6266), readable as typed.
func contentDisposition(sessionName, sessionID, ext string, now time.Time) string {
	date := now.UTC().Format("2006-01-02")
	slug := joinWords(asciiWords(sessionName), maxSlug)
	if slug == "" {
		slug = sessionID[:8]
	}
	v := `attachment; filename="caja-` + slug + "-" + date + "." + ext + `"`
	if original := joinWords(nameWords(sessionName), maxSlug); original != "" && !isASCII(original) {
		v += "; filename*=UTF-8''" + strings.ReplaceAll(url.PathEscape("caja-"+original+"-"+date+"."+ext), "+", "%2B")
	}
	return v
}

// joinWords joins words with hyphens up to max bytes, never cutting one.
func joinWords(words []string, max int) string {
	var b strings.Builder
	for _, w := range words {
		n := len(w)
		if b.Len() > 0 {
			n++
		}
		if b.Len()+n > max {
			break
		}
		if b.Len() > 0 {
			b.WriteByte('-')
		}
		b.WriteString(w)
	}
	return b.String()
}

// asciiFold spells letters that do not decompose into a base letter and
// accents.
var asciiFold = map[rune]string{'ß': "ss", 'æ': "ae", 'Æ': "ae", 'œ': "oe", 'Œ': "oe", 'ø': "o", 'Ø': "o", 'ł': "l", 'Ł': "l", 'đ': "d", 'Đ': "d", 'ð': "d", 'Ð': "d", 'þ': "th", 'Þ': "th", 'ı': "i"}

// asciiWords lower-cases the name, drops accents and splits it into runs of
// ASCII letters and digits.
func asciiWords(name string) []string {
	var words []string
	var w strings.Builder
	flush := func() {
		if w.Len() > 0 {
			words = append(words, w.String())
			w.Reset()
		}
	}
	for _, r := range norm.NFKD.String(name) {
		if s, ok := asciiFold[r]; ok {
			w.WriteString(s)
			continue
		}
		switch {
		case 'a' <= r && r <= 'z', '0' <= r && r <= '9':
			w.WriteRune(r)
		case 'A' <= r && r <= 'Z':
			w.WriteRune(r + ('a' - 'A'))
		case unicode.Is(unicode.Mn, r):
			// an accent of the letter before
		default:
			flush()
		}
	}
	flush()
	return words
}

// nameWords splits the name as typed into runs of letters and digits.
func nameWords(name string) []string {
	return strings.FieldsFunc(norm.NFC.String(name), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.Is(unicode.M, r)
	})
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}
