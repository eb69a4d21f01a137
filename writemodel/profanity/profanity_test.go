package profanity_test

import (
	"bufio"
	"os"
	"slices"
	"testing"

	"github.com/cajalive/caja/writemodel/profanity"
)

func TestFor_MatchesTheSessionLanguageAndEnglish(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		lang, text string
		want       bool
	}{
		// English: normalisation, whole words.
		{"en", "Sh1t", true},
		{"en", "what a load of sh1t!", true},
		{"en", "$hit happens", true},
		{"en", "$h1t", true},
		{"en", "shiiiit", true},
		{"en", "sh\u200bit", true}, // a zero-width space inside
		{"en", "piece of shit", true},
		{"en", "piece of s h i t", false},
		{"en", "Scunthorpe", false},
		{"en", "classic assessment", false},
		{"en", "Shitake? no: shiitake mushrooms", false},
		{"en", "", false},
		{"en", "version 1.0.3", false},
		{"en", "flood p15 3", false}, // not "pis": more digits than letters is a code, not leetspeak
		{"en", "room 101, call 5318008", false},
		{"en", "what a dick", true},
		// English sessions have the English list alone.
		{"en", "don't bite the hand that feeds you", false}, // French "bite"
		{"en", "fick dich", false},                          // German
		{"en", "MERDE", false},                              // French
		{"en", "Regina, Saskatchewan", false},               // Italian "regina"
		{"en", "gilipollas", false},                         // Spanish
		{"en", "كس", false},                                 // Arabic
		// German.
		{"de", "Scheiße", true},
		{"de", "SCHEISSE", true},
		{"de", "fuck", true},
		{"de", "Grüße aus München", false},
		{"de", "Danke, bitte!", false},     // French "bitte"
		{"de", "Das Buch ist dick", false}, // English "dick": thick
		{"de", "MERDE", false},
		// French.
		{"fr", "MERDE", true},
		{"fr", "Mérde alors", true},
		{"fr", "espèce de con", true},
		{"fr", "bite", true},
		{"fr", "bullshit", true},
		{"fr", "une balle de tennis", false}, // Italian "balle"
		{"fr", "fromage râpé", false},        // English "rape"
		{"fr", "Scheiße", false},
		// Spanish.
		{"es", "GILIPOLLAS", true},
		{"es", "hijo de puta", true},
		{"es", "fuck", true},
		{"es", "café con leche", false},  // French "con"
		{"es", "Te quiero, mamá", false}, // Portuguese "mama"
		{"es", "vamos a comer", false},   // Portuguese "comer"
		{"es", "¡Qué mona!", false},      // Italian "mona"
		{"es", "café negro", false},      // English (and French) "negro"
		{"es", "¡Hola! ¿Qué tal?", false},
		// Portuguese.
		{"pt", "caralho", true},
		{"pt", "vai tomar no cu", true},
		{"pt", "café com leite", false},
		{"pt", "fica aqui", false},   // Italian "fica"
		{"pt", "humor negro", false}, // English "negro"
		{"pt", "café con leche", false},
		// Italian.
		{"it", "cazzo", true},
		{"it", "porca miseria", true},
		{"it", "che figa", true},
		{"it", "shit", true},
		{"it", "negro", true},            // English list; an insult in Italian too (black is "nero")
		{"it", "caffè con latte", false}, // French "con"
		{"it", "pane e burro", false},    // Portuguese "burro"
		{"it", "una palla", false},
		// Arabic: whole words, harakat, tatweel, alef forms, the article.
		{"ar", "كس", true},
		{"ar", "كَسّ", true},
		{"ar", "كـــس", true},
		{"ar", "كسسس", true},
		{"ar", "ك\u200cس", true}, // a zero-width non-joiner inside
		{"ar", "ما هذا؟كس، لا", true},
		{"ar", "يا شَرْمُوطَة", true},
		{"ar", "والشرموطة", true},
		{"ar", "الكس", true},
		{"ar", "إغتصاب", true}, // listed as اغتصاب
		{"ar", "أغتصاب", true},
		{"ar", "خنثى", true}, // listed as خنثي
		{"ar", "حلمة", true},
		{"ar", "shit", true},
		{"ar", "sh1t كلمة", true},
		{"ar", "مصر", false},       // Egypt; "مص" is listed
		{"ar", "كسر الخبز", false}, // break the bread
		{"ar", "بكس", false},       // box: a one-letter particle is not taken off
		{"ar", "الكسل", false},     // laziness
		{"ar", "حلمه", false},      // his dream: heh is not teh marbuta
		{"ar", "الله أكبر", false}, // the article off leaves "له", not listed
		{"ar", "كلب", false},       // dog: not listed
		{"ar", "café con leche", false},
		{"ar", "٣ كتب", false},
		// No list of its own: English alone.
		{"xx", "shit", true},
		{"xx", "MERDE", false},
	} {
		if got := profanity.For(tt.lang).Match(tt.text); got != tt.want {
			t.Errorf("For(%q).Match(%q) = %v, want %v", tt.lang, tt.text, got, tt.want)
		}
	}
}

// TestFor_EveryEntryOfItsLists: each language's matcher finds every entry
// of its list and of the English one, except those left out as innocent
// in it and the one entry without a letter.
func TestFor_EveryEntryOfItsLists(t *testing.T) {
	t.Parallel()
	en := readList(t, "en")
	for _, tt := range []struct {
		lang   string
		missed []string
	}{
		{"en", []string{"🖕"}},
		{"de", []string{"dick", "🖕"}},
		{"fr", []string{"rape", "🖕"}},
		{"es", []string{"negro", "🖕"}},
		{"pt", []string{"negro", "🖕"}},
		{"it", []string{"🖕"}},
		{"ar", []string{"🖕"}},
	} {
		m := profanity.For(tt.lang)
		var missed []string
		for _, e := range append(readList(t, tt.lang), en...) {
			if !m.Match(e) {
				missed = append(missed, e)
			}
		}
		slices.Sort(missed)
		if missed = slices.Compact(missed); !slices.Equal(missed, tt.missed) {
			t.Errorf("For(%q) misses %q, want %q", tt.lang, missed, tt.missed)
		}
	}
}

func TestFor_BuiltOncePerLanguage(t *testing.T) {
	t.Parallel()
	if profanity.For("fr") != profanity.For("fr") || profanity.For("xx") != profanity.For("en") || profanity.For("fr") == profanity.For("es") {
		t.Error("For does not share one matcher per language")
	}
	if len(profanity.Languages) != 7 {
		t.Errorf("Languages %v", profanity.Languages)
	}
}

func TestWithOrganizerWords(t *testing.T) {
	t.Parallel()
	m := profanity.For("en").With([]string{"Brocoli", "bad idea", "كَلب"})
	for _, tt := range []struct {
		text string
		want bool
	}{
		{"I hate br0c0li", true},
		{"BROCOLI!", true},
		{"a bad idea", true},
		{"a bad plan", false},
		{"brocolis", false},
		{"كلب", true},
		{"كـلب", true},
		{"الكلب", true},
		{"كلبة", false},
	} {
		if got := m.Match(tt.text); got != tt.want {
			t.Errorf("Match(%q) = %v, want %v", tt.text, got, tt.want)
		}
	}
	if profanity.For("en").Match("brocoli") {
		t.Error("With changed the language's matcher")
	}
	// An organizer may screen a word left out as innocent.
	if !profanity.For("de").With([]string{"dick"}).Match("Dick") {
		t.Error("an organizer's word left out")
	}
	if !profanity.Extra([]string{"zut"}).Match("Zut!") || profanity.Extra(nil).Match("shit") {
		t.Error("Extra")
	}
}

// TestTokens: how entries are stored. Only Latin words are read as
// leetspeak; Arabic loses its marks but keeps its letters.
func TestTokens(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		entry string
		want  []string
	}{
		{"Sh1t", []string{"shit"}},
		{"Straße", []string{"strasse"}},
		{"bad  IDEA", []string{"bad", "idea"}},
		{"الكَـلْب", []string{"الكلب"}},
		{"أحمد", []string{"احمد"}},
		{"كس1", []string{"كس1"}},
		{"ك$", []string{"ك$"}}, // not "كs"
		{"🖕", []string{}},
	} {
		if got := profanity.Tokens(tt.entry); !slices.Equal(got, tt.want) {
			t.Errorf("Tokens(%q) = %q, want %q", tt.entry, got, tt.want)
		}
	}
}

func readList(t *testing.T, lang string) []string {
	t.Helper()
	f, err := os.Open("lists/" + lang + ".txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		out = append(out, sc.Text())
	}
	if err := sc.Err(); err != nil || len(out) == 0 {
		t.Fatalf("list %s: %v, %d entries", lang, err, len(out))
	}
	return out
}
