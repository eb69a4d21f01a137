package main

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"
)

// fieldProblem fails unless r is a problem+json with this status naming
// field in its errors.
func fieldProblem(t *testing.T, r response, status int, field string) {
	t.Helper()
	if r.Status != status || !strings.HasPrefix(r.Header.Get("Content-Type"), "application/problem+json") {
		t.Fatalf("status %d (%s), want %d problem+json: %s", r.Status, r.Header.Get("Content-Type"), status, r.Body)
	}
	if !strings.Contains(string(r.Body), `"field":"`+field+`"`) {
		t.Fatalf("the problem does not name %s: %s", field, r.Body)
	}
}

// rawViews reads the bytes of the participant, display and admin views.
func (ts *testServer) rawViews(t *testing.T, s created) map[string]string {
	t.Helper()
	return map[string]string{
		"participant": string(ts.do(t, "GET", "/api/v1/sessions/"+s.ID+"/state", "").Body),
		"display":     string(ts.do(t, "GET", "/api/v1/sessions/"+s.ID+"/state?view=display&key="+s.DisplayKey, "").Body),
		"admin":       string(ts.do(t, "GET", "/api/v1/sessions/"+s.ID+"/state?view=admin", "", ts.admin(s)...).Body),
	}
}

func TestPresent_NotesOnlyInTheOrganizersDocuments(t *testing.T) {
	t.Parallel()
	ts := startServer(t, serverEnv(t))
	s := ts.createSession(t, "Notes")
	const secret = "SPEAKER-NOTE-7f3a: **mention** the budget"
	quiz := ts.createActivity(t, s, fmt.Sprintf(`{"type":"quiz","title":"2+2","options":[{"label":"3"},{"label":"4","correct":true}],"notes":%q}`, secret))
	poll := ts.createActivity(t, s, `{"type":"poll","title":"Lunch","options":[{"label":"a"},{"label":"b"}]}`)
	path := "/api/v1/sessions/" + s.ID + "/activities/"

	// Too long: 422 naming notes, and nothing changes.
	fieldProblem(t, ts.do(t, "PATCH", path+poll.ID, fmt.Sprintf(`{"notes":%q}`, strings.Repeat("n", 5001)), ts.admin(s)...), http.StatusUnprocessableEntity, "notes")
	fieldProblem(t, ts.do(t, "POST", "/api/v1/sessions/"+s.ID+"/activities", fmt.Sprintf(`{"type":"qna","title":"x","notes":%q}`, strings.Repeat("é", 5001)), ts.admin(s)...), http.StatusUnprocessableEntity, "notes")
	fieldProblem(t, ts.do(t, "PATCH", path+poll.ID, `{"notes":42}`, ts.admin(s)...), http.StatusUnprocessableEntity, "notes")
	r := ts.do(t, "PATCH", path+poll.ID, fmt.Sprintf(`{"notes":%q}`, "Poll note line 1\nline 2 "+strings.Repeat("x", 4970)), ts.admin(s)...)
	mustStatus(t, r, http.StatusOK)
	if n, _ := r.json(t)["notes"].(string); !strings.HasPrefix(n, "Poll note line 1\nline 2") {
		t.Fatalf("the edit's answer has notes %q", n)
	}

	ts.present(t, s, quiz.ID)
	ts.patchActivity(t, s, quiz.ID, `{"status":"closed"}`)
	// A revealed quiz shows its right option to everyone: still no notes.
	ts.patchActivity(t, s, quiz.ID, `{"results_visible":true}`)
	var views map[string]string
	eventually(t, 3*time.Second, "the reveal in every view", func() bool {
		views = ts.rawViews(t, s)
		return strings.Contains(views["participant"], `"results_visible":true`) && strings.Contains(views["admin"], "SPEAKER-NOTE-7f3a")
	})
	for _, name := range []string{"participant", "display"} {
		if strings.Contains(views[name], "SPEAKER-NOTE") || strings.Contains(views[name], "Poll note") || strings.Contains(views[name], `"notes"`) {
			t.Errorf("the %s view carries notes: %s", name, views[name])
		}
	}
	if !strings.Contains(views["admin"], "Poll note line 1") {
		t.Errorf("the admin view lacks the poll's notes")
	}
	cur := currentActivity(ts.views(t, s)["admin"])
	if cur["notes"] != secret {
		t.Errorf("admin current activity notes %v, want %q", cur["notes"], secret)
	}
	// The organizer's own reads carry them; the public results do not.
	if got := ts.do(t, "GET", path+quiz.ID, "", ts.admin(s)...).json(t); got["notes"] != secret {
		t.Errorf("GET activity notes %v", got["notes"])
	}
	if b := ts.do(t, "GET", path+quiz.ID+"/results", "").Body; strings.Contains(string(b), "SPEAKER-NOTE") {
		t.Errorf("public results carry notes: %s", b)
	}
	// null clears them.
	ts.patchActivity(t, s, quiz.ID, `{"notes":null}`)
	eventually(t, 3*time.Second, "notes cleared", func() bool {
		return !strings.Contains(ts.rawViews(t, s)["admin"], "SPEAKER-NOTE")
	})
}

// leaksCounts reports which of the given counts a view carries in its
// current activity's results (as "count":n next to the option id).
func optionCountsIn(t *testing.T, view map[string]any) map[string]float64 {
	t.Helper()
	out := map[string]float64{}
	cur := currentActivity(view)
	res, _ := cur["results"].(map[string]any)
	opts, _ := res["options"].([]any)
	for _, o := range opts {
		m := o.(map[string]any)
		if c, ok := m["count"].(float64); ok {
			out[m["id"].(string)] = c
		}
	}
	return out
}

func TestPresent_ResultsOnRevealLeakNothingBeforeTheReveal(t *testing.T) {
	t.Parallel()
	ts := startServer(t, serverEnv(t))
	s := ts.createSession(t, "On reveal")
	fieldProblem(t, ts.do(t, "POST", "/api/v1/sessions/"+s.ID+"/activities", `{"type":"poll","title":"x","options":[{"label":"a"},{"label":"b"}],"settings":{"results":"later"}}`, ts.admin(s)...), http.StatusUnprocessableEntity, "settings.results")
	fieldProblem(t, ts.do(t, "POST", "/api/v1/sessions/"+s.ID+"/activities", `{"type":"qna","title":"x","settings":{"results":"on_reveal"}}`, ts.admin(s)...), http.StatusUnprocessableEntity, "settings.results")

	poll := ts.createActivity(t, s, `{"type":"poll","title":"Which?","options":[{"label":"red"},{"label":"green"},{"label":"blue"}],"settings":{"results":"on_reveal"}}`)
	ts.present(t, s, poll.ID)
	// Distinct counts per option: 7, 4, 2.
	want := map[string]int{poll.Options[0].ID: 7, poll.Options[1].ID: 4, poll.Options[2].ID: 2}
	i := 0
	for oid, n := range want {
		for range n {
			p := ts.join(t, s, fmt.Sprintf("p%02d", i))
			i++
			mustStatus(t, ts.answer(t, s, poll.ID, p, `{"option_ids":["`+oid+`"]}`), http.StatusCreated)
		}
	}
	// The dashboard sees every count.
	ts.waitResults(t, s, poll.ID, func(r map[string]any) bool { return r["total_responses"] == float64(13) })
	var views map[string]map[string]any
	eventually(t, 3*time.Second, "the admin view's counts", func() bool {
		views = ts.views(t, s)
		got := optionCountsIn(t, views["admin"])
		return len(got) == 3 && got[poll.Options[0].ID] == 7
	})
	raw := ts.rawViews(t, s)
	for _, name := range []string{"participant", "display"} {
		for oid, n := range want {
			if c, ok := optionCountsIn(t, views[name])[oid]; ok {
				t.Errorf("the %s view carries option %s's count %v before the reveal", name, oid, c)
			}
			if strings.Contains(raw[name], fmt.Sprintf(`"count":%d`, n)) {
				t.Errorf("the %s view carries a count %d before the reveal: %s", name, n, raw[name])
			}
		}
		for _, o := range poll.Options {
			// The options themselves are there (phones answer with them), once each.
			if strings.Count(raw[name], o.ID) != 1 {
				t.Errorf("the %s view names option %s %d times, want once (the answer choice): %s", name, o.ID, strings.Count(raw[name], o.ID), raw[name])
			}
		}
	}
	// The number of responses may show on the display.
	if res, _ := currentActivity(views["display"])["results"].(map[string]any); res["total_responses"] != float64(13) {
		t.Errorf("display results before the reveal %v, want the response count only", res)
	}
	// Non-admin results stay closed.
	mustStatus(t, ts.do(t, "GET", "/api/v1/sessions/"+s.ID+"/activities/"+poll.ID+"/results", ""), http.StatusForbidden)

	// The reveal shows them everywhere.
	ts.patchActivity(t, s, poll.ID, `{"results_visible":true}`)
	eventually(t, 3*time.Second, "counts on phones and display after the reveal", func() bool {
		views = ts.views(t, s)
		for _, name := range []string{"participant", "display"} {
			got := optionCountsIn(t, views[name])
			for oid, n := range want {
				if got[oid] != float64(n) {
					return false
				}
			}
		}
		return true
	})
	// Words and entries stay off screen too.
	for _, typ := range []string{"word_cloud", "open_text"} {
		a := ts.createActivity(t, s, `{"type":"`+typ+`","title":"Say","settings":{"results":"on_reveal"}}`)
		ts.present(t, s, a.ID)
		p := ts.join(t, s, "w-"+typ)
		mustStatus(t, ts.answer(t, s, a.ID, p, `{"text":"zebrasecret"}`), http.StatusCreated)
		eventually(t, 3*time.Second, typ+" entry in the admin view", func() bool {
			return strings.Contains(ts.rawViews(t, s)["admin"], "zebrasecret")
		})
		for name, v := range ts.rawViews(t, s) {
			if name != "admin" && strings.Contains(v, "zebrasecret") {
				t.Errorf("%s: the %s view carries an entry before the reveal: %s", typ, name, v)
			}
		}
	}
	// live (the default) keeps showing the display the counts as they come.
	live := ts.createActivity(t, s, `{"type":"poll","title":"Live","options":[{"label":"a"},{"label":"b"}]}`)
	ts.present(t, s, live.ID)
	p := ts.join(t, s, "late")
	mustStatus(t, ts.answer(t, s, live.ID, p, `{"option_ids":["`+live.Options[1].ID+`"]}`), http.StatusCreated)
	eventually(t, 3*time.Second, "live counts on the display", func() bool {
		return optionCountsIn(t, ts.views(t, s)["display"])[live.Options[1].ID] == 1
	})
}

func (ts *testServer) react(t *testing.T, s created, p participant, emoji string) response {
	t.Helper()
	return ts.do(t, "POST", "/api/v1/sessions/"+s.ID+"/reactions", fmt.Sprintf(`{"emoji":%q}`, emoji), "Authorization", "Bearer "+p.Token)
}

func TestPresent_ReactionsTallyExactlyAndAreRateLimited(t *testing.T) {
	t.Parallel()
	env := serverEnv(t)
	delete(env, "CAJA_REACTION_RATE") // the default: 2 a second per participant
	ts := startServer(t, env)
	s := ts.createSession(t, "Reactions")
	poll := ts.createActivity(t, s, `{"type":"poll","title":"Lunch","options":[{"label":"a"},{"label":"b"}]}`)
	ps := make([]participant, 50)
	for i := range ps {
		ps[i] = ts.join(t, s, fmt.Sprintf("r%02d", i))
	}
	// Nothing on screen: nothing to react to.
	other := ts.join(t, s, "other")
	problem(t, ts.react(t, s, other, "👍"), http.StatusConflict, "nothing on screen")
	ts.present(t, s, poll.ID)
	// Bad input names the field and counts nothing.
	fieldProblem(t, ts.react(t, s, other, "🦄"), http.StatusUnprocessableEntity, "emoji")
	time.Sleep(time.Second) // the limit counts refused reactions too
	fieldProblem(t, ts.react(t, s, other, ""), http.StatusUnprocessableEntity, "emoji")
	fieldProblem(t, ts.react(t, s, other, "x"), http.StatusUnprocessableEntity, "emoji")
	mustStatus(t, ts.do(t, "POST", "/api/v1/sessions/"+s.ID+"/reactions", `{"emoji":"👍"}`), http.StatusUnauthorized)

	// 50 senders at once, two reactions each (within the limit).
	var wg sync.WaitGroup
	codes := make([][2]int, len(ps))
	start := make(chan struct{})
	for i, p := range ps {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			codes[i][0] = ts.react(t, s, p, "👍").Status
			codes[i][1] = ts.react(t, s, p, "❤️").Status
		}()
	}
	close(start)
	wg.Wait()
	for i, c := range codes {
		if c != [2]int{http.StatusCreated, http.StatusCreated} {
			t.Fatalf("participant %d got %v", i, c)
		}
	}
	var display map[string]any
	eventually(t, 5*time.Second, "50 + 50 reactions on the display", func() bool {
		display = currentActivity(ts.views(t, s)["display"])
		r, _ := display["reactions"].(map[string]any)
		return r["👍"] == float64(50) && r["❤️"] == float64(50)
	})
	if rate, _ := display["reactions_rate"].(map[string]any); rate["👍"] == nil || display["reactions_at"] == nil {
		t.Errorf("no recent rate on the display: %v", display)
	}
	// The organizer sees the totals; phones' shared view carries none.
	if r, _ := currentActivity(ts.views(t, s)["admin"])["reactions"].(map[string]any); r["👍"] != float64(50) {
		t.Errorf("admin reactions %v", r)
	}
	if v := ts.rawViews(t, s)["participant"]; strings.Contains(v, `"reactions_rate"`) || strings.Contains(v, `"👍":`) {
		t.Errorf("the participant view carries reaction counts: %s", v)
	}

	// One participant hammering: 2 a second pass, the rest get 429, and
	// exactly the accepted ones count.
	time.Sleep(1100 * time.Millisecond) // a full bucket again
	accepted, limited := 0, 0
	for range 10 {
		switch r := ts.react(t, s, ps[0], "😂"); r.Status {
		case http.StatusCreated:
			accepted++
		case http.StatusTooManyRequests:
			limited++
			if r.Header.Get("Retry-After") == "" {
				t.Errorf("429 without Retry-After")
			}
		default:
			t.Fatalf("react: %d %s", r.Status, r.Body)
		}
	}
	if accepted < 2 || accepted > 3 || limited < 7 {
		t.Fatalf("%d accepted, %d limited of 10 in a burst, want 2 (3 if a second passed) and the rest 429", accepted, limited)
	}
	eventually(t, 5*time.Second, "the accepted 😂 counted", func() bool {
		r, _ := currentActivity(ts.views(t, s)["display"])["reactions"].(map[string]any)
		return r["😂"] == float64(accepted)
	})

	// The session's set: up to 6 distinct emoji, or off.
	sess := "/api/v1/sessions/" + s.ID
	fieldProblem(t, ts.do(t, "PATCH", sess, `{"reactions":["👍","👍"]}`, ts.admin(s)...), http.StatusUnprocessableEntity, "reactions[1]")
	fieldProblem(t, ts.do(t, "PATCH", sess, `{"reactions":["a"]}`, ts.admin(s)...), http.StatusUnprocessableEntity, "reactions[0]")
	fieldProblem(t, ts.do(t, "PATCH", sess, `{"reactions":["👍","❤️","😂","😮","👏","🎉","🔥"]}`, ts.admin(s)...), http.StatusUnprocessableEntity, "reactions")
	mustStatus(t, ts.do(t, "PATCH", sess, `{"reactions":["🎉","🔥"]}`, ts.admin(s)...), http.StatusOK)
	eventually(t, 3*time.Second, "the new set on phones", func() bool {
		return strings.Contains(ts.rawViews(t, s)["participant"], `"reactions":["🎉","🔥"]`)
	})
	fieldProblem(t, ts.react(t, s, ps[1], "👍"), http.StatusUnprocessableEntity, "emoji")
	mustStatus(t, ts.react(t, s, ps[1], "🎉"), http.StatusCreated)
	mustStatus(t, ts.do(t, "PATCH", sess, `{"reactions":[]}`, ts.admin(s)...), http.StatusOK)
	problem(t, ts.react(t, s, ps[2], "🎉"), http.StatusConflict, "reactions are off")

	// The export has the totals per activity.
	var doc struct {
		Summary []struct {
			Activity  string         `json:"activity"`
			Reactions map[string]int `json:"reactions"`
		} `json:"summary"`
	}
	eventually(t, 5*time.Second, "reactions in the export", func() bool {
		r := ts.do(t, "GET", sess+"/export.json", "", ts.admin(s)...)
		if r.Status != http.StatusOK || json.Unmarshal(r.Body, &doc) != nil || len(doc.Summary) != 1 {
			return false
		}
		got := doc.Summary[0].Reactions
		return got["👍"] == 50 && got["❤️"] == 50 && got["😂"] == accepted && got["🎉"] == 1
	})
	csvBody := string(ts.do(t, "GET", sess+"/export.csv", "", ts.admin(s)...).Body)
	for _, part := range []string{"\n\nReactions\nactivity,emoji,count\n", "\nLunch,👍,50\n", "\nLunch,🎉,1\n"} {
		if !strings.Contains(csvBody, part) {
			t.Errorf("the CSV lacks %q:\n%s", part, csvBody)
		}
	}
}

// resultsOf is the current activity's results in a view.
func resultsOf(view map[string]any) map[string]any {
	r, _ := currentActivity(view)["results"].(map[string]any)
	return r
}

func TestPresent_HiddenEntriesVanishAndReturn(t *testing.T) {
	t.Parallel()
	ts := startServer(t, serverEnv(t))
	s := ts.createSession(t, "Moderation")
	open := ts.createActivity(t, s, `{"type":"open_text","title":"Tell us"}`)
	cloud := ts.createActivity(t, s, `{"type":"word_cloud","title":"One word"}`)
	poll := ts.createActivity(t, s, `{"type":"poll","title":"p","options":[{"label":"a"},{"label":"b"}]}`)
	ana, bo := ts.join(t, s, "ana"), ts.join(t, s, "bo")
	entries := "/api/v1/sessions/" + s.ID + "/activities/"

	// Open text: one answer hidden, then shown again.
	ts.present(t, s, open.ID)
	r := ts.answer(t, s, open.ID, ana, `{"text":"rudeanswer"}`)
	mustStatus(t, r, http.StatusCreated)
	rude := r.json(t)["id"].(string)
	mustStatus(t, ts.answer(t, s, open.ID, bo, `{"text":"kindanswer"}`), http.StatusCreated)
	ts.patchActivity(t, s, open.ID, `{"results_visible":true}`)
	eventually(t, 3*time.Second, "both answers on phones", func() bool {
		return strings.Contains(ts.rawViews(t, s)["participant"], "rudeanswer")
	})
	fieldProblem(t, ts.do(t, "PATCH", entries+open.ID+"/entries/"+rude, `{}`, ts.admin(s)...), http.StatusUnprocessableEntity, "hidden")
	mustStatus(t, ts.do(t, "PATCH", entries+open.ID+"/entries/"+rude, `{"hidden":true}`), http.StatusUnauthorized)
	mustStatus(t, ts.do(t, "PATCH", entries+open.ID+"/entries/00000000-0000-4000-8000-000000000000", `{"hidden":true}`, ts.admin(s)...), http.StatusNotFound)
	mustStatus(t, ts.do(t, "PATCH", entries+poll.ID+"/entries/"+rude, `{"hidden":true}`, ts.admin(s)...), http.StatusConflict)
	mustStatus(t, ts.do(t, "PATCH", entries+open.ID+"/entries/"+rude, `{"hidden":true}`, ts.admin(s)...), http.StatusOK)
	eventually(t, 3*time.Second, "the hidden answer gone from phones and display", func() bool {
		v := ts.rawViews(t, s)
		return !strings.Contains(v["participant"], "rudeanswer") && !strings.Contains(v["display"], "rudeanswer") && strings.Contains(v["participant"], "kindanswer")
	})
	// The organizer still sees it, marked (views are read through a 50 ms
	// cache: the admin view may lag the others by that much).
	eventually(t, 3*time.Second, "the hidden answer marked in the admin view", func() bool {
		answers, _ := resultsOf(ts.views(t, s)["admin"])["answers"].([]any)
		for _, e := range answers {
			if m := e.(map[string]any); m["id"] == rude {
				return m["hidden"] == true
			}
		}
		return false
	})
	mustStatus(t, ts.do(t, "PATCH", entries+open.ID+"/entries/"+rude, `{"hidden":false}`, ts.admin(s)...), http.StatusOK)
	eventually(t, 3*time.Second, "the answer back", func() bool {
		v := ts.rawViews(t, s)
		return strings.Contains(v["participant"], "rudeanswer") && strings.Contains(v["display"], "rudeanswer")
	})

	// Word cloud: hiding one entry hides every entry of its word.
	ts.present(t, s, cloud.ID)
	mustStatus(t, ts.answer(t, s, cloud.ID, ana, `{"text":"Badword"}`), http.StatusCreated)
	mustStatus(t, ts.answer(t, s, cloud.ID, bo, `{"text":"badword "}`), http.StatusCreated)
	mustStatus(t, ts.answer(t, s, cloud.ID, bo, `{"text":"nice"}`), http.StatusCreated)
	var wordID string
	eventually(t, 3*time.Second, "the words in the admin view", func() bool {
		words, _ := resultsOf(ts.views(t, s)["admin"])["words"].([]any)
		for _, w := range words {
			if m := w.(map[string]any); m["text"] == "badword" && m["count"] == float64(2) && m["hidden"] == false {
				wordID, _ = m["id"].(string)
			}
		}
		return wordID != ""
	})
	mustStatus(t, ts.do(t, "PATCH", entries+cloud.ID+"/entries/"+wordID, `{"hidden":true}`, ts.admin(s)...), http.StatusOK)
	eventually(t, 3*time.Second, "the word gone from the display", func() bool {
		d := ts.rawViews(t, s)["display"]
		return !strings.Contains(d, "badword") && strings.Contains(d, "nice")
	})
	mustStatus(t, ts.do(t, "PATCH", entries+cloud.ID+"/entries/"+wordID, `{"hidden":false}`, ts.admin(s)...), http.StatusOK)
	eventually(t, 3*time.Second, "the word back on the display", func() bool {
		return strings.Contains(ts.rawViews(t, s)["display"], "badword")
	})

	// Q&A: an entry is a question.
	qna := ts.createActivity(t, s, `{"type":"qna","title":"Ask"}`)
	ts.present(t, s, qna.ID)
	q := ts.do(t, "POST", entries+qna.ID+"/questions", `{"text":"offensivequestion"}`, "Authorization", "Bearer "+ana.Token)
	mustStatus(t, q, http.StatusCreated)
	qid := q.json(t)["id"].(string)
	eventually(t, 3*time.Second, "the question on the display", func() bool {
		return strings.Contains(ts.rawViews(t, s)["display"], "offensivequestion")
	})
	mustStatus(t, ts.do(t, "PATCH", entries+qna.ID+"/entries/"+qid, `{"hidden":true}`, ts.admin(s)...), http.StatusOK)
	eventually(t, 3*time.Second, "the question hidden", func() bool {
		v := ts.rawViews(t, s)
		return !strings.Contains(v["display"], "offensivequestion") && !strings.Contains(v["participant"], "offensivequestion") && strings.Contains(v["admin"], "offensivequestion")
	})
	mustStatus(t, ts.do(t, "PATCH", entries+qna.ID+"/entries/"+qid, `{"hidden":false}`, ts.admin(s)...), http.StatusOK)
	eventually(t, 3*time.Second, "the question back", func() bool {
		return strings.Contains(ts.rawViews(t, s)["display"], "offensivequestion")
	})
}
