package main

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/cajalive/caja/readmodel/readmodeltest"
)

type activity struct {
	ID      string `json:"id"`
	Options []struct {
		ID    string `json:"id"`
		Label string `json:"label"`
	} `json:"options"`
}

type participant struct {
	ID    string `json:"id"`
	Token string `json:"token"`
}

func (ts *testServer) admin(s created) []string {
	return []string{"Authorization", "Bearer " + s.AdminToken}
}

func (ts *testServer) createActivity(t *testing.T, s created, body string) activity {
	t.Helper()
	r := ts.do(t, "POST", "/api/v1/sessions/"+s.ID+"/activities", body, ts.admin(s)...)
	if r.Status != http.StatusCreated {
		t.Fatalf("create activity: %d %s", r.Status, r.Body)
	}
	var a activity
	if err := json.Unmarshal(r.Body, &a); err != nil {
		t.Fatal(err)
	}
	return a
}

func (ts *testServer) patchActivity(t *testing.T, s created, aid, body string) {
	t.Helper()
	if r := ts.do(t, "PATCH", "/api/v1/sessions/"+s.ID+"/activities/"+aid, body, ts.admin(s)...); r.Status != http.StatusOK {
		t.Fatalf("patch activity %s: %d %s", body, r.Status, r.Body)
	}
}

// present opens an activity and puts it on screen.
func (ts *testServer) present(t *testing.T, s created, aid string) {
	t.Helper()
	ts.patchActivity(t, s, aid, `{"status":"open"}`)
	if r := ts.do(t, "PATCH", "/api/v1/sessions/"+s.ID, `{"current_activity_id":"`+aid+`","status":"active"}`, ts.admin(s)...); r.Status != http.StatusOK {
		t.Fatalf("make current: %d %s", r.Status, r.Body)
	}
}

func (ts *testServer) join(t *testing.T, s created, nick string) participant {
	t.Helper()
	r := ts.do(t, "POST", "/api/v1/sessions/"+s.ID+"/participants", fmt.Sprintf(`{"nickname":%q}`, nick))
	if r.Status != http.StatusCreated {
		t.Fatalf("join %s: %d %s", nick, r.Status, r.Body)
	}
	var p participant
	if err := json.Unmarshal(r.Body, &p); err != nil {
		t.Fatal(err)
	}
	return p
}

func (ts *testServer) answer(t *testing.T, s created, aid string, p participant, body string) response {
	t.Helper()
	return ts.do(t, "POST", "/api/v1/sessions/"+s.ID+"/activities/"+aid+"/responses", body, "Authorization", "Bearer "+p.Token)
}

func mustStatus(t *testing.T, r response, want int) {
	t.Helper()
	if r.Status != want {
		t.Fatalf("status %d, want %d: %s", r.Status, want, r.Body)
	}
}

// waitResults polls the organizer's results until cond holds.
func (ts *testServer) waitResults(t *testing.T, s created, aid string, cond func(map[string]any) bool) map[string]any {
	t.Helper()
	var last map[string]any
	eventually(t, 3*time.Second, "results", func() bool {
		r := ts.do(t, "GET", "/api/v1/sessions/"+s.ID+"/activities/"+aid+"/results", "", ts.admin(s)...)
		if r.Status != http.StatusOK {
			return false
		}
		last = r.json(t)
		return cond(last)
	})
	return last
}

func counts(res map[string]any) map[string]int {
	out := map[string]int{}
	for _, o := range res["options"].([]any) {
		m := o.(map[string]any)
		out[m["label"].(string)] = int(m["count"].(float64))
	}
	return out
}

func TestEngagement_Poll(t *testing.T) {
	t.Parallel()
	ts := startServer(t, serverEnv(t))
	s := ts.createSession(t, "Poll")
	a := ts.createActivity(t, s, `{"type":"poll","title":"Lunch?","options":[{"label":"Tacos"},{"label":"Sushi"},{"label":"Salad"}]}`)
	tacos, sushi := a.Options[0].ID, a.Options[1].ID

	p := []participant{ts.join(t, s, "ana"), ts.join(t, s, "bo"), ts.join(t, s, "cy")}
	mustStatus(t, ts.answer(t, s, a.ID, p[0], `{"option_ids":["`+tacos+`"]}`), http.StatusConflict) // still a draft
	ts.present(t, s, a.ID)

	mustStatus(t, ts.answer(t, s, a.ID, p[0], `{"option_ids":["`+tacos+`"]}`), http.StatusCreated)
	mustStatus(t, ts.answer(t, s, a.ID, p[1], `{"option_ids":["`+tacos+`"]}`), http.StatusCreated)
	mustStatus(t, ts.answer(t, s, a.ID, p[2], `{"option_ids":["`+sushi+`"]}`), http.StatusCreated)
	mustStatus(t, ts.answer(t, s, a.ID, p[2], `{"option_ids":["`+tacos+`"]}`), http.StatusOK) // changed vote
	mustStatus(t, ts.answer(t, s, a.ID, p[0], `{"option_ids":["`+tacos+`","`+sushi+`"]}`), http.StatusUnprocessableEntity)

	res := ts.waitResults(t, s, a.ID, func(m map[string]any) bool { return counts(m)["Tacos"] == 3 })
	if c := counts(res); c["Sushi"] != 0 || c["Salad"] != 0 || res["total_responses"] != float64(3) {
		t.Errorf("results: %v", res)
	}

	// Participants see results only once the organizer shows them.
	if r := ts.do(t, "GET", "/api/v1/sessions/"+s.ID+"/activities/"+a.ID+"/results", ""); r.Status != http.StatusForbidden {
		t.Errorf("results before reveal: %d", r.Status)
	}
	var state, cur map[string]any
	eventually(t, 2*time.Second, "the participant view with the poll", func() bool {
		r := ts.do(t, "GET", "/api/v1/sessions/"+s.ID+"/state", "")
		state = r.json(t)
		cur, _ = state["current_activity"].(map[string]any)
		return r.Status == http.StatusOK && cur != nil
	})
	if cur["id"] != a.ID || cur["results"] != nil || state["participant_count"] != float64(3) {
		t.Errorf("participant view before reveal: %v", state)
	}
	ts.patchActivity(t, s, a.ID, `{"results_visible":true}`)
	eventually(t, 2*time.Second, "results in the participant view", func() bool {
		st := ts.do(t, "GET", "/api/v1/sessions/"+s.ID+"/state", "").json(t)
		c, _ := st["current_activity"].(map[string]any)
		return c != nil && c["results"] != nil
	})
	mustStatus(t, ts.do(t, "GET", "/api/v1/sessions/"+s.ID+"/activities/"+a.ID+"/results", ""), http.StatusOK)

	ts.patchActivity(t, s, a.ID, `{"status":"closed"}`)
	mustStatus(t, ts.answer(t, s, a.ID, p[1], `{"option_ids":["`+sushi+`"]}`), http.StatusConflict)
	ts.patchActivity(t, s, a.ID, `{"status":"open"}`) // reopened
	mustStatus(t, ts.answer(t, s, a.ID, p[1], `{"option_ids":["`+sushi+`"]}`), http.StatusOK)

	multi := ts.createActivity(t, s, `{"type":"poll","title":"Pick two","options":[{"label":"A"},{"label":"B"},{"label":"C"}],"settings":{"multiple":true,"max_choices":2}}`)
	ts.present(t, s, multi.ID)
	all := fmt.Sprintf(`{"option_ids":[%q,%q,%q]}`, multi.Options[0].ID, multi.Options[1].ID, multi.Options[2].ID)
	mustStatus(t, ts.answer(t, s, multi.ID, p[0], all), http.StatusUnprocessableEntity)
	mustStatus(t, ts.answer(t, s, multi.ID, p[0], fmt.Sprintf(`{"option_ids":[%q,%q]}`, multi.Options[0].ID, multi.Options[2].ID)), http.StatusCreated)
	mustStatus(t, ts.answer(t, s, multi.ID, p[1], `{"option_ids":["`+tacos+`"]}`), http.StatusUnprocessableEntity) // another activity's option
	res = ts.waitResults(t, s, multi.ID, func(m map[string]any) bool { return counts(m)["A"] == 1 })
	if c := counts(res); c["C"] != 1 || c["B"] != 0 || res["total_responses"] != float64(1) {
		t.Errorf("multi results: %v", res)
	}
}

func TestEngagement_QuizScoringLeaderboardAndNoLeak(t *testing.T) {
	t.Parallel()
	ts := startServer(t, serverEnv(t))
	s := ts.createSession(t, "Quiz")
	a := ts.createActivity(t, s, `{"type":"quiz","title":"Capital of France?","options":[{"label":"Lyon"},{"label":"Paris","correct":true}],"settings":{"time_limit_s":30,"points":1000}}`)
	lyon, paris := a.Options[0].ID, a.Options[1].ID
	fast, wrong, late := ts.join(t, s, "fast"), ts.join(t, s, "wrong"), ts.join(t, s, "late")
	ts.present(t, s, a.ID)

	mustStatus(t, ts.answer(t, s, a.ID, fast, `{"option_ids":["`+paris+`"]}`), http.StatusCreated)
	mustStatus(t, ts.answer(t, s, a.ID, fast, `{"option_ids":["`+lyon+`"]}`), http.StatusConflict) // the first answer stands
	mustStatus(t, ts.answer(t, s, a.ID, wrong, `{"option_ids":["`+lyon+`"]}`), http.StatusCreated)
	ts.waitResults(t, s, a.ID, func(m map[string]any) bool { return m["total_responses"] == float64(2) })

	// While open and unrevealed, nothing a participant can read names the
	// right option.
	readable := []string{
		"/api/v1/sessions/" + s.ID + "/state",
		"/api/v1/sessions/" + s.ID + "/leaderboard",
		"/api/v1/sessions/" + s.ID,
	}
	for _, path := range readable {
		r := ts.do(t, "GET", path, "")
		if strings.Contains(string(r.Body), "correct\":true") || strings.Contains(string(r.Body), `"correct"`) {
			t.Errorf("%s leaks the answer: %s", path, r.Body)
		}
	}
	for _, p := range []participant{fast, wrong} {
		r := ts.do(t, "GET", "/api/v1/sessions/"+s.ID+"/participants/me", "", "Authorization", "Bearer "+p.Token)
		mustStatus(t, r, http.StatusOK)
		if strings.Contains(string(r.Body), `"correct":true`) || r.json(t)["score"] != float64(0) {
			t.Errorf("me leaks before reveal: %s", r.Body)
		}
	}
	if r := ts.do(t, "GET", "/api/v1/sessions/"+s.ID+"/activities/"+a.ID+"/results", ""); r.Status != http.StatusForbidden {
		t.Errorf("results before reveal: %d %s", r.Status, r.Body)
	}
	if r := ts.do(t, "GET", "/api/v1/sessions/"+s.ID+"/state?view=display&key="+s.DisplayKey, ""); strings.Contains(string(r.Body), `"correct"`) {
		t.Errorf("display view shows the answer before the reveal: %s", r.Body)
	}

	ts.patchActivity(t, s, a.ID, `{"status":"closed"}`)
	mustStatus(t, ts.answer(t, s, a.ID, late, `{"option_ids":["`+paris+`"]}`), http.StatusConflict)
	ts.patchActivity(t, s, a.ID, `{"results_visible":true}`)

	var board map[string]any
	eventually(t, 2*time.Second, "leaderboard", func() bool {
		board = ts.do(t, "GET", "/api/v1/sessions/"+s.ID+"/leaderboard", "").json(t)
		return len(board["entries"].([]any)) == 2
	})
	first := board["entries"].([]any)[0].(map[string]any)
	second := board["entries"].([]any)[1].(map[string]any)
	score := first["score"].(float64)
	if first["nickname"] != "fast" || first["rank"] != float64(1) || first["correct_answers"] != float64(1) || score < 500 || score > 1000 {
		t.Errorf("leader: %v", first)
	}
	if second["nickname"] != "wrong" || second["score"] != float64(0) || second["rank"] != float64(2) {
		t.Errorf("second: %v", second)
	}
	me := ts.do(t, "GET", "/api/v1/sessions/"+s.ID+"/participants/me", "", "Authorization", "Bearer "+fast.Token).json(t)
	if me["score"] != score || me["rank"] != float64(1) || len(me["quiz_results"].([]any)) != 1 {
		t.Errorf("me after reveal: %v", me)
	}
	res := ts.do(t, "GET", "/api/v1/sessions/"+s.ID+"/activities/"+a.ID+"/results", "").json(t)
	if !strings.Contains(fmt.Sprint(res), "correct:true") {
		t.Errorf("revealed results lack the right answer: %v", res)
	}
}

func TestEngagement_WordCloudOpenTextRating(t *testing.T) {
	t.Parallel()
	ts := startServer(t, serverEnv(t))
	s := ts.createSession(t, "Mixed")
	p1, p2 := ts.join(t, s, "ana"), ts.join(t, s, "bo")

	wc := ts.createActivity(t, s, `{"type":"word_cloud","title":"One word","settings":{"max_entries_per_participant":2}}`)
	ts.present(t, s, wc.ID)
	mustStatus(t, ts.answer(t, s, wc.ID, p1, `{"text":"Go"}`), http.StatusCreated)
	mustStatus(t, ts.answer(t, s, wc.ID, p1, `{"text":"  live   demos "}`), http.StatusCreated)
	mustStatus(t, ts.answer(t, s, wc.ID, p1, `{"text":"third"}`), http.StatusConflict)
	mustStatus(t, ts.answer(t, s, wc.ID, p2, `{"text":" GO "}`), http.StatusCreated)
	mustStatus(t, ts.answer(t, s, wc.ID, p2, `{"text":"`+strings.Repeat("w", 41)+`"}`), http.StatusUnprocessableEntity)
	mustStatus(t, ts.answer(t, s, wc.ID, p2, `{"text":"   "}`), http.StatusUnprocessableEntity)
	res := ts.waitResults(t, s, wc.ID, func(m map[string]any) bool { return m["total_responses"] == float64(3) })
	words := res["words"].([]any)
	if w := words[0].(map[string]any); w["text"] != "go" || w["count"] != float64(2) {
		t.Errorf("word cloud: %v", res)
	}
	if !strings.Contains(fmt.Sprint(words), "live demos") {
		t.Errorf("inner spaces not collapsed: %v", words)
	}

	ot := ts.createActivity(t, s, `{"type":"open_text","title":"Feedback?"}`)
	ts.present(t, s, ot.ID)
	mustStatus(t, ts.answer(t, s, ot.ID, p1, `{"text":"first"}`), http.StatusCreated)
	time.Sleep(5 * time.Millisecond)
	mustStatus(t, ts.answer(t, s, ot.ID, p2, `{"text":"second <b>bold</b>"}`), http.StatusCreated)
	mustStatus(t, ts.answer(t, s, ot.ID, p2, `{"text":"`+strings.Repeat("x", 501)+`"}`), http.StatusUnprocessableEntity)
	mustStatus(t, ts.answer(t, s, ot.ID, p2, `{"option_ids":[]}`), http.StatusUnprocessableEntity)
	res = ts.waitResults(t, s, ot.ID, func(m map[string]any) bool { return m["total_responses"] == float64(2) })
	answers := res["answers"].([]any)
	if answers[0].(map[string]any)["text"] != "second <b>bold</b>" || answers[1].(map[string]any)["text"] != "first" {
		t.Errorf("open text not newest first, or text altered: %v", answers)
	}

	rt := ts.createActivity(t, s, `{"type":"rating","title":"Rate the talk"}`)
	ts.present(t, s, rt.ID)
	mustStatus(t, ts.answer(t, s, rt.ID, p1, `{"value":5}`), http.StatusCreated)
	mustStatus(t, ts.answer(t, s, rt.ID, p2, `{"value":2}`), http.StatusCreated)
	mustStatus(t, ts.answer(t, s, rt.ID, p2, `{"value":3}`), http.StatusOK)
	mustStatus(t, ts.answer(t, s, rt.ID, p2, `{"value":6}`), http.StatusUnprocessableEntity)
	mustStatus(t, ts.answer(t, s, rt.ID, p2, `{"value":"4"}`), http.StatusUnprocessableEntity)
	res = ts.waitResults(t, s, rt.ID, func(m map[string]any) bool { return m["count"] == float64(2) && m["average"] == float64(4) })
	dist := res["distribution"].([]any)
	if len(dist) != 5 || dist[4].(map[string]any)["count"] != float64(1) || dist[2].(map[string]any)["count"] != float64(1) {
		t.Errorf("rating distribution: %v", dist)
	}
	ts.patchActivity(t, s, rt.ID, `{"status":"closed"}`)
	mustStatus(t, ts.answer(t, s, rt.ID, p1, `{"value":1}`), http.StatusConflict)
}

func TestEngagement_QnA(t *testing.T) {
	t.Parallel()
	ts := startServer(t, serverEnv(t))
	s := ts.createSession(t, "Q&A")
	a := ts.createActivity(t, s, `{"type":"qna","title":"Ask me anything","settings":{"moderation":true}}`)
	ana, bo, cy := ts.join(t, s, "ana"), ts.join(t, s, "bo"), ts.join(t, s, "cy")
	ts.present(t, s, a.ID)
	base := "/api/v1/sessions/" + s.ID + "/activities/" + a.ID + "/questions"
	ask := func(p participant, text string) string {
		r := ts.do(t, "POST", base, `{"text":"`+text+`"}`, "Authorization", "Bearer "+p.Token)
		mustStatus(t, r, http.StatusCreated)
		return r.json(t)["id"].(string)
	}
	q1 := ask(ana, "Why Go?")
	q2 := ask(bo, "When is lunch?")
	mustStatus(t, ts.do(t, "POST", base, `{"text":"`+strings.Repeat("q", 301)+`"}`, "Authorization", "Bearer "+ana.Token), http.StatusUnprocessableEntity)

	eventually(t, 2*time.Second, "organizer sees pending questions", func() bool {
		r := ts.do(t, "GET", base, "", ts.admin(s)...)
		return r.Status == 200 && len(r.json(t)["questions"].([]any)) == 2
	})
	if r := ts.do(t, "GET", base, "").json(t); len(r["questions"].([]any)) != 0 {
		t.Errorf("unapproved questions visible to participants: %v", r)
	}
	for _, q := range []string{q1, q2} {
		mustStatus(t, ts.do(t, "PATCH", base+"/"+q, `{"status":"approved"}`, ts.admin(s)...), http.StatusOK)
	}
	upvote := func(p participant, q, method string) response {
		return ts.do(t, method, base+"/"+q+"/upvote", "", "Authorization", "Bearer "+p.Token)
	}
	mustStatus(t, upvote(cy, q2, "POST"), http.StatusOK)
	mustStatus(t, upvote(cy, q2, "POST"), http.StatusOK) // idempotent
	mustStatus(t, upvote(ana, q2, "POST"), http.StatusOK)
	mustStatus(t, upvote(ana, q1, "POST"), http.StatusConflict) // own question
	mustStatus(t, upvote(cy, q1, "POST"), http.StatusOK)
	mustStatus(t, upvote(cy, q1, "DELETE"), http.StatusOK)

	var list []any
	eventually(t, 2*time.Second, "sorted by upvotes", func() bool {
		list = ts.do(t, "GET", base, "").json(t)["questions"].([]any)
		// cy's upvote of q1 was taken back: settled means 2 and 0.
		return len(list) == 2 && list[0].(map[string]any)["upvotes"] == float64(2) && list[1].(map[string]any)["upvotes"] == float64(0)
	})
	if list[0].(map[string]any)["id"] != q2 || list[1].(map[string]any)["upvotes"] != float64(0) {
		t.Errorf("questions: %v", list)
	}
	var me map[string]any
	eventually(t, 2*time.Second, "ana's own questions and upvotes", func() bool {
		me = ts.do(t, "GET", "/api/v1/sessions/"+s.ID+"/participants/me", "", "Authorization", "Bearer "+ana.Token).json(t)
		return fmt.Sprint(me["question_ids"]) == "["+q1+"]" && fmt.Sprint(me["upvoted_question_ids"]) == "["+q2+"]"
	})

	mustStatus(t, ts.do(t, "PATCH", base+"/"+q1, `{"pinned":true}`, ts.admin(s)...), http.StatusOK)
	mustStatus(t, ts.do(t, "PATCH", base+"/"+q2, `{"status":"hidden"}`, ts.admin(s)...), http.StatusOK)
	eventually(t, 2*time.Second, "pinned on the display, hidden gone", func() bool {
		d := ts.do(t, "GET", "/api/v1/sessions/"+s.ID+"/state?view=display&key="+s.DisplayKey, "").json(t)
		pinned, _ := d["pinned_question"].(map[string]any)
		public := ts.do(t, "GET", base, "").json(t)["questions"].([]any)
		return pinned != nil && pinned["id"] == q1 && len(public) == 1
	})
	mustStatus(t, upvote(cy, q2, "POST"), http.StatusNotFound) // hidden
}

func TestEngagement_Participants(t *testing.T) {
	t.Parallel()
	ts := startServer(t, serverEnv(t))
	s := ts.createSession(t, "People")
	other := ts.createSession(t, "Other")
	ana := ts.join(t, s, "Zoë")
	base := "/api/v1/sessions/" + s.ID + "/participants"
	for _, nick := range []string{"zoë", "ZOË", "Zoe\u0308", " Zoë "} {
		r := ts.do(t, "POST", base, fmt.Sprintf(`{"nickname":%q}`, nick))
		if r.Status != http.StatusConflict || !strings.Contains(string(r.Body), `"field":"nickname"`) {
			t.Errorf("nickname %q: %d %s", nick, r.Status, r.Body)
		}
	}
	for _, bad := range []string{``, `   `, strings.Repeat("n", 31), "a\u0000b", "tab\there", "bell\u0007"} {
		body, _ := json.Marshal(map[string]string{"nickname": bad})
		mustStatus(t, ts.do(t, "POST", base, string(body)), http.StatusUnprocessableEntity)
	}
	bo := ts.join(t, s, "bo")

	me := func(p participant, sid string) response {
		return ts.do(t, "GET", "/api/v1/sessions/"+sid+"/participants/me", "", "Authorization", "Bearer "+p.Token)
	}
	r := me(ana, s.ID) // a phone that reloads is still itself
	mustStatus(t, r, http.StatusOK)
	if m := r.json(t); m["id"] != ana.ID || m["nickname"] != "Zoë" {
		t.Errorf("me: %v", m)
	}
	mustStatus(t, me(ana, other.ID), http.StatusForbidden)
	mustStatus(t, ts.do(t, "GET", base+"/me", ""), http.StatusUnauthorized)
	mustStatus(t, ts.do(t, "GET", base+"/me", "", "Authorization", "Bearer not-a-token"), http.StatusUnauthorized)

	list := ts.do(t, "GET", base, "", ts.admin(s)...)
	mustStatus(t, list, http.StatusOK)
	mustStatus(t, ts.do(t, "GET", base, ""), http.StatusUnauthorized)
	mustStatus(t, ts.do(t, "GET", base, "", ts.admin(other)...), http.StatusForbidden)

	poll := ts.createActivity(t, s, `{"type":"poll","title":"?","options":[{"label":"a"},{"label":"b"}]}`)
	ts.present(t, s, poll.ID)
	mustStatus(t, ts.answer(t, s, poll.ID, bo, `{"option_ids":["`+poll.Options[0].ID+`"]}`), http.StatusCreated)
	mustStatus(t, ts.do(t, "DELETE", base+"/"+bo.ID, "", ts.admin(s)...), http.StatusNoContent)
	mustStatus(t, ts.answer(t, s, poll.ID, bo, `{"option_ids":["`+poll.Options[1].ID+`"]}`), http.StatusUnauthorized)
	eventually(t, 3*time.Second, "kicked token refused by reads", func() bool { return me(bo, s.ID).Status == http.StatusUnauthorized })
	ts.join(t, s, "bo") // the nickname is free again
	eventually(t, 2*time.Second, "count excludes the kicked", func() bool {
		return ts.do(t, "GET", "/api/v1/sessions/"+s.ID+"/state", "").json(t)["participant_count"] == float64(2)
	})

	mustStatus(t, ts.do(t, "PATCH", "/api/v1/sessions/"+s.ID, `{"status":"completed"}`, ts.admin(s)...), http.StatusOK)
	mustStatus(t, ts.do(t, "POST", base, `{"nickname":"late"}`), http.StatusConflict)
}

func TestEngagement_TokensAreIsolatedBetweenSessions(t *testing.T) {
	t.Parallel()
	ts := startServer(t, serverEnv(t))
	a, b := ts.createSession(t, "A"), ts.createSession(t, "B")
	pa := ts.join(t, a, "ana")
	pollB := ts.createActivity(t, b, `{"type":"poll","title":"?","options":[{"label":"x"},{"label":"y"}]}`)
	qnaB := ts.createActivity(t, b, `{"type":"qna","title":"?"}`)
	ts.present(t, b, qnaB.ID)
	ts.patchActivity(t, b, pollB.ID, `{"status":"open"}`)
	mustStatus(t, ts.answer(t, b, pollB.ID, pa, `{"option_ids":["`+pollB.Options[0].ID+`"]}`), http.StatusForbidden)
	mustStatus(t, ts.do(t, "POST", "/api/v1/sessions/"+b.ID+"/activities/"+qnaB.ID+"/questions", `{"text":"hi"}`, "Authorization", "Bearer "+pa.Token), http.StatusForbidden)
	mustStatus(t, ts.do(t, "POST", "/api/v1/sessions/"+b.ID+"/activities", `{"type":"qna","title":"x"}`, ts.admin(a)...), http.StatusForbidden)
	mustStatus(t, ts.do(t, "PATCH", "/api/v1/sessions/"+b.ID+"/activities/"+pollB.ID, `{"title":"x"}`, ts.admin(a)...), http.StatusForbidden)
	mustStatus(t, ts.do(t, "GET", "/api/v1/sessions/"+b.ID+"/export.csv", "", ts.admin(a)...), http.StatusForbidden)
	resultsB := "/api/v1/sessions/" + b.ID + "/activities/" + pollB.ID + "/results"
	eventually(t, 2*time.Second, "results readable by their organizer", func() bool {
		return ts.do(t, "GET", resultsB, "", ts.admin(b)...).Status == http.StatusOK
	})
	mustStatus(t, ts.do(t, "GET", resultsB, "", ts.admin(a)...), http.StatusForbidden)
	mustStatus(t, ts.do(t, "GET", "/api/v1/sessions/"+b.ID+"/state?view=display&key="+a.DisplayKey, ""), http.StatusForbidden)
	// An activity of B addressed through A is not found.
	mustStatus(t, ts.do(t, "PATCH", "/api/v1/sessions/"+a.ID+"/activities/"+pollB.ID, `{"title":"x"}`, ts.admin(a)...), http.StatusNotFound)

	// A signed-in owner of A (cookie, session id) opens nothing of B: not
	// with the cookie alone, nor with A's token beside it; nor does A's
	// admin token claim B.
	owner := ts.signUp(t, "a-owner@example.com", "A")
	mustStatus(t, ts.do(t, "POST", "/api/v1/sessions/"+a.ID+"/claim", "", append(ts.admin(a), owner...)...), http.StatusOK)
	sb := "/api/v1/sessions/" + b.ID
	for _, h := range [][]string{owner, append(ts.admin(a), owner...)} {
		mustStatus(t, ts.do(t, "PATCH", sb, `{"name":"x"}`, h...), http.StatusForbidden)
		mustStatus(t, ts.do(t, "POST", sb+"/activities", `{"type":"qna","title":"x"}`, h...), http.StatusForbidden)
		mustStatus(t, ts.do(t, "GET", sb+"/export.json", "", h...), http.StatusForbidden)
		mustStatus(t, ts.do(t, "GET", sb+"/state?view=admin", "", h...), http.StatusForbidden)
		mustStatus(t, ts.do(t, "POST", sb+"/invitations", `{"email":"x@example.com","role":"co-host"}`, h...), http.StatusForbidden)
	}
	if r := ts.do(t, "GET", resultsB, "", owner...); strings.Contains(string(r.Body), `"counts"`) && r.Status == http.StatusOK {
		t.Errorf("another account reads B's hidden results: %s", r.Body)
	}
	mustStatus(t, ts.do(t, "DELETE", sb+"/admin-token", "", owner...), http.StatusForbidden)
	mustStatus(t, ts.do(t, "POST", sb+"/claim", "", append(ts.admin(a), owner...)...), http.StatusForbidden)
	if l := ts.do(t, "GET", "/api/v1/me/sessions", "", owner...); !strings.Contains(string(l.Body), a.ID) || strings.Contains(string(l.Body), b.ID) {
		t.Errorf("A's owner lists %s", l.Body)
	}
}

func TestEngagement_ConcurrentSubmissionsCountOnce(t *testing.T) {
	t.Parallel()
	ts := startServer(t, serverEnv(t))
	s := ts.createSession(t, "Race")
	poll := ts.createActivity(t, s, `{"type":"poll","title":"?","options":[{"label":"a"},{"label":"b"}]}`)
	quiz := ts.createActivity(t, s, `{"type":"quiz","title":"?","options":[{"label":"a","correct":true},{"label":"b"}]}`)
	ts.patchActivity(t, s, quiz.ID, `{"status":"open"}`)
	ts.present(t, s, poll.ID)
	p := ts.join(t, s, "clicker")

	var created, quizCreated, quizConflict atomic.Int32
	var wg sync.WaitGroup
	for i := 0; i < 200; i++ {
		wg.Add(2)
		go func() {
			defer wg.Done()
			if r := ts.answer(t, s, poll.ID, p, `{"option_ids":["`+poll.Options[0].ID+`"]}`); r.Status == http.StatusCreated {
				created.Add(1)
			}
		}()
		go func() {
			defer wg.Done()
			switch ts.answer(t, s, quiz.ID, p, `{"option_ids":["`+quiz.Options[0].ID+`"]}`).Status {
			case http.StatusCreated:
				quizCreated.Add(1)
			case http.StatusConflict:
				quizConflict.Add(1)
			}
		}()
	}
	wg.Wait()
	if created.Load() != 1 || quizCreated.Load() != 1 || quizConflict.Load() != 199 {
		t.Errorf("poll created %d times, quiz created %d / refused %d", created.Load(), quizCreated.Load(), quizConflict.Load())
	}
	ts.waitResults(t, s, poll.ID, func(m map[string]any) bool { return m["total_responses"] == float64(1) && counts(m)["a"] == 1 })
	ts.waitResults(t, s, quiz.ID, func(m map[string]any) bool { return m["total_responses"] == float64(1) && counts(m)["a"] == 1 })
}

func TestEngagement_ThousandParticipantsCountExactly(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("1,000 joins and answers")
	}
	ts := startServer(t, serverEnv(t))
	s := ts.createSession(t, "Crowd")
	poll := ts.createActivity(t, s, `{"type":"poll","title":"?","options":[{"label":"a"},{"label":"b"},{"label":"c"}]}`)
	ts.present(t, s, poll.ID)

	const n, workers = 1000, 32
	var ok [3]atomic.Int32
	jobs := make(chan int)
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				r := ts.do(t, "POST", "/api/v1/sessions/"+s.ID+"/participants", fmt.Sprintf(`{"nickname":"p%d"}`, i))
				if r.Status != http.StatusCreated {
					continue
				}
				var p participant
				_ = json.Unmarshal(r.Body, &p)
				if ts.answer(t, s, poll.ID, p, `{"option_ids":["`+poll.Options[i%3].ID+`"]}`).Status == http.StatusCreated {
					ok[i%3].Add(1)
				}
			}
		}()
	}
	for i := 0; i < n; i++ {
		jobs <- i
	}
	close(jobs)
	wg.Wait()
	want := map[string]int{"a": int(ok[0].Load()), "b": int(ok[1].Load()), "c": int(ok[2].Load())}
	res := ts.waitResults(t, s, poll.ID, func(m map[string]any) bool {
		c := counts(m)
		return c["a"] == want["a"] && c["b"] == want["b"] && c["c"] == want["c"]
	})
	if total := want["a"] + want["b"] + want["c"]; res["total_responses"] != float64(total) || total < n*9/10 {
		t.Errorf("acknowledged %d, results %v", total, res)
	}
}

func TestEngagement_DuplicateAndExport(t *testing.T) {
	t.Parallel()
	ts := startServer(t, serverEnv(t))
	s := ts.createSession(t, "Deck")
	poll := ts.createActivity(t, s, `{"type":"poll","title":"Café?","options":[{"label":"Oui"},{"label":"Non"}]}`)
	ts.createActivity(t, s, `{"type":"rating","title":"Rate","settings":{"min":0,"max":10}}`)
	ts.present(t, s, poll.ID)
	p := ts.join(t, s, "=cmd|' /C calc'!A0")
	mustStatus(t, ts.answer(t, s, poll.ID, p, `{"option_ids":["`+poll.Options[0].ID+`"]}`), http.StatusCreated)

	var csv response
	eventually(t, 5*time.Second, "export has the answer", func() bool {
		csv = ts.do(t, "GET", "/api/v1/sessions/"+s.ID+"/export.csv", "", ts.admin(s)...)
		return csv.Status == http.StatusOK && strings.Contains(string(csv.Body), "Oui")
	})
	body := string(csv.Body)
	if !strings.HasPrefix(body, "\uFEFFAnswers\nactivity,type,nickname,answer,correct,score,answered_at,hidden,held\n") || !strings.Contains(body, "Café?,poll,'=cmd") {
		t.Errorf("csv: %q", body)
	}
	js := ts.do(t, "GET", "/api/v1/sessions/"+s.ID+"/export.json", "", ts.admin(s)...)
	mustStatus(t, js, http.StatusOK)
	rows := js.json(t)["answers"].([]any)
	if len(rows) != 1 || rows[0].(map[string]any)["answer"] != "Oui" {
		t.Errorf("json export: %s", js.Body)
	}
	mustStatus(t, ts.do(t, "GET", "/api/v1/sessions/"+s.ID+"/export.csv", ""), http.StatusUnauthorized)

	dup := ts.do(t, "POST", "/api/v1/sessions/"+s.ID+"/duplicate", "", ts.admin(s)...)
	mustStatus(t, dup, http.StatusCreated)
	var copied created
	_ = json.Unmarshal(dup.Body, &copied)
	if copied.ID == s.ID || copied.JoinCode == s.JoinCode || copied.AdminToken == "" || dup.json(t)["status"] != "draft" {
		t.Errorf("duplicate: %s", dup.Body)
	}
	var acts map[string]any
	eventually(t, 2*time.Second, "copied activities", func() bool {
		r := ts.do(t, "GET", "/api/v1/sessions/"+copied.ID+"/activities", "", ts.admin(copied)...)
		acts = r.json(t)
		return r.Status == 200 && len(acts["activities"].([]any)) == 2
	})
	first := acts["activities"].([]any)[0].(map[string]any)
	if first["title"] != "Café?" || first["status"] != "draft" || len(first["options"].([]any)) != 2 {
		t.Errorf("copied activity: %v", first)
	}
	if r := ts.do(t, "GET", "/api/v1/sessions/"+copied.ID+"/export.json", "", ts.admin(copied)...).json(t); len(r["answers"].([]any)) != 0 {
		t.Errorf("the copy has answers: %v", r)
	}
}

// TestEngagement_MeRevalidatesAndSurvivesAFlush: phones poll their own
// document too, so it answers 304 when unchanged; and a phone whose Redis
// was flushed is never told its token is invalid (which would make it
// forget who it is), only to retry.
func TestEngagement_MeRevalidatesAndSurvivesAFlush(t *testing.T) {
	t.Parallel()
	ts := startServer(t, serverEnv(t))
	s := ts.createSession(t, "Me")
	poll := ts.createActivity(t, s, `{"type":"poll","title":"?","options":[{"label":"a"},{"label":"b"}]}`)
	ts.present(t, s, poll.ID)
	p := ts.join(t, s, "ana")
	me := "/api/v1/sessions/" + s.ID + "/participants/me"
	auth := []string{"Authorization", "Bearer " + p.Token}

	first := ts.do(t, "GET", me, "", auth...)
	mustStatus(t, first, http.StatusOK)
	etag := first.Header.Get("ETag")
	if etag == "" {
		t.Fatal("no ETag on /participants/me")
	}
	mustStatus(t, ts.do(t, "GET", me, "", append(auth, "If-None-Match", etag)...), http.StatusNotModified)
	mustStatus(t, ts.answer(t, s, poll.ID, p, `{"option_ids":["`+poll.Options[0].ID+`"]}`), http.StatusCreated)
	eventually(t, 2*time.Second, "the answer shows in /me", func() bool {
		r := ts.do(t, "GET", me, "", append(auth, "If-None-Match", etag)...)
		return r.Status == http.StatusOK && strings.Contains(string(r.Body), poll.ID)
	})

	readmodeltest.DeletePrefix(t, ts.Redis) // FLUSHALL, for this test's keys only
	eventually(t, 5*time.Second, "/me back after the flush", func() bool {
		r := ts.do(t, "GET", me, "", auth...)
		if r.Status != http.StatusOK && r.Status != http.StatusServiceUnavailable {
			t.Fatalf("after a flush: %d %s (a phone would drop its identity)", r.Status, r.Body)
		}
		return r.Status == http.StatusOK
	})
}

// TestEngagement_QuizWithSeveralRightOptions: phones learn how many options
// to choose (never which), and choosing exactly the right ones scores.
func TestEngagement_QuizWithSeveralRightOptions(t *testing.T) {
	t.Parallel()
	ts := startServer(t, serverEnv(t))
	s := ts.createSession(t, "Two right")
	q := ts.createActivity(t, s, `{"type":"quiz","title":"Primes?","options":[{"label":"2","correct":true},{"label":"3","correct":true},{"label":"4"}]}`)
	ts.present(t, s, q.ID)
	ana, bo := ts.join(t, s, "ana"), ts.join(t, s, "bo")
	var current map[string]any
	eventually(t, 2*time.Second, "the quiz on phones", func() bool {
		r := ts.do(t, "GET", "/api/v1/sessions/"+s.ID+"/state", "")
		current, _ = r.json(t)["current_activity"].(map[string]any)
		return current != nil
	})
	if current["choices"] != float64(2) || strings.Contains(fmt.Sprint(current["options"]), "correct") {
		t.Fatalf("phones must see how many to choose, not which: %v", current)
	}
	mustStatus(t, ts.answer(t, s, q.ID, ana, `{"option_ids":["`+q.Options[0].ID+`","`+q.Options[1].ID+`"]}`), http.StatusCreated)
	mustStatus(t, ts.answer(t, s, q.ID, bo, `{"option_ids":["`+q.Options[0].ID+`"]}`), http.StatusCreated)
	ts.patchActivity(t, s, q.ID, `{"status":"closed","results_visible":true}`)
	eventually(t, 2*time.Second, "scores after the reveal", func() bool {
		a := ts.do(t, "GET", "/api/v1/sessions/"+s.ID+"/participants/me", "", "Authorization", "Bearer "+ana.Token).json(t)
		b := ts.do(t, "GET", "/api/v1/sessions/"+s.ID+"/participants/me", "", "Authorization", "Bearer "+bo.Token).json(t)
		return a["correct_answers"] == float64(1) && a["score"].(float64) >= 500 && b["correct_answers"] == float64(0) && b["score"] == float64(0)
	})
}
