package main

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"
)

// problem fails unless r is a problem+json with this status whose detail
// contains detail.
func problem(t *testing.T, r response, status int, detail string) {
	t.Helper()
	if r.Status != status || !strings.HasPrefix(r.Header.Get("Content-Type"), "application/problem+json") {
		t.Fatalf("status %d (%s), want %d problem+json: %s", r.Status, r.Header.Get("Content-Type"), status, r.Body)
	}
	if d, _ := r.json(t)["detail"].(string); !strings.Contains(d, detail) {
		t.Fatalf("detail %q, want %q", d, detail)
	}
}

// views reads the participant, display and admin views of a session.
func (ts *testServer) views(t *testing.T, s created) map[string]map[string]any {
	t.Helper()
	return map[string]map[string]any{
		"participant": ts.do(t, "GET", "/api/v1/sessions/"+s.ID+"/state", "").json(t),
		"display":     ts.do(t, "GET", "/api/v1/sessions/"+s.ID+"/state?view=display&key="+s.DisplayKey, "").json(t),
		"admin":       ts.do(t, "GET", "/api/v1/sessions/"+s.ID+"/state?view=admin", "", ts.admin(s)...).json(t),
	}
}

func currentActivity(view map[string]any) map[string]any {
	c, _ := view["current_activity"].(map[string]any)
	return c
}

func TestRules_RevealedQuizCannotReopen(t *testing.T) {
	t.Parallel()
	ts := startServer(t, serverEnv(t))
	s := ts.createSession(t, "Quiz")
	quiz := ts.createActivity(t, s, `{"type":"quiz","title":"2+2","options":[{"label":"3"},{"label":"4","correct":true}]}`)
	ts.present(t, s, quiz.ID)
	ts.patchActivity(t, s, quiz.ID, `{"status":"closed"}`)
	ts.patchActivity(t, s, quiz.ID, `{"results_visible":true}`)

	path := "/api/v1/sessions/" + s.ID + "/activities/" + quiz.ID
	problem(t, ts.do(t, "PATCH", path, `{"status":"open"}`, ts.admin(s)...), http.StatusConflict, "a quiz whose answers were revealed cannot be reopened")
	// The read model shows the reveal, and no reopen.
	var got map[string]any
	eventually(t, 2*time.Second, "the revealed quiz in the read model", func() bool {
		got = ts.do(t, "GET", path, "", ts.admin(s)...).json(t)
		return got["results_visible"] == true
	})
	time.Sleep(100 * time.Millisecond) // a projection of a reopen would be there by now
	if got = ts.do(t, "GET", path, "", ts.admin(s)...).json(t); got["status"] != "closed" {
		t.Errorf("the refused reopen changed the quiz: %v", got)
	}
}

func TestRules_QuizClosesAtItsTimeLimit(t *testing.T) {
	t.Parallel()
	ts := startServer(t, serverEnv(t))
	s := ts.createSession(t, "Timed")
	quiz := ts.createActivity(t, s, `{"type":"quiz","title":"Quick!","options":[{"label":"no"},{"label":"yes","correct":true}],"settings":{"time_limit_s":5}}`)
	onTime, late := ts.join(t, s, "on-time"), ts.join(t, s, "late")
	ts.present(t, s, quiz.ID)
	right := `{"option_ids":["` + quiz.Options[1].ID + `"]}`
	mustStatus(t, ts.answer(t, s, quiz.ID, onTime, right), http.StatusCreated)

	// Every view carries the server's deadline: opened_at + time_limit_s.
	var closesAt time.Time
	eventually(t, 2*time.Second, "closes_at in every view", func() bool {
		for name, v := range ts.views(t, s) {
			c := currentActivity(v)
			if c == nil || c["closes_at"] == nil {
				return false
			}
			opened, err1 := time.Parse(time.RFC3339Nano, c["opened_at"].(string))
			closes, err2 := time.Parse(time.RFC3339Nano, c["closes_at"].(string))
			if err1 != nil || err2 != nil || !closes.Equal(opened.Add(5*time.Second)) || !strings.HasSuffix(c["closes_at"].(string), "Z") {
				t.Fatalf("%s view: opened_at %v, closes_at %v: want closes_at = opened_at + 5 s, in UTC", name, c["opened_at"], c["closes_at"])
			}
			closesAt = closes
		}
		return true
	})

	// Nobody clicks: phones and display see it closed within a poll
	// interval of the deadline.
	time.Sleep(time.Until(closesAt))
	eventually(t, 2*time.Second, "the quiz closed by its deadline", func() bool {
		for _, v := range ts.views(t, s) {
			if c := currentActivity(v); c == nil || c["status"] != "closed" {
				return false
			}
		}
		return true
	})
	t.Logf("closed %s after its deadline", time.Since(closesAt))

	// After the deadline and its 1 s grace, an answer is refused and not
	// counted.
	time.Sleep(time.Until(closesAt.Add(1100 * time.Millisecond)))
	problem(t, ts.answer(t, s, quiz.ID, late, right), http.StatusConflict, "time is up")
	ts.patchActivity(t, s, quiz.ID, `{"results_visible":true}`)
	res := ts.waitResults(t, s, quiz.ID, func(m map[string]any) bool { return m["total_responses"] == float64(1) })
	if c := counts(res); c["yes"] != 1 {
		t.Errorf("results count the late answer: %v", res)
	}
	var board map[string]any
	eventually(t, 2*time.Second, "leaderboard", func() bool {
		board = ts.do(t, "GET", "/api/v1/sessions/"+s.ID+"/leaderboard", "").json(t)
		return len(board["entries"].([]any)) > 0
	})
	if entries := board["entries"].([]any); len(entries) != 1 || entries[0].(map[string]any)["nickname"] != "on-time" {
		t.Errorf("leaderboard has the late answer: %v", entries)
	}
	me := ts.do(t, "GET", "/api/v1/sessions/"+s.ID+"/participants/me", "", "Authorization", "Bearer "+late.Token).json(t)
	if len(me["answered_activity_ids"].([]any)) != 0 || me["correct_answers"] != float64(0) {
		t.Errorf("the late participant's own document has the answer: %v", me)
	}
}

func TestRules_DeadlinePassedWhileNoServerRan(t *testing.T) {
	t.Parallel()
	env := serverEnv(t)
	ts := startServer(t, env)
	s := ts.createSession(t, "Restart")
	quiz := ts.createActivity(t, s, `{"type":"quiz","title":"Q","options":[{"label":"a"},{"label":"b","correct":true}],"settings":{"time_limit_s":60}}`)
	ts.present(t, s, quiz.ID)
	ts.stop(t)
	// The minute passes while no server runs.
	db := openDB(t, env["DATABASE_URL"])
	if _, err := db.Exec("UPDATE activities SET opened_at = opened_at - interval '2 minutes', closes_at = closes_at - interval '2 minutes' WHERE id = $1", quiz.ID); err != nil {
		t.Fatal(err)
	}

	ts = startServer(t, env)
	start := time.Now()
	eventually(t, 2*time.Second, "the overdue quiz closed at start", func() bool {
		c := currentActivity(ts.views(t, s)["participant"])
		return c != nil && c["status"] == "closed"
	})
	t.Logf("closed %s after the start", time.Since(start))
}

func TestRules_EndedSession(t *testing.T) {
	t.Parallel()
	ts := startServer(t, serverEnv(t))
	s := ts.createSession(t, "Ending")
	poll := ts.createActivity(t, s, `{"type":"poll","title":"P","options":[{"label":"a"},{"label":"b"}]}`)
	qna := ts.createActivity(t, s, `{"type":"qna","title":"Ask"}`)
	ana, bo := ts.join(t, s, "ana"), ts.join(t, s, "bo")
	ts.patchActivity(t, s, qna.ID, `{"status":"open"}`)
	ts.present(t, s, poll.ID)
	questions := "/api/v1/sessions/" + s.ID + "/activities/" + qna.ID + "/questions"
	r := ts.do(t, "POST", questions, `{"text":"Why?"}`, "Authorization", "Bearer "+bo.Token)
	mustStatus(t, r, http.StatusCreated)
	qid := r.json(t)["id"].(string)

	mustStatus(t, ts.do(t, "PATCH", "/api/v1/sessions/"+s.ID, `{"status":"completed"}`, ts.admin(s)...), http.StatusOK)
	// Ending closed every open activity, in the same transaction.
	eventually(t, 2*time.Second, "every activity closed", func() bool {
		list := ts.do(t, "GET", "/api/v1/sessions/"+s.ID+"/activities", "", ts.admin(s)...)
		for _, a := range list.json(t)["activities"].([]any) {
			if a.(map[string]any)["status"] != "closed" {
				return false
			}
		}
		return list.Status == http.StatusOK
	})

	tests := []struct {
		name, method, path, body string
		headers                  []string
	}{
		{"Join", "POST", "/api/v1/sessions/" + s.ID + "/participants", `{"nickname":"late"}`, nil},
		{"Answer", "POST", "/api/v1/sessions/" + s.ID + "/activities/" + poll.ID + "/responses", `{"option_ids":["` + poll.Options[0].ID + `"]}`, []string{"Authorization", "Bearer " + ana.Token}},
		{"Question", "POST", questions, `{"text":"Still there?"}`, []string{"Authorization", "Bearer " + ana.Token}},
		{"Upvote", "POST", questions + "/" + qid + "/upvote", "", []string{"Authorization", "Bearer " + ana.Token}},
		{"Reopen", "PATCH", "/api/v1/sessions/" + s.ID + "/activities/" + poll.ID, `{"status":"open"}`, ts.admin(s)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			problem(t, ts.do(t, tt.method, tt.path, tt.body, tt.headers...), http.StatusConflict, "this session has ended")
		})
	}
	parts := ts.do(t, "GET", "/api/v1/sessions/"+s.ID+"/participants", "", ts.admin(s)...).json(t)
	if n := len(parts["participants"].([]any)); n != 2 {
		t.Errorf("%d participants after a refused join, want 2", n)
	}
	res := ts.waitResults(t, s, poll.ID, func(map[string]any) bool { return true })
	if res["total_responses"] != float64(0) {
		t.Errorf("a refused answer was counted: %v", res)
	}

	// The join code says the session ended, until a live session takes it.
	var join map[string]any
	eventually(t, 2*time.Second, "join code of the ended session", func() bool {
		r := ts.do(t, "GET", "/api/v1/join/"+s.JoinCode, "")
		join = r.json(t)
		return r.Status == http.StatusOK && join["status"] == "completed"
	})
	if join["session_id"] != s.ID || join["name"] != "Ending" {
		t.Errorf("join of the ended session: %v", join)
	}
	next := ts.createSession(t, "Next")
	if _, err := ts.DB.SQL.Exec("UPDATE sessions SET join_code = $1 WHERE id = $2", s.JoinCode, next.ID); err != nil {
		t.Fatal(err)
	}
	mustStatus(t, ts.do(t, "PATCH", "/api/v1/sessions/"+next.ID, `{"name":"Next (live)"}`, ts.admin(next)...), http.StatusOK)
	eventually(t, 2*time.Second, "the live session wins the code", func() bool {
		r := ts.do(t, "GET", "/api/v1/join/"+s.JoinCode, "")
		j := r.json(t)
		return r.Status == http.StatusOK && j["session_id"] == next.ID && j["status"] == "draft"
	})
	// An unknown code is still not found.
	if r := ts.do(t, "GET", "/api/v1/join/"+unusedCode(s.JoinCode), ""); r.Status != http.StatusNotFound {
		t.Errorf("unknown code: %d %s", r.Status, r.Body)
	}
}

// unusedCode is a join code of the same length that no session holds
// (codes never start with 0).
func unusedCode(code string) string { return "0" + code[1:] }

func TestRules_RecentParticipants(t *testing.T) {
	t.Parallel()
	ts := startServer(t, serverEnv(t))
	s := ts.createSession(t, "Lobby")
	var joined []participant
	for i := range 52 {
		joined = append(joined, ts.join(t, s, fmt.Sprintf("p%02d", i)))
		time.Sleep(time.Millisecond) // distinct joined_at, for the order
	}
	mustStatus(t, ts.do(t, "DELETE", "/api/v1/sessions/"+s.ID+"/participants/"+joined[51].ID, "", ts.admin(s)...), http.StatusNoContent)

	// Newest first, at most 50, the kicked one left out: p50 … p01.
	var want []string
	for i := 50; i >= 1; i-- {
		want = append(want, fmt.Sprintf("p%02d", i))
	}
	eventually(t, 3*time.Second, "recent participants", func() bool {
		for _, name := range []string{"display", "admin"} {
			v := ts.views(t, s)[name]
			if v["participant_count"] != float64(51) {
				return false
			}
			recent, _ := v["recent_participants"].([]any)
			if len(recent) != len(want) {
				return false
			}
			for i, e := range recent {
				m := e.(map[string]any)
				if m["nickname"] != want[i] {
					return false
				}
				if _, err := time.Parse(time.RFC3339Nano, fmt.Sprint(m["joined_at"])); err != nil || m["id"] == nil {
					t.Fatalf("%s view: entry %v", name, m)
				}
			}
		}
		return true
	})
	if _, ok := ts.views(t, s)["participant"]["recent_participants"]; ok {
		t.Error("the participant view must not carry recent_participants")
	}
}

func TestRules_OpenOnPresent(t *testing.T) {
	t.Parallel()
	ts := startServer(t, serverEnv(t))
	s := ts.createSession(t, "Setting")
	get := func() map[string]any { return ts.do(t, "GET", "/api/v1/sessions/"+s.ID, "").json(t) }
	if v := get()["open_on_present"]; v != true {
		t.Fatalf("open_on_present = %v, want true by default", v)
	}
	tests := []struct {
		name, body string
		status     int
		want       bool
	}{
		{"Off", `{"open_on_present":false}`, http.StatusOK, false},
		{"Null", `{"open_on_present":null}`, http.StatusUnprocessableEntity, false},
		{"NotABool", `{"open_on_present":"yes"}`, http.StatusUnprocessableEntity, false},
		{"On", `{"open_on_present":true}`, http.StatusOK, true},
		{"OffAgain", `{"open_on_present":false}`, http.StatusOK, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := ts.do(t, "PATCH", "/api/v1/sessions/"+s.ID, tt.body, ts.admin(s)...)
			mustStatus(t, r, tt.status)
			eventually(t, 2*time.Second, "the setting in the session and the admin view", func() bool {
				admin := ts.views(t, s)["admin"]["session"].(map[string]any)
				return get()["open_on_present"] == tt.want && admin["open_on_present"] == tt.want
			})
		})
	}
	dup := ts.do(t, "POST", "/api/v1/sessions/"+s.ID+"/duplicate", "", ts.admin(s)...)
	mustStatus(t, dup, http.StatusCreated)
	if v := dup.json(t)["open_on_present"]; v != false {
		t.Errorf("the copy has open_on_present %v, want false", v)
	}
}

// TestRules_TimedPollClosedByAnotherServer: a poll's time limit is kept
// by every server: the one the organizer used stops, the other closes the
// poll at its deadline, and refuses answers after the grace.
func TestRules_TimedPollClosedByAnotherServer(t *testing.T) {
	t.Parallel()
	env := serverEnv(t)
	first, second := startServer(t, env), startServer(t, env)
	s := first.createSession(t, "Two servers")
	poll := first.createActivity(t, s, `{"type":"poll","title":"Quick","options":[{"label":"a"},{"label":"b"}],"settings":{"time_limit_s":5}}`)
	late := first.join(t, s, "late")
	first.present(t, s, poll.ID)
	var closesAt time.Time
	eventually(t, 3*time.Second, "closes_at in the views", func() bool {
		c := currentActivity(second.views(t, s)["participant"])
		if c == nil || c["closes_at"] == nil {
			return false
		}
		closesAt, _ = time.Parse(time.RFC3339Nano, c["closes_at"].(string))
		return true
	})
	first.stop(t)

	time.Sleep(time.Until(closesAt))
	eventually(t, 3*time.Second, "the poll closed by the other server", func() bool {
		for _, v := range second.views(t, s) {
			if c := currentActivity(v); c == nil || c["status"] != "closed" {
				return false
			}
		}
		return true
	})
	time.Sleep(time.Until(closesAt.Add(1100 * time.Millisecond)))
	problem(t, second.answer(t, s, poll.ID, late, `{"option_ids":["`+poll.Options[0].ID+`"]}`), http.StatusConflict, "time is up")
}

// TestRules_ExtendTime: the organizer adds time; every view shows the new
// deadline.
func TestRules_ExtendTime(t *testing.T) {
	t.Parallel()
	ts := startServer(t, serverEnv(t))
	s := ts.createSession(t, "More time")
	cloud := ts.createActivity(t, s, `{"type":"word_cloud","title":"One word","settings":{"time_limit_s":60}}`)
	ts.present(t, s, cloud.ID)
	r := ts.do(t, "PATCH", "/api/v1/sessions/"+s.ID+"/activities/"+cloud.ID, `{"extend_s":30}`, ts.admin(s)...)
	mustStatus(t, r, http.StatusOK)
	doc := r.json(t)
	opened, _ := time.Parse(time.RFC3339Nano, doc["opened_at"].(string))
	closes, _ := time.Parse(time.RFC3339Nano, doc["closes_at"].(string))
	if !closes.Equal(opened.Add(90 * time.Second)) {
		t.Fatalf("after extend_s 30: opened_at %v, closes_at %v, want 90 s apart", opened, closes)
	}
	eventually(t, 2*time.Second, "the new deadline in every view", func() bool {
		for _, v := range ts.views(t, s) {
			if c := currentActivity(v); c == nil || c["closes_at"] != doc["closes_at"] {
				return false
			}
		}
		return true
	})
}
