package main

import (
	"net/http"
	"strings"
	"testing"
	"time"
)

// TestRoles_InvitedModeratorModeratesAndNothingElse is the story:
// an organizer signs up, invites a moderator by link, the moderator signs
// in on another browser, accepts, moderates and reads results with the
// cookie alone, and is refused everything else; a co-host runs the
// session; the owner removes the moderator and revokes the admin link.
func TestRoles_InvitedModeratorModeratesAndNothingElse(t *testing.T) {
	t.Parallel()
	ts := startServer(t, serverEnv(t))
	owner := ts.signUp(t, "own@example.com", "Owner")
	r := ts.do(t, "POST", "/api/v1/sessions", `{"name":"Roles"}`, owner...)
	mustStatus(t, r, http.StatusCreated)
	var s created
	s.ID, s.AdminToken, s.JoinCode = r.json(t)["id"].(string), r.json(t)["admin_token"].(string), r.json(t)["join_code"].(string)
	sp := "/api/v1/sessions/" + s.ID
	open := ts.createActivity(t, s, `{"type":"open_text","title":"Tell us"}`)
	qna := ts.createActivity(t, s, `{"type":"qna","title":"Ask","settings":{"moderation":true}}`)
	ana := ts.join(t, s, "ana")
	ts.present(t, s, open.ID)
	a := ts.answer(t, s, open.ID, ana, `{"text":"rude"}`)
	mustStatus(t, a, http.StatusCreated)
	entry := a.json(t)["id"].(string)
	ts.present(t, s, qna.ID)
	q := ts.do(t, "POST", sp+"/activities/"+qna.ID+"/questions", `{"text":"pendingquestion"}`, "Authorization", "Bearer "+ana.Token)
	mustStatus(t, q, http.StatusCreated)
	qid := q.json(t)["id"].(string)

	invite := func(role string) string {
		t.Helper()
		r := ts.do(t, "POST", sp+"/invitations", `{"email":"mod@example.com","role":"`+role+`"}`, owner...)
		mustStatus(t, r, http.StatusCreated)
		tok, url := r.json(t)["token"].(string), r.json(t)["url"].(string)
		if !strings.HasPrefix(url, "http://caja.test/") || !strings.HasSuffix(url, tok) || r.Header.Get("Cache-Control") != "no-store" {
			t.Fatalf("invitation %s: %s", role, r.Body)
		}
		return tok
	}
	tok := invite("moderator")
	mod := ts.signUp(t, "mod@example.com", "Mo")
	if r := ts.do(t, "POST", "/api/v1/invitations/"+tok+"/accept", ""); r.Status != http.StatusUnauthorized {
		t.Errorf("accept signed out: %d", r.Status)
	}
	acc := ts.do(t, "POST", "/api/v1/invitations/"+tok+"/accept", "", mod...)
	if acc.Status != http.StatusOK || acc.json(t)["role"] != "moderator" || acc.json(t)["session_id"] != s.ID {
		t.Fatalf("accept: %d %s", acc.Status, acc.Body)
	}
	if again := ts.do(t, "POST", "/api/v1/invitations/"+tok+"/accept", "", mod...); again.Status != http.StatusNotFound || problemCode(t, again) != "invitation_not_found" {
		t.Errorf("second accept: %d %s", again.Status, again.Body)
	}
	if l := ts.do(t, "GET", "/api/v1/me/sessions", "", mod...); !strings.Contains(string(l.Body), `"role":"moderator"`) {
		t.Errorf("the moderator's list: %s", l.Body)
	}

	// The moderator, by cookie alone.
	eventually(t, 3*time.Second, "the entry in the moderator's results", func() bool {
		r := ts.do(t, "GET", sp+"/activities/"+open.ID+"/results", "", mod...)
		return r.Status == http.StatusOK && strings.Contains(string(r.Body), entry)
	})
	eventually(t, 3*time.Second, "the pending question for the moderator", func() bool {
		r := ts.do(t, "GET", sp+"/activities/"+qna.ID+"/questions?status=pending", "", mod...)
		return r.Status == http.StatusOK && strings.Contains(string(r.Body), "pendingquestion")
	})
	mustStatus(t, ts.do(t, "PATCH", sp+"/activities/"+open.ID+"/entries/"+entry, `{"hidden":true}`, mod...), http.StatusOK)
	mustStatus(t, ts.do(t, "PATCH", sp+"/activities/"+qna.ID+"/questions/"+qid, `{"status":"approved"}`, mod...), http.StatusOK)
	for _, tc := range []struct{ method, path, body string }{
		{"PATCH", sp, `{"name":"mine now"}`},
		{"POST", sp + "/activities", `{"type":"qna","title":"x"}`},
		{"DELETE", sp + "/activities/" + open.ID, ""},
		{"POST", sp + "/duplicate", ""},
		{"POST", sp + "/moderator-token", ""},
		{"POST", sp + "/invitations", `{"email":"x@example.com","role":"co-host"}`},
		{"DELETE", sp + "/participants/" + ana.ID, ""},
		{"DELETE", sp + "/admin-token", ""},
		{"GET", sp + "/activities", ""},
		{"GET", sp + "/participants", ""},
		{"GET", sp + "/export.json", ""},
		{"GET", sp + "/state?view=admin", ""},
	} {
		r := ts.do(t, tc.method, tc.path, tc.body, mod...)
		if r.Status != http.StatusForbidden {
			t.Errorf("moderator %s %s: %d %s, want 403", tc.method, tc.path, r.Status, r.Body)
		}
	}

	// A co-host runs the session, reads the organizer's documents, and
	// cannot revoke the admin link.
	cohost := ts.signUp(t, "co@example.com", "Co")
	mustStatus(t, ts.do(t, "POST", "/api/v1/invitations/"+invite("co-host")+"/accept", "", cohost...), http.StatusOK)
	mustStatus(t, ts.do(t, "PATCH", sp, `{"name":"Co-run"}`, cohost...), http.StatusOK)
	mustStatus(t, ts.do(t, "GET", sp+"/activities", "", cohost...), http.StatusOK)
	mustStatus(t, ts.do(t, "GET", sp+"/participants", "", cohost...), http.StatusOK)
	eventually(t, 3*time.Second, "the admin view for the co-host", func() bool {
		r := ts.do(t, "GET", sp+"/state?view=admin", "", cohost...)
		return r.Status == http.StatusOK && strings.Contains(string(r.Body), "Co-run")
	})
	if r := ts.do(t, "DELETE", sp+"/admin-token", "", cohost...); r.Status != http.StatusForbidden {
		t.Errorf("co-host revokes the admin link: %d", r.Status)
	}
	// A stranger's account has nothing; another session's roles open nothing.
	stranger := ts.signUp(t, "str@example.com", "Str")
	for _, c := range [][]string{stranger, append([]string{}, owner...)} {
		other := ts.createSession(t, "Other")
		if r := ts.do(t, "PATCH", "/api/v1/sessions/"+other.ID, `{"name":"x"}`, c...); r.Status != http.StatusForbidden {
			t.Errorf("an account without a role in the session: %d", r.Status)
		}
	}
	if r := ts.do(t, "GET", sp+"/activities", "", stranger...); r.Status != http.StatusForbidden {
		t.Errorf("a stranger reads the activities: %d", r.Status)
	}

	// The owner removes the moderator: refused from then on.
	var modID string
	if err := ts.DB.SQL.QueryRow(`SELECT id::text FROM accounts WHERE email = 'mod@example.com'`).Scan(&modID); err != nil {
		t.Fatal(err)
	}
	mustStatus(t, ts.do(t, "DELETE", sp+"/members/"+modID, "", owner...), http.StatusNoContent)
	mustStatus(t, ts.do(t, "DELETE", sp+"/members/"+modID, "", owner...), http.StatusNotFound)
	if r := ts.do(t, "PATCH", sp+"/activities/"+open.ID+"/entries/"+entry, `{"hidden":false}`, mod...); r.Status != http.StatusForbidden {
		t.Errorf("a removed moderator moderates: %d", r.Status)
	}
	// The owner revokes the admin link: the token stops working, the
	// account keeps running the session.
	mustStatus(t, ts.do(t, "PATCH", sp, `{"name":"By token"}`, ts.admin(s)...), http.StatusOK)
	if r := ts.do(t, "DELETE", sp+"/admin-token", "", ts.admin(s)...); r.Status != http.StatusUnauthorized {
		t.Errorf("the admin token revokes itself: %d", r.Status)
	}
	mustStatus(t, ts.do(t, "DELETE", sp+"/admin-token", "", owner...), http.StatusNoContent)
	if r := ts.do(t, "PATCH", sp, `{"name":"x"}`, ts.admin(s)...); r.Status != http.StatusForbidden {
		t.Errorf("the revoked admin token: %d %s", r.Status, r.Body)
	}
	eventually(t, 3*time.Second, "the admin view refuses the revoked token", func() bool {
		return ts.do(t, "GET", sp+"/state?view=admin", "", ts.admin(s)...).Status == http.StatusForbidden
	})
	mustStatus(t, ts.do(t, "PATCH", sp, `{"name":"By account"}`, owner...), http.StatusOK)
	mustStatus(t, ts.do(t, "GET", sp+"/export.json", "", owner...), http.StatusOK)

	// Deleting and transferring are the owner's: the owner hands the
	// session to the co-host, who may then delete it.
	if r := ts.do(t, "DELETE", sp, "", cohost...); r.Status != http.StatusForbidden {
		t.Errorf("a co-host deletes the session: %d", r.Status)
	}
	var coID string
	if err := ts.DB.SQL.QueryRow(`SELECT id::text FROM accounts WHERE email = 'co@example.com'`).Scan(&coID); err != nil {
		t.Fatal(err)
	}
	if r := ts.do(t, "POST", sp+"/transfer", `{"account_id":"`+coID+`"}`, cohost...); r.Status != http.StatusForbidden {
		t.Errorf("a co-host transfers the session: %d", r.Status)
	}
	if r := ts.do(t, "POST", sp+"/transfer", `{"account_id":"`+modID+`"}`, owner...); r.Status != http.StatusUnprocessableEntity {
		t.Errorf("transfer to a non-member: %d %s", r.Status, r.Body)
	}
	tr := ts.do(t, "POST", sp+"/transfer", `{"account_id":"`+coID+`"}`, owner...)
	if tr.Status != http.StatusOK || tr.json(t)["admin_id"] != "Co" {
		t.Fatalf("transfer: %d %s", tr.Status, tr.Body)
	}
	if l := ts.do(t, "GET", "/api/v1/me/sessions", "", owner...); !strings.Contains(string(l.Body), `"role":"co-host"`) {
		t.Errorf("the old owner's list after the transfer: %s", l.Body)
	}
	if r := ts.do(t, "DELETE", sp, "", owner...); r.Status != http.StatusForbidden {
		t.Errorf("the old owner deletes: %d", r.Status)
	}
	mustStatus(t, ts.do(t, "DELETE", sp, "", cohost...), http.StatusNoContent)
	eventually(t, 10*time.Second, "the deleted session gone", func() bool {
		return ts.do(t, "GET", sp, "").Status == http.StatusNotFound && ts.do(t, "GET", sp+"/activities", "", cohost...).Status >= 400
	})
}
