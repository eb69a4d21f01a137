package httpapi

import (
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// csvCell neutralises text a spreadsheet would run as a formula: when its
// first visible character is = + - @, a tab or a carriage return, it gets a
// leading apostrophe. "Visible" is judged after NFKC normalisation (a
// full-width ＝ is =) and after skipping spaces and invisible characters
// (a zero-width space in front must not hide an =), because spreadsheets
// and people both see through them. A plain number (-3, +5, 2.5) is no
// formula and stays as it is, so it still reads as a number.
func csvCell(s string) string {
	if s == "" || isPlainNumber(s) {
		return s
	}
	// Most cells start with a visible ASCII character that no
	// normalisation changes into a formula sign.
	if c := s[0]; c > ' ' && c < 0x7f && c != '=' && c != '+' && c != '-' && c != '@' {
		return s
	}
	for _, r := range norm.NFKC.String(s) {
		switch {
		case r == '\t' || r == '\r':
			return "'" + s
		case unicode.IsSpace(r) || invisible(r):
			continue
		case r == '=' || r == '+' || r == '-' || r == '@':
			return "'" + s
		default:
			return s
		}
	}
	return s
}

// isPlainNumber reports an optionally signed decimal number in ASCII
// (digits, at most one point), nothing around it.
func isPlainNumber(s string) bool {
	if s[0] == '+' || s[0] == '-' {
		s = s[1:]
	}
	digits, point := 0, false
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case '0' <= c && c <= '9':
			digits++
		case c == '.' && !point:
			point = true
		default:
			return false
		}
	}
	return digits > 0
}

// invisible reports characters that render as nothing: format characters
// (zero-width space and joiners, word joiner, BOM, bidi marks), variation
// selectors, the combining grapheme joiner and the Hangul fillers.
func invisible(r rune) bool {
	switch {
	case unicode.Is(unicode.Cf, r):
		return true
	case 0xFE00 <= r && r <= 0xFE0F, 0xE0100 <= r && r <= 0xE01EF, 0x180B <= r && r <= 0x180F:
		return true
	case r == 0x034F, r == 0x115F, r == 0x1160, r == 0x3164, r == 0xFFA0, r == 0x17B4, r == 0x17B5:
		return true
	}
	return false
}
