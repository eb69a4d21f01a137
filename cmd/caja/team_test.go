package main

import (
	"encoding/json"
	"fmt"
	"net/http"
	"testing"
)

type teamDoc struct {
	Owner *struct {
		AccountID   string `json:"account_id"`
		DisplayName string `json:"display_name"`
		Email       string `json:"email"`
	} `json:"owner"`
	Members []struct {
		AccountID   string `json:"account_id"`
		DisplayName string `json:"display_name"`
		Email       string `json:"email"`
		Role        string `json:"role"`
		Since       string `json:"since"`
	} `json:"members"`
	Invitations []struct {
		Email     string `json:"email"`
		Role      string `json:"role"`
		ExpiresAt string `json:"expires_at"`
	} `json:"invitations"`
	YourRole  string `json:"your_role"`
	AdminLink bool   `json:"admin_link"`
}

func (ts *testServer) team(t *testing.T, sessionID string, headers ...string) teamDoc {
	t.Helper()
	r := ts.do(t, "GET", "/api/v1/sessions/"+sessionID+"/members", "", headers...)
	mustStatus(t, r, http.StatusOK)
	if cc := r.Header.Get("Cache-Control"); cc != "private, no-store" {
		t.Errorf("team Cache-Control %q", cc)
	}
	var d teamDoc
	if err := json.Unmarshal(r.Body, &d); err != nil {
		t.Fatalf("team: %v: %s", err, r.Body)
	}
	return d
}

func (ts *testServer) accountID(t *testing.T, email string) string {
	t.Helper()
	var id string
	if err := ts.DB.SQL.QueryRow(`SELECT id::text FROM accounts WHERE email = $1`, email).Scan(&id); err != nil {
		t.Fatal(err)
	}
	return id
}

// TestTeam_OwnerSeesAndManagesTheTeam: the dashboard's team list shows the
// owner, each member with their role and the open invitations, to the
// owner, a co-host and the admin link, never to a moderator or a
// stranger; removing and transferring show in it.
func TestTeam_OwnerSeesAndManagesTheTeam(t *testing.T) {
	t.Parallel()
	ts := startServer(t, serverEnv(t))
	owner := ts.signUp(t, "own@example.com", "Owner")
	r := ts.do(t, "POST", "/api/v1/sessions", `{"name":"Team"}`, owner...)
	mustStatus(t, r, http.StatusCreated)
	sid, token := r.json(t)["id"].(string), r.json(t)["admin_token"].(string)
	sp := "/api/v1/sessions/" + sid
	invite := func(email, role string) string {
		t.Helper()
		r := ts.do(t, "POST", sp+"/invitations", fmt.Sprintf(`{"email":%q,"role":%q}`, email, role), owner...)
		mustStatus(t, r, http.StatusCreated)
		return r.json(t)["token"].(string)
	}
	cohost, mod, stranger := ts.signUp(t, "co@example.com", "Co"), ts.signUp(t, "mod@example.com", "Mo"), ts.signUp(t, "str@example.com", "Str")
	mustStatus(t, ts.do(t, "POST", "/api/v1/invitations/"+invite("co@example.com", "co-host")+"/accept", "", cohost...), http.StatusOK)
	mustStatus(t, ts.do(t, "POST", "/api/v1/invitations/"+invite("mod@example.com", "moderator")+"/accept", "", mod...), http.StatusOK)
	invite("later@example.com", "moderator")

	d := ts.team(t, sid, owner...)
	if d.Owner == nil || d.Owner.Email != "own@example.com" || d.Owner.DisplayName != "Owner" || d.YourRole != "owner" || !d.AdminLink {
		t.Fatalf("owner's view of the team: %+v", d)
	}
	if len(d.Members) != 2 || d.Members[0].Email != "co@example.com" || d.Members[0].Role != "co-host" || d.Members[1].Role != "moderator" || d.Members[1].DisplayName != "Mo" || d.Members[0].Since == "" {
		t.Errorf("members: %+v", d.Members)
	}
	if len(d.Invitations) != 1 || d.Invitations[0].Email != "later@example.com" || d.Invitations[0].ExpiresAt == "" {
		t.Errorf("open invitations (the accepted ones are used): %+v", d.Invitations)
	}
	if d := ts.team(t, sid, "Authorization", "Bearer "+token); d.YourRole != "owner" || len(d.Members) != 2 {
		t.Errorf("by the admin link: %+v", d)
	}
	if d := ts.team(t, sid, cohost...); d.YourRole != "co-host" {
		t.Errorf("co-host's role: %q", d.YourRole)
	}
	for name, tc := range map[string]struct {
		headers []string
		status  int
		code    string
	}{
		"moderator":   {mod, http.StatusForbidden, "role_insufficient"},
		"stranger":    {stranger, http.StatusForbidden, "role_insufficient"},
		"nobody":      {nil, http.StatusUnauthorized, "admin_token_required"},
		"wrong token": {[]string{"Authorization", "Bearer " + token + "x"}, http.StatusForbidden, "admin_token_wrong"},
	} {
		r := ts.do(t, "GET", sp+"/members", "", tc.headers...)
		if r.Status != tc.status || problemCode(t, r) != tc.code {
			t.Errorf("%s reads the team: %d %s", name, r.Status, r.Body)
		}
	}

	// A link sent to the wrong address is cancelled: it opens nothing, and
	// is off the list.
	wrong := invite("wrong@example.com", "co-host")
	for _, tc := range []struct {
		query   string
		headers []string
		status  int
		code    string
	}{
		{"?email=nobody@example.com", owner, http.StatusNotFound, "invitation_not_found"},
		{"?email=not-an-email", owner, http.StatusUnprocessableEntity, "validation_failed"},
		{"", owner, http.StatusUnprocessableEntity, "validation_failed"},
		{"?email=wrong@example.com", mod, http.StatusForbidden, "role_insufficient"},
	} {
		if r := ts.do(t, "DELETE", sp+"/invitations"+tc.query, "", tc.headers...); r.Status != tc.status || problemCode(t, r) != tc.code {
			t.Errorf("revoke %q: %d %s", tc.query, r.Status, r.Body)
		}
	}
	mustStatus(t, ts.do(t, "DELETE", sp+"/invitations?email=Wrong@Example.com", "", cohost...), http.StatusNoContent)
	if r := ts.do(t, "POST", "/api/v1/invitations/"+wrong+"/accept", "", stranger...); r.Status != http.StatusNotFound {
		t.Errorf("a cancelled invitation accepted: %d %s", r.Status, r.Body)
	}
	if d := ts.team(t, sid, owner...); len(d.Invitations) != 1 || d.Invitations[0].Email != "later@example.com" {
		t.Errorf("invitations after cancelling one: %+v", d.Invitations)
	}

	// The owner removes the moderator and hands the session to the co-host.
	mustStatus(t, ts.do(t, "DELETE", sp+"/members/"+ts.accountID(t, "mod@example.com"), "", owner...), http.StatusNoContent)
	mustStatus(t, ts.do(t, "POST", sp+"/transfer", fmt.Sprintf(`{"account_id":%q}`, ts.accountID(t, "co@example.com")), owner...), http.StatusOK)
	d = ts.team(t, sid, cohost...)
	if d.Owner == nil || d.Owner.Email != "co@example.com" || d.YourRole != "owner" || len(d.Members) != 1 || d.Members[0].Email != "own@example.com" || d.Members[0].Role != "co-host" {
		t.Errorf("after removing and transferring: %+v", d)
	}

	// A session made without an account has no owner to show.
	anon := ts.createSession(t, "Anonymous")
	if d := ts.team(t, anon.ID, ts.admin(anon)...); d.Owner != nil || len(d.Members) != 0 || d.YourRole != "owner" || !d.AdminLink {
		t.Errorf("anonymous session's team: %+v", d)
	}
}

// TestTeam_Bounds: at most 50 open invitations and 50 members per session;
// expired invitations make room; a member changing role is not new.
func TestTeam_Bounds(t *testing.T) {
	t.Parallel()
	ts := startServer(t, serverEnv(t))
	owner := ts.signUp(t, "own@example.com", "Owner")
	r := ts.do(t, "POST", "/api/v1/sessions", `{"name":"Bounds"}`, owner...)
	mustStatus(t, r, http.StatusCreated)
	sid := r.json(t)["id"].(string)
	sp := "/api/v1/sessions/" + sid
	invite := func(i int) response {
		t.Helper()
		return ts.do(t, "POST", sp+"/invitations", fmt.Sprintf(`{"email":"p%d@example.com","role":"moderator"}`, i), owner...)
	}
	var first string
	for i := range 50 {
		r := invite(i)
		mustStatus(t, r, http.StatusCreated)
		if i == 0 {
			first = r.json(t)["token"].(string)
		}
	}
	if r := invite(50); r.Status != http.StatusConflict || problemCode(t, r) != "too_many_invitations" {
		t.Fatalf("51st open invitation: %d %s", r.Status, r.Body)
	}
	if d := ts.team(t, sid, owner...); len(d.Invitations) != 50 {
		t.Errorf("listed invitations: %d", len(d.Invitations))
	}
	if _, err := ts.DB.SQL.Exec(`UPDATE session_invitations SET expires_at = now() - interval '1 second' WHERE session_id = $1 AND email = 'p1@example.com'`, sid); err != nil {
		t.Fatal(err)
	}
	mustStatus(t, invite(51), http.StatusCreated)

	// 49 members put in directly (signing up 49 accounts is slow), then
	// one accepted invitation fills the team.
	for i := range 49 {
		_, err := ts.DB.SQL.Exec(`WITH a AS (INSERT INTO accounts (id, email, display_name, created_at) VALUES (gen_random_uuid(), $1, 'M', now()) RETURNING id)
			INSERT INTO session_members (session_id, account_id, role, created_at) SELECT $2, id, 'moderator', now() FROM a`, fmt.Sprintf("m%d@example.com", i), sid)
		if err != nil {
			t.Fatal(err)
		}
	}
	fiftieth := ts.signUp(t, "p0@example.com", "Fifty")
	mustStatus(t, ts.do(t, "POST", "/api/v1/invitations/"+first+"/accept", "", fiftieth...), http.StatusOK)
	if _, err := ts.DB.SQL.Exec(`UPDATE session_invitations SET expires_at = now() - interval '1 second' WHERE session_id = $1`, sid); err != nil {
		t.Fatal(err)
	}
	late := ts.signUp(t, "late@example.com", "Late")
	promote := ts.do(t, "POST", sp+"/invitations", `{"email":"p0@example.com","role":"co-host"}`, owner...)
	mustStatus(t, promote, http.StatusCreated)
	full := ts.do(t, "POST", sp+"/invitations", `{"email":"late@example.com","role":"moderator"}`, owner...)
	mustStatus(t, full, http.StatusCreated)
	if r := ts.do(t, "POST", "/api/v1/invitations/"+full.json(t)["token"].(string)+"/accept", "", late...); r.Status != http.StatusConflict || problemCode(t, r) != "team_full" {
		t.Errorf("51st member: %d %s", r.Status, r.Body)
	}
	if r := ts.do(t, "POST", "/api/v1/invitations/"+promote.json(t)["token"].(string)+"/accept", "", fiftieth...); r.Status != http.StatusOK || r.json(t)["role"] != "co-host" {
		t.Errorf("a member's new role in a full team: %d %s", r.Status, r.Body)
	}
	if d := ts.team(t, sid, owner...); len(d.Members) != 50 {
		t.Errorf("listed members: %d", len(d.Members))
	}
}
