package main

import (
	"net/http"
	"strings"
	"testing"
	"time"
)

// entriesOf lists the organizer's open-text answers or word-cloud words of
// the admin view's current activity by text.
func entriesOf(ts *testServer, t *testing.T, s created) map[string]map[string]any {
	t.Helper()
	out := map[string]map[string]any{}
	r := resultsOf(ts.views(t, s)["admin"])
	for _, key := range []string{"answers", "words"} {
		list, _ := r[key].([]any)
		for _, e := range list {
			m := e.(map[string]any)
			out[m["text"].(string)] = m
		}
	}
	return out
}

// audienceHas reports whether the participant or the display view carries s.
func audienceHas(v map[string]string, s string) bool {
	return strings.Contains(v["participant"], s) || strings.Contains(v["display"], s)
}

func TestPresent_ProfanityFilterHoldsAndHides(t *testing.T) {
	t.Parallel()
	ts := startServer(t, serverEnv(t))
	s := ts.createSession(t, "Filter")
	sp := "/api/v1/sessions/" + s.ID
	ap := sp + "/activities/"
	mod := []string{"Authorization", "Bearer " + s.ModeratorToken}

	// The default is hold; the organizer's words are the organizer's only.
	if got := ts.do(t, "GET", sp, "").json(t)["settings"].(map[string]any); got["profanity_filter"] != "hold" {
		t.Fatalf("default settings %v", got)
	}
	fieldProblem(t, ts.do(t, "PATCH", sp, `{"settings":{"profanity_filter":"maybe"}}`, ts.admin(s)...), http.StatusUnprocessableEntity, "settings.profanity_filter")
	fieldProblem(t, ts.do(t, "PATCH", sp, `{"settings":{"profanity_level":3}}`, ts.admin(s)...), http.StatusUnprocessableEntity, "settings.profanity_level")
	fieldProblem(t, ts.do(t, "PATCH", sp, `{"settings":{"profanity_words":["ok","  "]}}`, ts.admin(s)...), http.StatusUnprocessableEntity, "settings.profanity_words[1]")
	fieldProblem(t, ts.do(t, "PATCH", sp, `{"settings":{"profanity_words":"brocoli"}}`, ts.admin(s)...), http.StatusUnprocessableEntity, "settings.profanity_words")
	refused(t, "changing the filter", ts.do(t, "PATCH", sp, `{"settings":{"profanity_filter":"off"}}`, mod...))
	r := ts.do(t, "PATCH", sp, `{"settings":{"profanity_words":["Brocoli"]}}`, ts.admin(s)...)
	mustStatus(t, r, http.StatusOK)
	if got := r.json(t)["settings"].(map[string]any); got["profanity_filter"] != "hold" || len(got["profanity_words"].([]any)) != 1 {
		t.Fatalf("after PATCH: settings %v", got)
	}
	// A French audience: MERDE is on the French list, Sh1t on the English
	// one, which applies in every language.
	mustStatus(t, ts.do(t, "PATCH", sp, `{"settings":{"language":"fr"}}`, ts.admin(s)...), http.StatusOK)

	open := ts.createActivity(t, s, `{"type":"open_text","title":"Say it"}`)
	cloud := ts.createActivity(t, s, `{"type":"word_cloud","title":"One word","settings":{"max_entries_per_participant":5}}`)
	qna := ts.createActivity(t, s, `{"type":"qna","title":"Ask"}`)
	ana, bo, cy := ts.join(t, s, "ana"), ts.join(t, s, "bo"), ts.join(t, s, "cy")

	ts.present(t, s, open.ID)
	ts.patchActivity(t, s, open.ID, `{"results_visible":true}`)
	ids := map[string]string{}
	for p, text := range map[*participant]string{&ana: "Sh1t happens", &bo: "MERDE alors", &cy: "Greetings from Scunthorpe"} {
		r := ts.answer(t, s, open.ID, *p, `{"text":"`+text+`"}`)
		mustStatus(t, r, http.StatusCreated)
		ids[text] = r.json(t)["id"].(string)
	}
	eventually(t, 3*time.Second, "all three answers projected, Scunthorpe on phones and the display", func() bool {
		v := ts.rawViews(t, s)
		return len(entriesOf(ts, t, s)) == 3 && strings.Contains(v["participant"], "Scunthorpe") && strings.Contains(v["display"], "Scunthorpe")
	})
	v := ts.rawViews(t, s)
	for _, held := range []string{"Sh1t", "MERDE"} {
		if audienceHas(v, held) {
			t.Errorf("a held entry (%s) is in a participant or display view", held)
		}
	}
	e := entriesOf(ts, t, s)
	for text, want := range map[string][3]bool{"Sh1t happens": {true, false, true}, "MERDE alors": {true, false, true}, "Greetings from Scunthorpe": {false, false, false}} {
		m := e[text]
		if m == nil || m["held"] != want[0] || m["hidden"] != want[1] || (m["flagged"] == true) != want[2] {
			t.Errorf("admin entry %q: %v, want held=%v hidden=%v flagged=%v", text, m, want[0], want[1], want[2])
		}
	}
	// The moderator approves one (hidden:false is approval): it shows.
	mustStatus(t, ts.do(t, "PATCH", ap+open.ID+"/entries/"+ids["MERDE alors"], `{"hidden":false}`, mod...), http.StatusOK)
	eventually(t, 3*time.Second, "the approved entry on the display", func() bool {
		v := ts.rawViews(t, s)
		return strings.Contains(v["display"], "MERDE alors") && strings.Contains(v["participant"], "MERDE alors") && !audienceHas(v, "Sh1t")
	})

	// hide: a flagged entry is hidden instead of held, approved ones stay;
	// the organizer's own words count, after normalisation.
	mustStatus(t, ts.answer(t, s, open.ID, ana, `{"text":"I love BR0C0LI"}`), http.StatusOK)
	mustStatus(t, ts.do(t, "PATCH", sp, `{"settings":{"profanity_filter":"hide"}}`, ts.admin(s)...), http.StatusOK)
	eventually(t, 3*time.Second, "hide: flagged entries hidden", func() bool {
		e := entriesOf(ts, t, s)
		m := e["I love BR0C0LI"]
		return m != nil && m["hidden"] == true && m["held"] == false && m["flagged"] == true && e["MERDE alors"]["hidden"] == false
	})
	if v := ts.rawViews(t, s); audienceHas(v, "BR0C0LI") || !strings.Contains(v["display"], "MERDE alors") {
		t.Errorf("hide: the display shows %s", v["display"])
	}
	// off: everything shows.
	mustStatus(t, ts.do(t, "PATCH", sp, `{"settings":{"profanity_filter":"off"}}`, ts.admin(s)...), http.StatusOK)
	eventually(t, 3*time.Second, "off: all entries shown", func() bool {
		return strings.Contains(ts.rawViews(t, s)["display"], "BR0C0LI")
	})
	mustStatus(t, ts.do(t, "PATCH", sp, `{"settings":{"profanity_filter":"hold"}}`, ts.admin(s)...), http.StatusOK)

	// Word cloud: a flagged word is held with every entry of it; moderation
	// holds every word until approved.
	ts.present(t, s, cloud.ID)
	for _, w := range []string{"Sh1t", "merde", "Scunthorpe"} {
		mustStatus(t, ts.answer(t, s, cloud.ID, bo, `{"text":"`+w+`"}`), http.StatusCreated)
	}
	eventually(t, 3*time.Second, "the three words projected, the clean one on the display", func() bool {
		return len(entriesOf(ts, t, s)) == 3 && strings.Contains(strings.ToLower(ts.rawViews(t, s)["display"]), "scunthorpe")
	})
	if v := ts.rawViews(t, s); audienceHas(v, "sh1t") || audienceHas(v, `"merde"`) {
		t.Errorf("a held word is on the display: %s", v["display"])
	}
	ts.patchActivity(t, s, cloud.ID, `{"settings":{"max_entries_per_participant":5,"moderation":true}}`)
	eventually(t, 3*time.Second, "moderation: nothing shows", func() bool {
		return !strings.Contains(strings.ToLower(ts.rawViews(t, s)["display"]), "scunthorpe")
	})
	var wordID string
	eventually(t, 3*time.Second, "the held word in the admin view", func() bool {
		m := entriesOf(ts, t, s)["scunthorpe"]
		if m != nil && m["held"] == true && m["flagged"] != true {
			wordID, _ = m["id"].(string)
		}
		return wordID != ""
	})
	mustStatus(t, ts.do(t, "PATCH", ap+cloud.ID+"/entries/"+wordID, `{"hidden":false}`, ts.admin(s)...), http.StatusOK)
	eventually(t, 3*time.Second, "the approved word back", func() bool {
		return strings.Contains(strings.ToLower(ts.rawViews(t, s)["display"]), "scunthorpe")
	})

	// Q&A: a flagged question waits for approval even without moderation.
	ts.present(t, s, qna.ID)
	q := ts.do(t, "POST", ap+qna.ID+"/questions", `{"text":"why is this sh1t so slow?"}`, "Authorization", "Bearer "+cy.Token)
	mustStatus(t, q, http.StatusCreated)
	if st := q.json(t)["status"]; st != "pending" {
		t.Errorf("a flagged question is %v, want pending", st)
	}
	mustStatus(t, ts.do(t, "POST", ap+qna.ID+"/questions", `{"text":"When is lunch in Scunthorpe?"}`, "Authorization", "Bearer "+cy.Token), http.StatusCreated)
	eventually(t, 3*time.Second, "both questions projected, the clean one on the display", func() bool {
		v := ts.rawViews(t, s)
		return strings.Contains(v["admin"], "so slow") && strings.Contains(v["display"], "lunch in Scunthorpe")
	})
	if v := ts.rawViews(t, s); audienceHas(v, "so slow") {
		t.Errorf("the held question is in a participant or display view")
	}
	if strings.Contains(ts.do(t, "GET", sp, "").json(t)["settings"].(map[string]any)["profanity_filter"].(string), "x") || strings.Contains(string(ts.do(t, "GET", sp, "").Body), "rocoli") {
		t.Errorf("the public session document carries the organizer's words")
	}
}
