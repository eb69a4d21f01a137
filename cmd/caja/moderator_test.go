package main

import (
	"net/http"
	"strings"
	"testing"
	"time"
)

// refused fails unless r is a 401 or 403 problem+json.
func refused(t *testing.T, what string, r response) {
	t.Helper()
	if (r.Status != http.StatusUnauthorized && r.Status != http.StatusForbidden) || !strings.HasPrefix(r.Header.Get("Content-Type"), "application/problem+json") {
		t.Errorf("%s with the moderator token: %d (%s), want 401/403 problem+json: %s", what, r.Status, r.Header.Get("Content-Type"), r.Body)
	}
}

func TestPresent_ModeratorTokenOnlyModeratesAndReadsResults(t *testing.T) {
	t.Parallel()
	ts := startServer(t, serverEnv(t))
	s := ts.createSession(t, "Moderated")
	if len(s.ModeratorToken) < 40 || s.ModeratorToken == s.AdminToken || s.ModeratorToken == s.DisplayKey {
		t.Fatalf("session create: moderator_token %q", s.ModeratorToken)
	}
	mod := []string{"Authorization", "Bearer " + s.ModeratorToken}
	open := ts.createActivity(t, s, `{"type":"open_text","title":"Tell us"}`)
	poll := ts.createActivity(t, s, `{"type":"poll","title":"p","options":[{"label":"a"},{"label":"b"}]}`)
	qna := ts.createActivity(t, s, `{"type":"qna","title":"Ask","settings":{"moderation":true}}`)
	ana := ts.join(t, s, "ana")
	sp := "/api/v1/sessions/" + s.ID
	ap := sp + "/activities/"

	ts.present(t, s, open.ID)
	r := ts.answer(t, s, open.ID, ana, `{"text":"rudeanswer"}`)
	mustStatus(t, r, http.StatusCreated)
	entry := r.json(t)["id"].(string)
	ts.present(t, s, qna.ID)
	q := ts.do(t, "POST", ap+qna.ID+"/questions", `{"text":"pendingquestion"}`, "Authorization", "Bearer "+ana.Token)
	mustStatus(t, q, http.StatusCreated)
	qid := q.json(t)["id"].(string)

	// What the moderator may do: read results and the moderation queue,
	// hide and show entries, approve, pin and answer questions.
	eventually(t, 3*time.Second, "the answer in the moderator's results", func() bool {
		r := ts.do(t, "GET", ap+open.ID+"/results", "", mod...)
		return r.Status == http.StatusOK && strings.Contains(string(r.Body), entry)
	})
	mustStatus(t, ts.do(t, "GET", ap+poll.ID+"/results", "", mod...), http.StatusOK)
	eventually(t, 3*time.Second, "the pending question for the moderator", func() bool {
		r := ts.do(t, "GET", ap+qna.ID+"/questions?status=pending", "", mod...)
		return r.Status == http.StatusOK && strings.Contains(string(r.Body), "pendingquestion")
	})
	mustStatus(t, ts.do(t, "GET", ap+qna.ID+"/questions", "", mod...), http.StatusOK)
	mustStatus(t, ts.do(t, "PATCH", ap+open.ID+"/entries/"+entry, `{"hidden":true}`, mod...), http.StatusOK)
	mustStatus(t, ts.do(t, "PATCH", ap+open.ID+"/entries/"+entry, `{"hidden":false}`, mod...), http.StatusOK)
	mustStatus(t, ts.do(t, "PATCH", ap+qna.ID+"/questions/"+qid, `{"status":"approved"}`, mod...), http.StatusOK)
	mustStatus(t, ts.do(t, "PATCH", ap+qna.ID+"/questions/"+qid, `{"pinned":true}`, mod...), http.StatusOK)
	mustStatus(t, ts.do(t, "PATCH", ap+qna.ID+"/questions/"+qid, `{"status":"answered"}`, mod...), http.StatusOK)
	mustStatus(t, ts.do(t, "PATCH", ap+qna.ID+"/entries/"+qid, `{"hidden":true}`, mod...), http.StatusOK)
	// Bad input is still named.
	fieldProblem(t, ts.do(t, "PATCH", ap+qna.ID+"/questions/"+qid, `{"status":"gone"}`, mod...), http.StatusUnprocessableEntity, "status")

	// Everything else is refused, and changes nothing.
	for _, c := range []struct{ what, method, path, body string }{
		{"the admin view", "GET", sp + "/state?view=admin", ""},
		{"the display view", "GET", sp + "/state?view=display&key=" + s.ModeratorToken, ""},
		{"renaming the session", "PATCH", sp, `{"name":"taken over"}`},
		{"ending the session", "PATCH", sp, `{"status":"completed"}`},
		{"changing the current activity", "PATCH", sp, `{"current_activity_id":"` + poll.ID + `"}`},
		{"creating an activity", "POST", sp + "/activities", `{"type":"poll","title":"x","options":[{"label":"a"},{"label":"b"}]}`},
		{"opening an activity", "PATCH", ap + poll.ID, `{"status":"open"}`},
		{"revealing results", "PATCH", ap + poll.ID, `{"results_visible":true}`},
		{"adding time", "PATCH", ap + open.ID, `{"extend_s":30}`},
		{"deleting an activity", "DELETE", ap + poll.ID, ""},
		{"listing activities", "GET", sp + "/activities", ""},
		{"reading an activity (notes, answers)", "GET", ap + poll.ID, ""},
		{"listing participants", "GET", sp + "/participants", ""},
		{"kicking", "DELETE", sp + "/participants/" + ana.ID, ""},
		{"exporting CSV", "GET", sp + "/export.csv", ""},
		{"exporting JSON", "GET", sp + "/export.json", ""},
		{"exporting Excel", "GET", sp + "/export.xlsx", ""},
		{"duplicating", "POST", sp + "/duplicate", ""},
		{"making a new moderator link", "POST", sp + "/moderator-token", ""},
		{"answering as a participant", "POST", ap + open.ID + "/responses", `{"text":"hi"}`},
		{"reacting as a participant", "POST", sp + "/reactions", `{"emoji":"👍"}`},
		{"asking as a participant", "POST", ap + qna.ID + "/questions", `{"text":"mine"}`},
	} {
		refused(t, c.what, ts.do(t, c.method, c.path, c.body, mod...))
	}
	if got := ts.views(t, s)["admin"]["session"].(map[string]any); got["name"] != "Moderated" || got["status"] != "active" {
		t.Errorf("the refused requests changed the session: %v", got)
	}
	// The token is in no view.
	for name, v := range ts.rawViews(t, s) {
		if strings.Contains(v, s.ModeratorToken) {
			t.Errorf("the %s view carries the moderator token", name)
		}
	}

	// A new moderator link (admin token only) retires the old one.
	mustStatus(t, ts.do(t, "POST", sp+"/moderator-token", ""), http.StatusUnauthorized)
	r = ts.do(t, "POST", sp+"/moderator-token", "", ts.admin(s)...)
	mustStatus(t, r, http.StatusOK)
	if r.Header.Get("Cache-Control") != "no-store" {
		t.Errorf("the new token's answer is cacheable: %q", r.Header.Get("Cache-Control"))
	}
	fresh, _ := r.json(t)["moderator_token"].(string)
	if len(fresh) < 40 || fresh == s.ModeratorToken {
		t.Fatalf("rotated moderator_token %q", fresh)
	}
	eventually(t, 3*time.Second, "the new moderator token reads results", func() bool {
		return ts.do(t, "GET", ap+open.ID+"/results", "", "Authorization", "Bearer "+fresh).Status == http.StatusOK
	})
	refused(t, "the old token's moderation", ts.do(t, "PATCH", ap+open.ID+"/entries/"+entry, `{"hidden":true}`, mod...))
	eventually(t, 3*time.Second, "the old token refused for results", func() bool {
		return ts.do(t, "GET", ap+open.ID+"/results", "", mod...).Status == http.StatusForbidden
	})
	mustStatus(t, ts.do(t, "PATCH", ap+open.ID+"/entries/"+entry, `{"hidden":true}`, "Authorization", "Bearer "+fresh), http.StatusOK)
	if strings.Contains(ts.Logs.String(), s.ModeratorToken) || strings.Contains(ts.Logs.String(), fresh) {
		t.Errorf("a moderator token is in the log")
	}
}
