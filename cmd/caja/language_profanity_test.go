package main

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"
)

// createSessionIn creates a session whose settings.language is lang.
func (ts *testServer) createSessionIn(t *testing.T, lang string) created {
	t.Helper()
	r := ts.do(t, "POST", "/api/v1/sessions", fmt.Sprintf(`{"name":"In %s","admin_id":"ana","settings":{"language":%q}}`, lang, lang))
	mustStatus(t, r, http.StatusCreated)
	var c created
	if err := json.Unmarshal(r.Body, &c); err != nil {
		t.Fatal(err)
	}
	return c
}

// freeText presents a new open text or word cloud with its results shown
// and gives each text to a participant of its own.
func (ts *testServer) freeText(t *testing.T, s created, typ string, texts ...string) activity {
	t.Helper()
	a := ts.createActivity(t, s, `{"type":"`+typ+`","title":"Say it"}`)
	ts.present(t, s, a.ID)
	ts.patchActivity(t, s, a.ID, `{"results_visible":true}`)
	for i, text := range texts {
		p := ts.join(t, s, fmt.Sprintf("%s%d", typ, i))
		mustStatus(t, ts.answer(t, s, a.ID, p, fmt.Sprintf(`{"text":%q}`, text)), http.StatusCreated)
	}
	return a
}

// heldEntries waits until the organizer's view has n entries, then tells
// which are held (with a listed word) and which are not, and checks that
// the display shows exactly the ones not held.
func (ts *testServer) heldEntries(t *testing.T, s created, n int) map[string]bool {
	t.Helper()
	eventually(t, 3*time.Second, "every entry in the organizer's view", func() bool { return len(entriesOf(ts, t, s)) == n })
	held := map[string]bool{}
	for text, m := range entriesOf(ts, t, s) {
		held[text] = m["held"] == true && m["flagged"] == true
	}
	display := ts.rawViews(t, s)["display"]
	for text, h := range held {
		if strings.Contains(display, text) == h {
			t.Errorf("%s: entry %q held=%v, on the display=%v", s.ID, text, h, !h)
		}
	}
	return held
}

// TestPresent_ProfanityFollowsTheSessionLanguage: a session is screened
// with the list of its language and English, not the other languages'; an
// Arabic word cloud counts the written variants of a word as one.
func TestPresent_ProfanityFollowsTheSessionLanguage(t *testing.T) {
	t.Parallel()
	ts := startServer(t, serverEnv(t))

	// Spanish: French "con" and Italian "mona" are Spanish words.
	es := ts.createSessionIn(t, "es")
	esOpen := ts.freeText(t, es, "open_text", "café con leche", "¡Qué mona!", "eres un gilipollas", "what the fuck")
	want := map[string]bool{"café con leche": false, "¡Qué mona!": false, "eres un gilipollas": true, "what the fuck": true}
	if got := ts.heldEntries(t, es, 4); fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("Spanish session: held %v, want %v", got, want)
	}

	// French: "con" is held there; Italian "balle" is a French ball.
	fr := ts.createSessionIn(t, "fr")
	ts.freeText(t, fr, "open_text", "espèce de con", "une balle de tennis", "fromage râpé")
	want = map[string]bool{"espèce de con": true, "une balle de tennis": false, "fromage râpé": false}
	if got := ts.heldEntries(t, fr, 3); fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("French session: held %v, want %v", got, want)
	}

	// English: the English list alone.
	en := ts.createSession(t, "English")
	ts.freeText(t, en, "open_text", "don't bite the hand", "fick", "bullshit")
	want = map[string]bool{"don't bite the hand": false, "fick": false, "bullshit": true}
	if got := ts.heldEntries(t, en, 3); fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("English session: held %v, want %v", got, want)
	}

	// The Spanish session switched to French, its open text no longer on
	// screen: "con" is held there from the next projection on.
	ts.present(t, es, ts.createActivity(t, es, `{"type":"word_cloud","title":"Next"}`).ID)
	mustStatus(t, ts.do(t, "PATCH", "/api/v1/sessions/"+es.ID, `{"settings":{"language":"fr"}}`, ts.admin(es)...), http.StatusOK)
	ts.waitResults(t, es, esOpen.ID, func(r map[string]any) bool {
		list, _ := r["answers"].([]any)
		for _, a := range list {
			if m := a.(map[string]any); m["text"] == "café con leche" {
				return m["held"] == true
			}
		}
		return false
	})

	// Arabic: a listed word held with its harakat; "مصر" (Egypt) is not
	// "مص".
	ar := ts.createSessionIn(t, "ar")
	ts.freeText(t, ar, "open_text", "يا شَرْمُوطَة", "مصر أم الدنيا", "shit")
	want = map[string]bool{"يا شَرْمُوطَة": true, "مصر أم الدنيا": false, "shit": true}
	if got := ts.heldEntries(t, ar, 3); fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("Arabic session: held %v, want %v", got, want)
	}
	// A word cloud: harakat, tatweel and alef forms make no other word;
	// the listed word is held.
	cloud := ts.freeText(t, ar, "word_cloud", "كَلب", "كلب", "كـــلب", "كلْب", "أحمد", "احمد", "قحبة", "كرة", "كره")
	res := ts.waitResults(t, ar, cloud.ID, func(r map[string]any) bool { return len(wordsOf(r)) == 5 })
	wantWords := map[string]string{"كلب": "4 false", "احمد": "2 false", "قحبة": "1 true", "كرة": "1 false", "كره": "1 false"}
	for text, w := range wordsOf(res) {
		if got := fmt.Sprint(w["count"], " ", w["held"]); got != wantWords[text] {
			t.Errorf("word %q: count and held %s, want %q", text, got, wantWords[text])
		}
	}
	var display []string
	eventually(t, 3*time.Second, "the Arabic words on the display", func() bool {
		display = display[:0]
		for text := range wordsOf(resultsOf(ts.views(t, ar)["display"])) {
			display = append(display, text)
		}
		return len(display) == 4
	})
	if strings.Contains(ts.rawViews(t, ar)["display"], "قحبة") || !strings.Contains(ts.rawViews(t, ar)["display"], "كلب") {
		t.Errorf("the display's words %v", display)
	}
}

// wordsOf is a word cloud's results by word.
func wordsOf(results map[string]any) map[string]map[string]any {
	out := map[string]map[string]any{}
	list, _ := results["words"].([]any)
	for _, w := range list {
		m := w.(map[string]any)
		out[m["text"].(string)] = m
	}
	return out
}
