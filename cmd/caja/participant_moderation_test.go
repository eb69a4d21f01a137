package main

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"
)

// wordCount is a word's count in a view's current word cloud, 0 when absent.
func wordCount(view map[string]any, word string) float64 {
	words, _ := resultsOf(view)["words"].([]any)
	for _, w := range words {
		if m := w.(map[string]any); m["text"] == word && m["hidden"] != true {
			n, _ := m["count"].(float64)
			return n
		}
	}
	return 0
}

func TestPresent_HideEveryEntryOfAParticipant(t *testing.T) {
	t.Parallel()
	ts := startServer(t, serverEnv(t))
	s := ts.createSession(t, "Troll")
	open := ts.createActivity(t, s, `{"type":"open_text","title":"Tell us"}`)
	cloud := ts.createActivity(t, s, `{"type":"word_cloud","title":"One word","settings":{"max_entries_per_participant":3}}`)
	qna := ts.createActivity(t, s, `{"type":"qna","title":"Ask"}`)
	troll, bo, cy := ts.join(t, s, "troll"), ts.join(t, s, "bo"), ts.join(t, s, "cy")
	base := "/api/v1/sessions/" + s.ID
	entries := base + "/activities/"

	ts.present(t, s, open.ID)
	mustStatus(t, ts.answer(t, s, open.ID, troll, `{"text":"trollanswer"}`), http.StatusCreated)
	mustStatus(t, ts.answer(t, s, open.ID, bo, `{"text":"kindanswer"}`), http.StatusCreated)
	mustStatus(t, ts.answer(t, s, open.ID, cy, `{"text":"Sh1t happens"}`), http.StatusCreated) // held by the default filter
	ts.patchActivity(t, s, open.ID, `{"results_visible":true}`)
	ts.present(t, s, cloud.ID)
	mustStatus(t, ts.answer(t, s, cloud.ID, troll, `{"text":"trollword"}`), http.StatusCreated)
	mustStatus(t, ts.answer(t, s, cloud.ID, troll, `{"text":"shared"}`), http.StatusCreated)
	mustStatus(t, ts.answer(t, s, cloud.ID, bo, `{"text":"shared"}`), http.StatusCreated)
	ts.present(t, s, qna.ID)
	mustStatus(t, ts.do(t, "POST", entries+qna.ID+"/questions", `{"text":"trollquestion"}`, "Authorization", "Bearer "+troll.Token), http.StatusCreated)
	ts.present(t, s, cloud.ID)
	eventually(t, 3*time.Second, "the cloud on the display", func() bool {
		return wordCount(ts.views(t, s)["display"], "shared") == 2
	})

	// Bad input changes nothing.
	who := base + "/participants/" + troll.ID
	fieldProblem(t, ts.do(t, "PATCH", who, `{}`, ts.admin(s)...), http.StatusUnprocessableEntity, "entries_hidden")
	mustStatus(t, ts.do(t, "PATCH", who, `{"entries_hidden":true}`), http.StatusUnauthorized)
	mustStatus(t, ts.do(t, "PATCH", who, `{"entries_hidden":true}`, "Authorization", "Bearer "+bo.Token), http.StatusForbidden)
	mustStatus(t, ts.do(t, "PATCH", base+"/participants/00000000-0000-4000-8000-000000000000", `{"entries_hidden":true}`, ts.admin(s)...), http.StatusNotFound)

	r := ts.do(t, "PATCH", who, `{"entries_hidden":true}`, ts.admin(s)...)
	mustStatus(t, r, http.StatusOK)
	if got := r.json(t)["changed"]; got != float64(4) {
		t.Fatalf("changed = %v, want 4 (one answer, two words, one question)", got)
	}
	eventually(t, 3*time.Second, "the troll's entries gone from the display, the others' kept", func() bool {
		v := ts.views(t, s)
		d := ts.rawViews(t, s)["display"]
		return wordCount(v["display"], "shared") == 1 && wordCount(v["display"], "trollword") == 0 && wordCount(v["participant"], "trollword") == 0 &&
			!strings.Contains(d, "trollword") && wordCount(v["admin"], "shared") == 1
	})
	ts.present(t, s, open.ID)
	eventually(t, 3*time.Second, "the troll's answer gone, kept for the organizer", func() bool {
		raw := ts.rawViews(t, s)
		return !strings.Contains(raw["participant"], "trollanswer") && !strings.Contains(raw["display"], "trollanswer") &&
			strings.Contains(raw["participant"], "kindanswer") && strings.Contains(raw["admin"], "trollanswer")
	})
	ts.present(t, s, qna.ID)
	eventually(t, 3*time.Second, "the troll's question hidden", func() bool {
		raw := ts.rawViews(t, s)
		return !strings.Contains(raw["participant"], "trollquestion") && !strings.Contains(raw["display"], "trollquestion") && strings.Contains(raw["admin"], "trollquestion")
	})

	// Shown again by the moderator link.
	mod := ts.do(t, "POST", base+"/moderator-token", "", ts.admin(s)...)
	mustStatus(t, mod, http.StatusOK)
	modToken := mod.json(t)["moderator_token"].(string)
	mustStatus(t, ts.do(t, "PATCH", who, `{"entries_hidden":false}`, "Authorization", "Bearer "+modToken), http.StatusOK)
	eventually(t, 3*time.Second, "the question back", func() bool {
		return strings.Contains(ts.rawViews(t, s)["display"], "trollquestion")
	})
	ts.present(t, s, cloud.ID)
	eventually(t, 3*time.Second, "the words back", func() bool {
		d := ts.views(t, s)["display"]
		return wordCount(d, "shared") == 2 && wordCount(d, "trollword") == 1
	})

	// Kicking can hide them in the same step.
	fieldProblem(t, ts.do(t, "DELETE", who+"?hide_entries=maybe", "", ts.admin(s)...), http.StatusUnprocessableEntity, "hide_entries")
	mustStatus(t, ts.do(t, "DELETE", who+"?hide_entries=true", "", ts.admin(s)...), http.StatusNoContent)
	eventually(t, 3*time.Second, "the kicked troll's words gone", func() bool {
		d := ts.views(t, s)["display"]
		return wordCount(d, "shared") == 1 && wordCount(d, "trollword") == 0
	})

	// The export marks every free-text row as the views do.
	type mark struct{ hidden, held any }
	want := map[string]mark{"trollanswer": {true, false}, "kindanswer": {false, false}, "Sh1t happens": {false, true}, "trollword": {true, false}, "trollquestion": {true, false}}
	eventually(t, 5*time.Second, "hidden and held marks in the export", func() bool {
		r := ts.do(t, "GET", base+"/export.json", "", ts.admin(s)...)
		var doc struct {
			Answers []map[string]any `json:"answers"`
		}
		if r.Status != http.StatusOK || json.Unmarshal(r.Body, &doc) != nil {
			return false
		}
		seen := 0
		for _, a := range doc.Answers {
			if w, ok := want[a["answer"].(string)]; ok {
				if (mark{a["hidden"], a["held"]}) != w {
					return false
				}
				seen++
			}
		}
		return seen == len(want)
	})
	r = ts.do(t, "GET", base+"/export.csv", "", ts.admin(s)...)
	mustStatus(t, r, http.StatusOK)
	if !strings.Contains(string(r.Body), "Tell us,open_text,troll,trollanswer,,,") || !strings.Contains(string(r.Body), ",true,false\r\n") && !strings.Contains(string(r.Body), ",true,false\n") {
		t.Errorf("the CSV lacks the hidden mark:\n%s", r.Body)
	}
}
