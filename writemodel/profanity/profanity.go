// Package profanity finds listed words in participants' free text: the word
// lists of several languages shipped with the binary (lists/, see its
// README for their source), plus words an organizer adds. Text and list
// entries are normalised the same way before they are compared: case,
// accents (é → e, ß → ss), leetspeak (sh1t, $hit, @ss) and stretched
// letters (shiiit); and only whole words match, so "Scunthorpe" or
// "classic" pass. An entry of several words matches those words in a row.
package profanity

import (
	"bufio"
	"embed"
	"io/fs"
	"strings"
	"sync"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

//go:embed lists/*.txt
var lists embed.FS

// Languages are the languages of the shipped lists.
var Languages = []string{"en", "de", "fr", "es", "pt"}

// Matcher tells whether a text contains a listed word. Its zero value
// matches nothing; it is safe for concurrent use once built.
type Matcher struct {
	words   map[string]bool
	phrases map[string][][]string // first word → the rest of each phrase
}

var (
	defaultOnce    sync.Once
	defaultMatcher *Matcher
)

// Default is the matcher of every shipped list, built once.
func Default() *Matcher {
	defaultOnce.Do(func() {
		m := &Matcher{words: map[string]bool{}, phrases: map[string][][]string{}}
		for _, lang := range Languages {
			f, err := lists.Open("lists/" + lang + ".txt")
			if err != nil {
				panic("profanity: missing list " + lang) // embedded: cannot happen
			}
			sc := bufio.NewScanner(f)
			for sc.Scan() {
				m.add(sc.Text())
			}
			_ = f.(fs.File).Close()
		}
		defaultMatcher = m
	})
	return defaultMatcher
}

// With returns a matcher of m's entries and extra ones (an organizer's own
// words); m is unchanged. With no extra entries it is m.
func (m *Matcher) With(extra []string) *Matcher {
	if len(extra) == 0 {
		return m
	}
	out := &Matcher{words: make(map[string]bool, len(m.words)+len(extra)), phrases: make(map[string][][]string, len(m.phrases))}
	for w := range m.words {
		out.words[w] = true
	}
	for k, v := range m.phrases {
		out.phrases[k] = v
	}
	for _, e := range extra {
		out.add(e)
	}
	return out
}

// Extra is a matcher of the given entries alone.
func Extra(entries []string) *Matcher {
	return (&Matcher{}).With(entries)
}

func (m *Matcher) add(entry string) {
	toks := Tokens(entry)
	switch len(toks) {
	case 0:
	case 1:
		if m.words == nil {
			m.words = map[string]bool{}
		}
		m.words[toks[0]] = true
	default:
		if m.phrases == nil {
			m.phrases = map[string][][]string{}
		}
		m.phrases[toks[0]] = append(m.phrases[toks[0]], toks[1:])
	}
}

// Match reports whether text contains a listed word or phrase.
func (m *Matcher) Match(text string) bool {
	if m == nil || (len(m.words) == 0 && len(m.phrases) == 0) {
		return false
	}
	words := words(text)
	for i, w := range words {
		for _, v := range w {
			if m.words[v] {
				return true
			}
			for _, rest := range m.phrases[v] {
				if followedBy(words[i+1:], rest) {
					return true
				}
			}
		}
	}
	return false
}

// followedBy reports whether the words after a phrase's first word begin
// with the rest of it (any variant of each word).
func followedBy(next [][]string, rest []string) bool {
	if len(next) < len(rest) {
		return false
	}
	for j, want := range rest {
		found := false
		for _, v := range next[j] {
			if v == want {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

// Tokens is an entry's normalised words (one form each), as the lists are
// stored.
func Tokens(s string) []string {
	ws := words(s)
	out := make([]string, 0, len(ws))
	for _, w := range ws {
		out = append(out, w[0])
	}
	return out
}

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
// at its ends ("shit!" → "shit", not "shiti"); and each with stretched
// letters squeezed to one and to two ("shiiit" → "shit", "asss" → "ass").
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
		if len(vs) > 0 {
			out = append(out, vs)
		}
	}
	return out
}

// fold lowercases and strips accents: NFKD, then the combining marks go.
func fold(s string) string {
	s = strings.ToLower(norm.NFKD.String(s))
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch {
		case unicode.Is(unicode.Mn, r):
		case r == 'ß':
			b.WriteString("ss")
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// leetReadable: a word is read as leetspeak only when it has at least as
// many letters as characters standing for letters ("sh1t", "$h1t"), so that
// codes and numbers ("p15", "101", "2024") stay what they are.
func leetReadable(w string) bool {
	letters, leets := 0, 0
	for _, r := range w {
		if _, ok := leet[r]; ok {
			leets++
		} else if unicode.IsLetter(r) {
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
