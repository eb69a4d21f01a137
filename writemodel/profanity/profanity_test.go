package profanity_test

import (
	"testing"

	"github.com/cajalive/caja/writemodel/profanity"
)

func TestMatch(t *testing.T) {
	t.Parallel()
	m := profanity.Default()
	for _, tt := range []struct {
		text string
		want bool
	}{
		{"Sh1t", true},
		{"what a load of sh1t!", true},
		{"$hit happens", true},
		{"shiiiit", true},
		{"MERDE", true},
		{"Mérde alors", true},
		{"Scheiße", true},
		{"Scheisse", true},
		{"GILIPOLLAS", true},
		{"caralho", true},
		{"piece of shit", true},
		{"piece of s h i t", false},
		{"Scunthorpe", false},
		{"classic assessment", false},
		{"Shitake? no: shiitake mushrooms", false},
		{"Grüße aus München", false},
		{"", false},
		{"¡Hola! ¿Qué tal?", false},
		{"version 1.0.3", false},
		{"flood p15 3", false}, // not "pis": more digits than letters is a code, not leetspeak
		{"room 101, call 5318008", false},
		{"$h1t", true},
	} {
		if got := m.Match(tt.text); got != tt.want {
			t.Errorf("Match(%q) = %v, want %v", tt.text, got, tt.want)
		}
	}
}

func TestWithOrganizerWords(t *testing.T) {
	t.Parallel()
	m := profanity.Default().With([]string{"Brocoli", "bad idea"})
	for text, want := range map[string]bool{"I hate br0c0li": true, "BROCOLI!": true, "a bad idea": true, "a bad plan": false, "brocolis": false} {
		if got := m.Match(text); got != want {
			t.Errorf("Match(%q) = %v, want %v", text, got, want)
		}
	}
	if profanity.Default().Match("brocoli") {
		t.Error("With changed the default matcher")
	}
	if !profanity.Extra([]string{"zut"}).Match("Zut!") || profanity.Extra(nil).Match("shit") {
		t.Error("Extra")
	}
}
