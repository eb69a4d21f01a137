// Package profanity finds listed words in participants' free text: the word
// lists of several languages shipped with the binary (lists/, see its
// README for their source), plus words an organizer adds.
//
// A session is screened with the list of its language and the English one,
// since audiences swear in English everywhere (For); the other languages'
// lists do not apply, so a word innocent in the session's language passes
// even when another language lists it: "con" (French) in a Spanish "café
// con leche", "bitte" (French) in a German "Danke, bitte", "fica" (Italian)
// in a Portuguese "fica aqui", "bite" (French) in an English session. An
// English session has the English list alone: "fick" passes there. The few
// English entries that are everyday words of another language are left out
// of that language's matcher (innocent).
//
// Text and list entries are normalised the same way before they are
// compared: case, accents (é → e, ß → ss), leetspeak (sh1t, $hit, @ss),
// stretched letters (shiiit), invisible characters, and in Arabic the
// harakat, the tatweel, the forms of alef and the definite article
// ("الكَــلب" is "كلب"); and only whole words match, so "Scunthorpe",
// "classic" or "مصر" (Egypt, for the listed "مص") pass. An entry of several
// words matches those words in a row.
package profanity

import (
	"bufio"
	"embed"
	"sync"
)

//go:embed lists/*.txt
var lists embed.FS

// Languages are the languages of the shipped lists.
var Languages = []string{"en", "de", "fr", "es", "pt", "it", "ar"}

// innocent are the English list's entries that are everyday words of a
// session's language, and so are not screened there (its own list still
// applies, and an organizer may add them back as their own words).
var innocent = map[string][]string{
	"de": {"dick"},  // thick
	"fr": {"rape"},  // râpé: grated, as in "fromage râpé"
	"es": {"negro"}, // black
	"pt": {"negro"}, // black
}

// Matcher tells whether a text contains a listed word. Its zero value
// matches nothing; it is safe for concurrent use once built.
type Matcher struct {
	words   map[string]bool
	phrases map[string][][]string // first word → the rest of each phrase
}

// matchers builds each language's matcher on first use, once.
var matchers = func() map[string]func() *Matcher {
	out := make(map[string]func() *Matcher, len(Languages))
	for _, lang := range Languages {
		out[lang] = sync.OnceValue(func() *Matcher { return build(lang) })
	}
	return out
}()

// For is the matcher of a session in lang: the English list (less the
// entries innocent in lang) and lang's list. A language without a list is
// screened with the English one alone. Each is built once and shared.
func For(lang string) *Matcher {
	if f, ok := matchers[lang]; ok {
		return f()
	}
	return matchers["en"]()
}

func build(lang string) *Matcher {
	m := &Matcher{words: map[string]bool{}, phrases: map[string][][]string{}}
	m.addList("en")
	for _, w := range innocent[lang] {
		delete(m.words, w)
	}
	if lang != "en" {
		m.addList(lang)
	}
	return m
}

func (m *Matcher) addList(lang string) {
	f, err := lists.Open("lists/" + lang + ".txt")
	if err != nil {
		panic("profanity: missing list " + lang) // embedded: cannot happen
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		m.add(sc.Text())
	}
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
