package profanity

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// leet maps the characters that stand for letters.
var leet = map[rune]rune{'0': 'o', '1': 'i', '3': 'e', '4': 'a', '5': 's', '7': 't', '8': 'b', '9': 'g', '@': 'a', '$': 's', '!': 'i', '|': 'l', '€': 'e', '+': 't'}

// inWord: letters, digits and the leet symbols make words; anything else
// separates them.
func inWord(r rune) bool {
	_, isLeet := leet[r]
	return unicode.IsLetter(r) || unicode.IsDigit(r) || isLeet || r == '*'
}

// words splits text into words, each with its normalised variants: the
// word with leet characters read as letters; the same without the symbols
// at its ends ("shit!" → "shit", not "shiti"); each with stretched letters
// squeezed to one and to two ("shiiit" → "shit", "asss" → "ass"); and an
// Arabic word also without the definite article written onto it ("الكلب"
// → "كلب").
func words(s string) [][]string {
	s = fold(s)
	var out [][]string
	for _, raw := range strings.FieldsFunc(s, func(r rune) bool { return !inWord(r) }) {
		var vs []string
		seen := map[string]bool{}
		addV := func(v string) {
			if v != "" && !seen[v] {
				seen[v] = true
				vs = append(vs, v)
			}
		}
		for _, w := range []string{raw, strings.Trim(raw, "!@$|+*.")} {
			forms := []string{strings.ReplaceAll(w, "*", "")}
			if leetReadable(w) {
				forms = []string{deleet(w), forms[0]}
			}
			for _, f := range forms {
				addV(f)
				addV(squeeze(f, 1))
				addV(squeeze(f, 2))
			}
		}
		for _, v := range vs[:len(vs):len(vs)] {
			if rest, ok := withoutArticle(v); ok {
				addV(rest)
			}
		}
		if len(vs) > 0 {
			out = append(out, vs)
		}
	}
	return out
}

// tatweel (ـ) stretches Arabic words: "كـــلب" is "كلب".
const tatweel = '\u0640'

// arabicLetters are the Arabic letters written one way for another: alef
// wasla as a bare alef (the alefs with hamza or madda are one already: NFKD
// splits the mark off), and the alef maqsura and the Persian yeh and keheh
// that many keyboards type as yeh and kaf ("خنثى" is listed as "خنثي").
// Teh marbuta and heh stay apart: "حلمه" (his dream) is not the listed
// "حلمة".
var arabicLetters = map[rune]rune{'ٱ': 'ا', 'ى': 'ي', 'ی': 'ي', 'ک': 'ك'}

// fold lowercases and strips accents: NFKD, then the combining marks go
// (accents, and the Arabic harakat, shadda and superscript alef), and so
// do invisible format characters (zero-width joiners and spaces, direction
// marks: "sh\u200bit" is "shit") and the tatweel.
func fold(s string) string {
	s = strings.ToLower(norm.NFKD.String(s))
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch {
		case unicode.Is(unicode.Mn, r), unicode.Is(unicode.Cf, r), r == tatweel:
		case r == 'ß':
			b.WriteString("ss")
		default:
			if a, ok := arabicLetters[r]; ok {
				r = a
			}
			b.WriteRune(r)
		}
	}
	return b.String()
}

// articles are the Arabic definite article and the particles written with
// it onto a word, longest first: al-, wal- (and the), bil- (with the),
// fal-, kal- (like the), lil- (for the).
var articles = []string{"وال", "بال", "فال", "كال", "لل", "ال"}

// withoutArticle is an Arabic word without its article, if what remains
// has two letters or more. The one-letter particles alone (wa-, bi-, li-)
// are not taken off: "بكس" (box) and "وكس" (loss) are words, not "كس".
func withoutArticle(w string) (string, bool) {
	for _, a := range articles {
		if rest, ok := strings.CutPrefix(w, a); ok && utf8.RuneCountInString(rest) >= 2 {
			return rest, true
		}
	}
	return "", false
}

// leetReadable: a word is read as leetspeak only when its letters are all
// Latin and it has at least as many of them as characters standing for
// letters ("sh1t", "$h1t"), so that codes and numbers ("p15", "101",
// "2024") stay what they are, and so do words of other scripts ("كس1" is
// not "كسi").
func leetReadable(w string) bool {
	letters, leets := 0, 0
	for _, r := range w {
		if _, ok := leet[r]; ok {
			leets++
		} else if unicode.IsLetter(r) {
			if !unicode.Is(unicode.Latin, r) {
				return false
			}
			letters++
		}
	}
	return leets > 0 && letters >= leets
}

func deleet(w string) string {
	var b strings.Builder
	for _, r := range w {
		if l, ok := leet[r]; ok {
			r = l
		}
		if r == '*' {
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// squeeze shortens every run of three or more of one letter to n.
func squeeze(w string, n int) string {
	rs := []rune(w)
	var b strings.Builder
	for i := 0; i < len(rs); {
		j := i
		for j < len(rs) && rs[j] == rs[i] {
			j++
		}
		k := j - i
		if k >= 3 {
			k = n
		}
		for range k {
			b.WriteRune(rs[i])
		}
		i = j
	}
	return b.String()
}
