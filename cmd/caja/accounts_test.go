package main

import (
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"
)

// sessionCookieOf is the caja_session cookie a response sets ("" if none).
func sessionCookieOf(t *testing.T, r response) *http.Cookie {
	t.Helper()
	for _, c := range (&http.Response{Header: r.Header}).Cookies() {
		if c.Name == "caja_session" {
			return c
		}
	}
	return nil
}

// signUp creates an account and returns its browser's cookie header value
// pair (for ts.do).
func (ts *testServer) signUp(t *testing.T, email, name string) []string {
	t.Helper()
	r := ts.do(t, "POST", "/api/v1/auth/signup", fmt.Sprintf(`{"email":%q,"password":"correct horse battery","display_name":%q}`, email, name))
	if r.Status != http.StatusCreated {
		t.Fatalf("sign up %s: %d %s", email, r.Status, r.Body)
	}
	c := sessionCookieOf(t, r)
	if c == nil || c.Value == "" {
		t.Fatalf("sign up set no session cookie: %v", r.Header)
	}
	return []string{"Cookie", "caja_session=" + c.Value}
}

// logIn signs in and returns the new browser's cookie header pair.
func (ts *testServer) logIn(t *testing.T, email, password string) []string {
	t.Helper()
	r := ts.do(t, "POST", "/api/v1/auth/login", fmt.Sprintf(`{"email":%q,"password":%q}`, email, password))
	if r.Status != http.StatusOK {
		t.Fatalf("log in %s: %d %s", email, r.Status, r.Body)
	}
	c := sessionCookieOf(t, r)
	if c == nil || c.Value == "" {
		t.Fatalf("log in set no session cookie: %v", r.Header)
	}
	return []string{"Cookie", "caja_session=" + c.Value}
}

func problemCode(t *testing.T, r response) string {
	t.Helper()
	var p struct {
		Code string `json:"code"`
	}
	_ = json.Unmarshal(r.Body, &p)
	return p.Code
}

func TestAccounts_SignUpLogInMeLogOut(t *testing.T) {
	t.Parallel()
	ts := startServer(t, serverEnv(t))

	r := ts.do(t, "POST", "/api/v1/auth/signup", `{"email":"  Ana@Example.COM ","password":"correct horse battery","display_name":"Ana"}`)
	if r.Status != http.StatusCreated {
		t.Fatalf("sign up: %d %s", r.Status, r.Body)
	}
	acc := r.json(t)
	if acc["email"] != "ana@example.com" || acc["display_name"] != "Ana" || acc["id"] == nil {
		t.Errorf("sign up: %v", acc)
	}
	if strings.Contains(string(r.Body), "password") {
		t.Errorf("the account document mentions the password: %s", r.Body)
	}
	ck := sessionCookieOf(t, r)
	if ck == nil || !ck.HttpOnly || ck.SameSite != http.SameSiteLaxMode || ck.Secure || ck.MaxAge != 14*24*3600 || ck.Path != "/" {
		t.Fatalf("session cookie: %+v", ck)
	}
	first := []string{"Cookie", "caja_session=" + ck.Value}
	if me := ts.do(t, "GET", "/api/v1/auth/me", "", first...); me.Status != http.StatusOK || me.json(t)["email"] != "ana@example.com" {
		t.Errorf("me: %d %s", me.Status, me.Body)
	}
	if me := ts.do(t, "GET", "/api/v1/auth/me", ""); me.Status != http.StatusUnauthorized || problemCode(t, me) != "sign_in_required" {
		t.Errorf("me without a cookie: %d %s", me.Status, me.Body)
	}

	// The email is unique after normalisation, by the database.
	if dup := ts.do(t, "POST", "/api/v1/auth/signup", `{"email":"ana@example.com","password":"another long one"}`); dup.Status != http.StatusConflict || problemCode(t, dup) != "email_taken" {
		t.Errorf("second sign-up: %d %s", dup.Status, dup.Body)
	}
	for body, field := range map[string]string{
		`{"email":"ana2@example.com","password":"short"}`:                  "password",
		`{"email":"not an email","password":"long enough pass"}`:           "email",
		`{"email":"ana3@example.com","password":"long enough pass","x":1}`: "x",
	} {
		bad := ts.do(t, "POST", "/api/v1/auth/signup", body)
		if bad.Status != http.StatusUnprocessableEntity || !strings.Contains(string(bad.Body), `"field":"`+field+`"`) {
			t.Errorf("sign up %s: %d %s, want 422 naming %s", body, bad.Status, bad.Body, field)
		}
	}

	// Wrong password and unknown email get the same answer.
	wrong := ts.do(t, "POST", "/api/v1/auth/login", `{"email":"ana@example.com","password":"wrong password!"}`)
	unknown := ts.do(t, "POST", "/api/v1/auth/login", `{"email":"nobody@example.com","password":"wrong password!"}`)
	if wrong.Status != http.StatusUnauthorized || unknown.Status != wrong.Status || string(wrong.Body) != string(unknown.Body) || problemCode(t, wrong) != "invalid_credentials" {
		t.Errorf("wrong password %d %s; unknown email %d %s", wrong.Status, wrong.Body, unknown.Status, unknown.Body)
	}
	if sessionCookieOf(t, wrong) != nil {
		t.Error("a failed sign-in set a cookie")
	}

	// Signing in rotates the session: the browser's old token stops working.
	login := ts.do(t, "POST", "/api/v1/auth/login", `{"email":"ANA@example.com","password":"correct horse battery"}`, first...)
	if login.Status != http.StatusOK {
		t.Fatalf("log in: %d %s", login.Status, login.Body)
	}
	second := []string{"Cookie", "caja_session=" + sessionCookieOf(t, login).Value}
	if second[1] == first[1] {
		t.Fatal("sign-in kept the session id")
	}
	if me := ts.do(t, "GET", "/api/v1/auth/me", "", first...); me.Status != http.StatusUnauthorized {
		t.Errorf("the session before sign-in still works: %d", me.Status)
	}
	other := ts.logIn(t, "ana@example.com", "correct horse battery") // another browser

	out := ts.do(t, "POST", "/api/v1/auth/logout", "", second...)
	if out.Status != http.StatusNoContent || sessionCookieOf(t, out) == nil || sessionCookieOf(t, out).MaxAge >= 0 {
		t.Errorf("log out: %d %v", out.Status, out.Header)
	}
	if me := ts.do(t, "GET", "/api/v1/auth/me", "", second...); me.Status != http.StatusUnauthorized {
		t.Errorf("me after log out: %d", me.Status)
	}
	if me := ts.do(t, "GET", "/api/v1/auth/me", "", other...); me.Status != http.StatusOK {
		t.Errorf("another browser was signed out too: %d", me.Status)
	}
	var stored int
	if err := ts.DB.SQL.QueryRow(`SELECT count(*) FROM account_sessions WHERE token_hash = $1`, []byte(strings.TrimPrefix(other[1], "caja_session="))).Scan(&stored); err != nil || stored != 0 {
		t.Errorf("a session token is stored as is (%d rows, %v)", stored, err)
	}
	var phc string
	if err := ts.DB.SQL.QueryRow(`SELECT password_hash FROM accounts`).Scan(&phc); err != nil || !strings.HasPrefix(phc, "$argon2id$v=19$m=19456,t=2,p=1$") {
		t.Errorf("password hash %q (%v): want argon2id at OWASP's parameters", phc, err)
	}
}

func TestAccounts_SecureCookieOverHTTPS(t *testing.T) {
	t.Parallel()
	env := serverEnv(t)
	env["FRONTEND_URL"] = "https://caja.test"
	ts := startServer(t, env)
	r := ts.do(t, "POST", "/api/v1/auth/signup", `{"email":"bo@example.com","password":"correct horse battery"}`)
	if c := sessionCookieOf(t, r); r.Status != http.StatusCreated || c == nil || !c.Secure {
		t.Fatalf("sign-up over https: %d, cookie %+v", r.Status, c)
	}
}

func TestAccounts_CrossSiteWritesAre403(t *testing.T) {
	t.Parallel()
	ts := startServer(t, serverEnv(t))
	cookie := ts.signUp(t, "cy@example.com", "Cy")
	body := `{"name":"Mine","admin_id":"x"}`
	tests := []struct {
		name    string
		headers []string
		want    int
	}{
		{"SameOrigin", []string{"Sec-Fetch-Site", "same-origin"}, http.StatusCreated},
		{"NoBrowser", nil, http.StatusCreated},
		{"AllowedOrigin", []string{"Sec-Fetch-Site", "same-site", "Origin", "http://localhost:5173"}, http.StatusCreated},
		{"OwnOrigin", []string{"Origin", ts.URL}, http.StatusCreated},
		{"CrossSite", []string{"Sec-Fetch-Site", "cross-site", "Origin", "https://evil.example"}, http.StatusForbidden},
		{"CrossSiteNoOrigin", []string{"Sec-Fetch-Site", "cross-site"}, http.StatusForbidden},
		{"OldBrowserForeignOrigin", []string{"Origin", "https://evil.example"}, http.StatusForbidden},
		{"NullOrigin", []string{"Sec-Fetch-Site", "cross-site", "Origin", "null"}, http.StatusForbidden},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := ts.do(t, "POST", "/api/v1/sessions", body, append(append([]string{}, cookie...), tt.headers...)...)
			if r.Status != tt.want {
				t.Fatalf("%d %s, want %d", r.Status, r.Body, tt.want)
			}
			if r.Status == http.StatusForbidden && problemCode(t, r) != "cross_site_request" {
				t.Errorf("code %q", problemCode(t, r))
			}
		})
	}
	// A cross-site sign-in (login CSRF) is refused too, cookie or not.
	if r := ts.do(t, "POST", "/api/v1/auth/login", `{"email":"cy@example.com","password":"correct horse battery"}`, "Sec-Fetch-Site", "cross-site", "Origin", "https://evil.example"); r.Status != http.StatusForbidden {
		t.Errorf("cross-site login: %d", r.Status)
	}
	// Reads and anonymous writes of other sites are not refused.
	if r := ts.do(t, "GET", "/api/v1/auth/me", "", append(append([]string{}, cookie...), "Sec-Fetch-Site", "cross-site")...); r.Status != http.StatusOK {
		t.Errorf("cross-site read: %d", r.Status)
	}
	if r := ts.do(t, "POST", "/api/v1/sessions", body, "Sec-Fetch-Site", "cross-site"); r.Status != http.StatusCreated {
		t.Errorf("anonymous cross-site create: %d", r.Status)
	}
}

func TestAccounts_LogInIsRateLimited(t *testing.T) {
	t.Parallel()
	env := serverEnv(t)
	env["CAJA_LOGIN_ACCOUNT_RATE"] = "3"
	env["CAJA_LOGIN_RATE"] = "5"
	ts := startServer(t, env)
	ts.signUp(t, "dee@example.com", "Dee") // 1 per address, 1 for the account
	attempt := func(email string) int {
		return ts.do(t, "POST", "/api/v1/auth/login", fmt.Sprintf(`{"email":%q,"password":"guess guess guess"}`, email)).Status
	}
	for i := 0; i < 2; i++ {
		if s := attempt("dee@example.com"); s != http.StatusUnauthorized {
			t.Fatalf("attempt %d: %d", i, s)
		}
	}
	r := ts.do(t, "POST", "/api/v1/auth/login", `{"email":" DEE@example.com","password":"guess guess guess"}`)
	if r.Status != http.StatusTooManyRequests || r.Header.Get("Retry-After") == "" {
		t.Fatalf("4th attempt on one account: %d %v", r.Status, r.Header)
	}
	// The address's own budget: 5 in all from here.
	if s := attempt("eve@example.com"); s != http.StatusUnauthorized {
		t.Fatalf("another account: %d", s)
	}
	if s := attempt("fay@example.com"); s != http.StatusTooManyRequests {
		t.Fatalf("6th attempt from one address: %d", s)
	}
}

func TestAccounts_SessionsFollowTheAccount(t *testing.T) {
	t.Parallel()
	ts := startServer(t, serverEnv(t))
	laptop := ts.signUp(t, "gus@example.com", "Gus Organizer")
	r := ts.do(t, "POST", "/api/v1/sessions", `{"name":"Keynote","admin_id":"typed by anyone"}`, laptop...)
	if r.Status != http.StatusCreated || r.json(t)["admin_id"] != "Gus Organizer" {
		t.Fatalf("create signed in: %d %s", r.Status, r.Body)
	}
	mine := r.json(t)["id"].(string)
	var owner *string
	if err := ts.DB.SQL.QueryRow(`SELECT owner_id::text FROM sessions WHERE id = $1`, mine).Scan(&owner); err != nil || owner == nil {
		t.Fatalf("owner_id %v (%v)", owner, err)
	}
	anon := ts.createSession(t, "Anonymous")
	for i := 0; i < 2; i++ {
		ts.do(t, "POST", "/api/v1/sessions", fmt.Sprintf(`{"name":"More %d"}`, i), laptop...)
	}

	// A second browser finds them.
	phone := ts.logIn(t, "gus@example.com", "correct horse battery")
	list := ts.do(t, "GET", "/api/v1/me/sessions", "", phone...)
	var page struct {
		Sessions []struct {
			ID, Name, Status, Role string
			CreatedAt              string `json:"created_at"`
			UpdatedAt              string `json:"updated_at"`
		} `json:"sessions"`
		NextCursor string `json:"next_cursor"`
	}
	if err := json.Unmarshal(list.Body, &page); list.Status != http.StatusOK || err != nil || len(page.Sessions) != 3 || page.NextCursor != "" {
		t.Fatalf("me/sessions: %d %s", list.Status, list.Body)
	}
	if s := page.Sessions[2]; s.ID != mine || s.Role != "owner" || s.Status != "draft" || s.CreatedAt == "" || s.UpdatedAt == "" {
		t.Errorf("oldest entry: %+v", s)
	}
	if list.Header.Get("Cache-Control") != "private, no-store" {
		t.Errorf("Cache-Control %q", list.Header.Get("Cache-Control"))
	}
	// Paged.
	var seen []string
	cursor := ""
	for range 4 {
		p := ts.do(t, "GET", "/api/v1/me/sessions?limit=2&cursor="+cursor, "", phone...)
		var pg struct {
			Sessions []struct{ ID string } `json:"sessions"`
			Next     string                `json:"next_cursor"`
		}
		_ = json.Unmarshal(p.Body, &pg)
		for _, s := range pg.Sessions {
			seen = append(seen, s.ID)
		}
		if cursor = pg.Next; cursor == "" {
			break
		}
	}
	if len(seen) != 3 || seen[2] != mine {
		t.Errorf("paged: %v", seen)
	}
	for _, q := range []string{"limit=0", "limit=201", "limit=x", "cursor=nope"} {
		if p := ts.do(t, "GET", "/api/v1/me/sessions?"+q, "", phone...); p.Status != http.StatusUnprocessableEntity {
			t.Errorf("%s: %d", q, p.Status)
		}
	}
	if p := ts.do(t, "GET", "/api/v1/me/sessions", ""); p.Status != http.StatusUnauthorized {
		t.Errorf("me/sessions signed out: %d", p.Status)
	}

	// Claiming the anonymous session with its admin token.
	claimPath := "/api/v1/sessions/" + anon.ID + "/claim"
	if c := ts.do(t, "POST", claimPath, "", phone...); c.Status != http.StatusUnauthorized || problemCode(t, c) != "admin_token_required" {
		t.Errorf("claim without the token: %d %s", c.Status, c.Body)
	}
	if c := ts.do(t, "POST", claimPath, "", "Authorization", "Bearer "+anon.AdminToken); c.Status != http.StatusUnauthorized || problemCode(t, c) != "sign_in_required" {
		t.Errorf("claim signed out: %d %s", c.Status, c.Body)
	}
	if c := ts.do(t, "POST", claimPath, "", append([]string{"Authorization", "Bearer " + ts.createSession(t, "x").AdminToken}, phone...)...); c.Status != http.StatusForbidden {
		t.Errorf("claim with another session's token: %d %s", c.Status, c.Body)
	}
	c := ts.do(t, "POST", claimPath, "", append([]string{"Authorization", "Bearer " + anon.AdminToken}, phone...)...)
	if c.Status != http.StatusOK || c.json(t)["admin_id"] != "Gus Organizer" {
		t.Fatalf("claim: %d %s", c.Status, c.Body)
	}
	if l := ts.do(t, "GET", "/api/v1/me/sessions", "", laptop...); !strings.Contains(string(l.Body), anon.ID) {
		t.Errorf("the claimed session is not listed: %s", l.Body)
	}
	// The admin token keeps working, and another account cannot claim it.
	if p := ts.do(t, "PATCH", "/api/v1/sessions/"+anon.ID, `{"name":"Renamed"}`, ts.admin(anon)...); p.Status != http.StatusOK {
		t.Errorf("admin token after the claim: %d", p.Status)
	}
	thief := ts.signUp(t, "hal@example.com", "Hal")
	if c := ts.do(t, "POST", claimPath, "", append([]string{"Authorization", "Bearer " + anon.AdminToken}, thief...)...); c.Status != http.StatusConflict || problemCode(t, c) != "session_owned" {
		t.Errorf("claim of an owned session: %d %s", c.Status, c.Body)
	}
	if l := ts.do(t, "GET", "/api/v1/me/sessions", "", thief...); strings.Contains(string(l.Body), anon.ID) || strings.Contains(string(l.Body), mine) {
		t.Errorf("another account lists Gus's sessions: %s", l.Body)
	}
}

func TestAuthMode_AccountsAndSSO(t *testing.T) {
	t.Parallel()
	t.Run("Accounts", func(t *testing.T) {
		t.Parallel()
		env := serverEnv(t)
		env["CAJA_AUTH"] = "accounts"
		ts := startServer(t, env)
		if r := ts.do(t, "POST", "/api/v1/sessions", `{"name":"x","admin_id":"ana"}`); r.Status != http.StatusUnauthorized || problemCode(t, r) != "sign_in_required" {
			t.Errorf("anonymous create: %d %s", r.Status, r.Body)
		}
		cookie := ts.signUp(t, "ida@example.com", "Ida")
		if r := ts.do(t, "POST", "/api/v1/sessions", `{"name":"x"}`, cookie...); r.Status != http.StatusCreated {
			t.Errorf("signed-in create: %d %s", r.Status, r.Body)
		}
	})
	t.Run("SSO", func(t *testing.T) {
		t.Parallel()
		env := serverEnv(t)
		env["CAJA_AUTH"] = "sso"
		env["CAJA_OIDC_ISSUER"] = "http://" + freePort(t) // nobody there: not asked here
		env["CAJA_OIDC_CLIENT_ID"] = "caja"
		ts := startServer(t, env)
		for _, path := range []string{"/api/v1/auth/signup", "/api/v1/auth/login"} {
			if r := ts.do(t, "POST", path, `{"email":"jo@example.com","password":"correct horse battery"}`); r.Status != http.StatusForbidden || problemCode(t, r) != "sign_up_closed" {
				t.Errorf("%s: %d %s", path, r.Status, r.Body)
			}
		}
		if r := ts.do(t, "POST", "/api/v1/sessions", `{"name":"x","admin_id":"ana"}`); r.Status != http.StatusUnauthorized {
			t.Errorf("anonymous create: %d %s", r.Status, r.Body)
		}
	})
}

// TestAccounts_EmbeddedMode: accounts, ownership and the list work on the
// embedded SQLite as on Postgres.
func TestAccounts_EmbeddedMode(t *testing.T) {
	t.Parallel()
	ts := startServer(t, map[string]string{
		"CAJA_ADDR":                "127.0.0.1:0",
		"CAJA_DATA_DIR":            t.TempDir(),
		"CAJA_EMBEDDED_REDIS_ADDR": freePort(t),
	})
	cookie := ts.signUp(t, "emb@example.com", "Emb")
	if dup := ts.do(t, "POST", "/api/v1/auth/signup", `{"email":"EMB@example.com","password":"correct horse battery"}`); dup.Status != http.StatusConflict {
		t.Errorf("second sign-up: %d %s", dup.Status, dup.Body)
	}
	var ids []string
	for i := range 3 {
		r := ts.do(t, "POST", "/api/v1/sessions", fmt.Sprintf(`{"name":"S%d"}`, i), cookie...)
		mustStatus(t, r, http.StatusCreated)
		ids = append(ids, r.json(t)["id"].(string))
	}
	var seen []string
	cursor := ""
	for range 4 {
		p := ts.do(t, "GET", "/api/v1/me/sessions?limit=2&cursor="+cursor, "", ts.logIn(t, "emb@example.com", "correct horse battery")...)
		var pg struct {
			Sessions []struct{ ID string } `json:"sessions"`
			Next     string                `json:"next_cursor"`
		}
		_ = json.Unmarshal(p.Body, &pg)
		for _, s := range pg.Sessions {
			seen = append(seen, s.ID)
		}
		if cursor = pg.Next; cursor == "" {
			break
		}
	}
	if len(seen) != 3 || seen[0] != ids[2] || seen[2] != ids[0] {
		t.Errorf("paged %v, want %v newest first", seen, ids)
	}
}

// ownedSession creates a session signed in, with a poll answered by one
// participant.
func (ts *testServer) ownedSession(t *testing.T, cookie []string, name string) (created, participant) {
	t.Helper()
	r := ts.do(t, "POST", "/api/v1/sessions", fmt.Sprintf(`{"name":%q}`, name), cookie...)
	mustStatus(t, r, http.StatusCreated)
	var s created
	if err := json.Unmarshal(r.Body, &s); err != nil {
		t.Fatal(err)
	}
	poll := ts.createActivity(t, s, `{"type":"poll","title":"Which?","options":[{"label":"a"},{"label":"b"}]}`)
	ts.present(t, s, poll.ID)
	p := ts.join(t, s, "pat")
	mustStatus(t, ts.answer(t, s, poll.ID, p, `{"option_ids":["`+poll.Options[0].ID+`"]}`), http.StatusCreated)
	return s, p
}

func TestAccounts_ExportAndDeletion(t *testing.T) {
	t.Parallel()
	ts := startServer(t, serverEnv(t))
	kim := ts.signUp(t, "kim@example.com", "Kim")
	s1, _ := ts.ownedSession(t, kim, "First")
	s2, p2 := ts.ownedSession(t, kim, "Second")

	var doc struct {
		Account  struct{ Email string } `json:"account"`
		Sessions []struct {
			ID     string `json:"id"`
			Role   string `json:"role"`
			Export struct {
				Answers []map[string]any `json:"answers"`
			} `json:"export"`
		} `json:"sessions"`
	}
	eventually(t, 5*time.Second, "both sessions' answers in the account export", func() bool {
		r := ts.do(t, "GET", "/api/v1/me/export", "", kim...)
		if r.Status != http.StatusOK || r.Header.Get("Cache-Control") != "private, no-store" || json.Unmarshal(r.Body, &doc) != nil {
			return false
		}
		return len(doc.Sessions) == 2 && len(doc.Sessions[0].Export.Answers) == 1 && len(doc.Sessions[1].Export.Answers) == 1
	})
	if doc.Account.Email != "kim@example.com" || doc.Sessions[0].ID != s2.ID || doc.Sessions[1].ID != s1.ID || doc.Sessions[0].Role != "owner" {
		t.Errorf("export: %+v", doc)
	}
	if r := ts.do(t, "GET", "/api/v1/me/export", ""); r.Status != http.StatusUnauthorized {
		t.Errorf("export signed out: %d", r.Status)
	}

	// Deleted with its sessions: participants' data goes too.
	if r := ts.do(t, "DELETE", "/api/v1/auth/me?with_sessions=maybe", "", kim...); r.Status != http.StatusUnprocessableEntity {
		t.Errorf("with_sessions=maybe: %d", r.Status)
	}
	del := ts.do(t, "DELETE", "/api/v1/auth/me?with_sessions=true", "", kim...)
	if del.Status != http.StatusNoContent || sessionCookieOf(t, del) == nil || sessionCookieOf(t, del).MaxAge >= 0 {
		t.Fatalf("delete: %d %v", del.Status, del.Header)
	}
	if r := ts.do(t, "GET", "/api/v1/auth/me", "", kim...); r.Status != http.StatusUnauthorized {
		t.Errorf("the deleted account's cookie: %d", r.Status)
	}
	for _, table := range []string{"accounts", "account_sessions", "participants", "responses"} {
		var n int
		if err := ts.DB.SQL.QueryRow(`SELECT count(*) FROM ` + table).Scan(&n); err != nil || n != 0 {
			t.Errorf("%s: %d rows left (%v)", table, n, err)
		}
	}
	eventually(t, 5*time.Second, "the deleted sessions gone from the read model", func() bool {
		return ts.do(t, "GET", "/api/v1/sessions/"+s1.ID, "").Status == http.StatusNotFound &&
			ts.do(t, "GET", "/api/v1/sessions/"+s2.ID+"/participants/me", "", "Authorization", "Bearer "+p2.Token).Status >= 400
	})
	if r := ts.do(t, "POST", "/api/v1/auth/login", `{"email":"kim@example.com","password":"correct horse battery"}`); r.Status != http.StatusUnauthorized {
		t.Errorf("sign-in of the deleted account: %d", r.Status)
	}

	// Deleted alone: the sessions stay, ownerless, run by their admin link.
	lee := ts.signUp(t, "lee@example.com", "Lee")
	s3, _ := ts.ownedSession(t, lee, "Kept")
	mustStatus(t, ts.do(t, "DELETE", "/api/v1/auth/me", "", lee...), http.StatusNoContent)
	mustStatus(t, ts.do(t, "PATCH", "/api/v1/sessions/"+s3.ID, `{"name":"Still mine"}`, ts.admin(s3)...), http.StatusOK)
	var owner *string
	if err := ts.DB.SQL.QueryRow(`SELECT owner_id::text FROM sessions WHERE id = $1`, s3.ID).Scan(&owner); err != nil || owner != nil {
		t.Errorf("owner after deletion: %v (%v)", owner, err)
	}
}

// TestAccounts_SessionExpiresWhenIdle: a browser session unused for 14 days
// opens nothing (and its row goes); one in use is written down at most once
// a minute, and its cookie renewed then.
func TestAccounts_SessionExpiresWhenIdle(t *testing.T) {
	t.Parallel()
	ts := startServer(t, serverEnv(t))
	cookie := ts.signUp(t, "idle@example.com", "Idle")
	hash := sha256.Sum256([]byte(strings.TrimPrefix(cookie[1], "caja_session=")))
	lastSeen := func() time.Time {
		t.Helper()
		var at time.Time
		if err := ts.DB.SQL.QueryRow(`SELECT last_seen_at FROM account_sessions WHERE token_hash = $1`, hash[:]).Scan(&at); err != nil {
			t.Fatal(err)
		}
		return at
	}
	setLastSeen := func(ago time.Duration) {
		t.Helper()
		if _, err := ts.DB.SQL.Exec(`UPDATE account_sessions SET last_seen_at = $1 WHERE token_hash = $2`, time.Now().Add(-ago), hash[:]); err != nil {
			t.Fatal(err)
		}
	}
	before := lastSeen()
	if r := ts.do(t, "GET", "/api/v1/auth/me", "", cookie...); r.Status != http.StatusOK || sessionCookieOf(t, r) != nil || !lastSeen().Equal(before) {
		t.Errorf("a use within the minute: %d, cookie %v, last seen moved %v", r.Status, sessionCookieOf(t, r), !lastSeen().Equal(before))
	}
	setLastSeen(2 * time.Minute)
	r := ts.do(t, "GET", "/api/v1/auth/me", "", cookie...)
	if c := sessionCookieOf(t, r); r.Status != http.StatusOK || c == nil || c.MaxAge != 14*24*3600 || time.Since(lastSeen()) > time.Minute {
		t.Errorf("a use after a minute: %d, cookie %+v, last seen %s ago", r.Status, c, time.Since(lastSeen()))
	}
	setLastSeen(14*24*time.Hour + time.Minute)
	if r := ts.do(t, "GET", "/api/v1/auth/me", "", cookie...); r.Status != http.StatusUnauthorized {
		t.Errorf("after 14 idle days: %d", r.Status)
	}
	var n int
	if err := ts.DB.SQL.QueryRow(`SELECT count(*) FROM account_sessions`).Scan(&n); err != nil || n != 0 {
		t.Errorf("%d sessions left (%v)", n, err)
	}
}

// TestAccounts_UnknownEmailCostsAsMuchAsAWrongPassword: signing in with an
// email that has no account still runs argon2 (on a dummy hash), so the
// answer's time does not tell whether the email exists.
func TestAccounts_UnknownEmailCostsAsMuchAsAWrongPassword(t *testing.T) {
	t.Parallel()
	ts := startServer(t, serverEnv(t))
	ts.signUp(t, "known@example.com", "Known")
	// Alternating the two, and keeping each one's fastest, lets a busy
	// machine slow both alike.
	known, unknown := time.Hour, time.Hour
	for range 7 {
		for _, c := range []struct {
			email string
			best  *time.Duration
		}{{"known@example.com", &known}, {"unknown@example.com", &unknown}} {
			start := time.Now()
			mustStatus(t, ts.do(t, "POST", "/api/v1/auth/login", `{"email":"`+c.email+`","password":"not the password"}`), http.StatusUnauthorized)
			*c.best = min(*c.best, time.Since(start))
		}
	}
	if unknown < known/2 {
		t.Errorf("an unknown email answers in %s, a wrong password in %s: the difference tells which emails have accounts", unknown, known)
	}
}
