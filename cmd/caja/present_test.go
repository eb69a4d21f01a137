package main

import (
	"fmt"
	"net/http"
	"strings"
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
