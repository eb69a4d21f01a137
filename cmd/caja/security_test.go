package main

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/cajalive/caja"
)

func TestSecurity_TokensNeverLogged(t *testing.T) {
	t.Parallel()
	env := serverEnv(t)
	env["DEBUG"] = "true" // the most verbose logging: SQL, every request
	ts := startServer(t, env)
	var secrets []string

	s := ts.createSession(t, "Secrets")
	secrets = append(secrets, s.AdminToken, s.DisplayKey)
	quiz := ts.createActivity(t, s, `{"type":"quiz","title":"?","options":[{"label":"a","correct":true},{"label":"b"}]}`)
	qna := ts.createActivity(t, s, `{"type":"qna","title":"?"}`)
	ts.present(t, s, quiz.ID)
	ts.patchActivity(t, s, qna.ID, `{"status":"open"}`)
	var ps []participant
	for i := 0; i < 3; i++ {
		p := ts.join(t, s, fmt.Sprintf("p%d", i))
		secrets = append(secrets, p.Token)
		ps = append(ps, p)
		ts.answer(t, s, quiz.ID, p, `{"option_ids":["`+quiz.Options[0].ID+`"]}`)
		ts.do(t, "POST", "/api/v1/sessions/"+s.ID+"/activities/"+qna.ID+"/questions", `{"text":"q"}`, "Authorization", "Bearer "+p.Token)
		ts.do(t, "GET", "/api/v1/sessions/"+s.ID+"/participants/me", "", "Authorization", "Bearer "+p.Token)
	}
	other := ts.createSession(t, "Other")
	secrets = append(secrets, other.AdminToken, other.DisplayKey)
	// Wrong and cross-session uses of every secret, which log failures.
	ts.do(t, "PATCH", "/api/v1/sessions/"+other.ID, `{"name":"x"}`, ts.admin(s)...)
	ts.do(t, "GET", "/api/v1/sessions/"+other.ID+"/state?view=display&key="+s.DisplayKey, "")
	ts.do(t, "GET", "/api/v1/sessions/"+s.ID+"/state?view=display&key="+s.DisplayKey, "")
	ts.do(t, "GET", "/api/v1/sessions/"+s.ID+"/state?view=admin", "", ts.admin(s)...)
	ts.do(t, "POST", "/api/v1/sessions/"+other.ID+"/participants/me", "", "Authorization", "Bearer "+ps[0].Token)
	ts.answer(t, other, quiz.ID, ps[1], `{"option_ids":[]}`)
	ts.do(t, "DELETE", "/api/v1/sessions/"+s.ID+"/participants/"+ps[2].ID, "", ts.admin(s)...)
	ts.answer(t, s, quiz.ID, ps[2], `{"option_ids":["`+quiz.Options[0].ID+`"]}`)
	rotated := ts.createSession(t, "Rotate")
	secrets = append(secrets, rotated.AdminToken, rotated.DisplayKey)

	// Accounts: passwords, session cookies (their ids) in every use.
	const password = "correct horse battery"
	secrets = append(secrets, password, "wrong password!!")
	laptop := ts.signUp(t, "log@example.com", "Log")
	ts.do(t, "POST", "/api/v1/auth/login", `{"email":"log@example.com","password":"wrong password!!"}`)
	phone := ts.logIn(t, "log@example.com", password)
	for _, c := range [][]string{laptop, phone} {
		secrets = append(secrets, strings.TrimPrefix(c[1], "caja_session="))
		ts.do(t, "GET", "/api/v1/auth/me", "", c...)
		ts.do(t, "GET", "/api/v1/me/sessions", "", c...)
		ts.do(t, "POST", "/api/v1/sessions", `{"name":"Mine"}`, c...)
		ts.do(t, "POST", "/api/v1/sessions", `{"name":"Cross"}`, append([]string{"Sec-Fetch-Site", "cross-site"}, c...)...)
		ts.do(t, "POST", "/api/v1/sessions/"+rotated.ID+"/claim", "", append([]string{"Authorization", "Bearer " + rotated.AdminToken}, c...)...)
	}
	inv := ts.do(t, "POST", "/api/v1/sessions/"+rotated.ID+"/invitations", `{"email":"m@example.com","role":"moderator"}`, laptop...)
	invitation, _ := inv.json(t)["token"].(string)
	if invitation == "" {
		t.Fatalf("invitation: %d %s", inv.Status, inv.Body)
	}
	secrets = append(secrets, invitation)
	ts.do(t, "POST", "/api/v1/invitations/"+invitation+"/accept", "", phone...)
	ts.do(t, "POST", "/api/v1/invitations/"+invitation+"/accept", "", phone...) // used: 404
	ts.do(t, "POST", "/api/v1/auth/logout", "", phone...)
	ts.do(t, "GET", "/api/v1/auth/me", "", phone...) // a signed-out cookie
	time.Sleep(200 * time.Millisecond)               // let the projector log what it logs

	logs := ts.Logs.String()
	if !strings.Contains(logs, `"msg":"request"`) {
		t.Fatal("no access log captured: the scan would prove nothing")
	}
	for _, secret := range secrets {
		sum := sha256.Sum256([]byte(secret))
		for _, needle := range []string{secret, hex.EncodeToString(sum[:])} {
			if i := strings.Index(logs, needle); i >= 0 {
				t.Errorf("a secret (or its hash) appears in the logs: %.8s… in %q", needle, logs[max(0, i-300):min(len(logs), i+100)])
			}
		}
	}
}

func TestSecurity_Headers(t *testing.T) {
	t.Parallel()
	ts := startServer(t, serverEnv(t))
	for _, path := range []string{"/", "/join/123456", "/display/00000000-0000-4000-8000-000000000000", "/admin"} {
		r := ts.do(t, "GET", path, "")
		mustStatus(t, r, http.StatusOK)
		csp := r.Header.Get("Content-Security-Policy")
		if !strings.Contains(r.Header.Get("Content-Type"), "text/html") || !strings.Contains(csp, "script-src 'self'") || strings.Contains(csp, "unsafe-inline'; img") && strings.Contains(csp, "script-src 'self' 'unsafe-inline'") || !strings.Contains(csp, "frame-ancestors 'none'") {
			t.Errorf("%s: content type %q, CSP %q", path, r.Header.Get("Content-Type"), csp)
		}
		if strings.Contains(strings.ToLower(string(r.Body)), "<script>") {
			t.Errorf("%s: inline script in the page", path)
		}
	}
	s := ts.createSession(t, "Headers")
	for _, r := range []response{
		ts.do(t, "GET", "/", ""),
		ts.do(t, "GET", "/api/v1/sessions/"+s.ID, ""),
		ts.do(t, "GET", "/api/v1/nothing", ""),
	} {
		if r.Header.Get("X-Content-Type-Options") != "nosniff" || r.Header.Get("Referrer-Policy") != "no-referrer" {
			t.Errorf("missing nosniff/no-referrer: %v", r.Header)
		}
	}
	created := ts.do(t, "POST", "/api/v1/sessions", `{"name":"x","admin_id":"a"}`)
	if cc := created.Header.Get("Cache-Control"); cc != "no-store" {
		t.Errorf("a response carrying an admin token must not be stored: Cache-Control %q", cc)
	}
}

// TestSecurity_HostileRequestMatrix sends hundreds of malformed or hostile
// requests across every endpoint: each gets a 4xx problem document and
// nothing is written.
func TestSecurity_HostileRequestMatrix(t *testing.T) {
	t.Parallel()
	ts := startServer(t, serverEnv(t))
	s := ts.createSession(t, "Target")
	a := ts.createActivity(t, s, `{"type":"poll","title":"?","options":[{"label":"a"},{"label":"b"}]}`)
	q := ts.createActivity(t, s, `{"type":"qna","title":"?"}`)
	ts.present(t, s, a.ID)
	ts.patchActivity(t, s, q.ID, `{"status":"open"}`)
	p := ts.join(t, s, "victim")
	qid := ts.do(t, "POST", "/api/v1/sessions/"+s.ID+"/activities/"+q.ID+"/questions", `{"text":"real"}`, "Authorization", "Bearer "+p.Token).json(t)["id"].(string)
	eventually(t, 3*time.Second, "settled", func() bool {
		return ts.do(t, "GET", "/api/v1/sessions/"+s.ID+"/activities/"+q.ID+"/questions", "", ts.admin(s)...).Status == 200
	})

	type endpoint struct{ method, path string }
	sid, aid, qaid := s.ID, a.ID, q.ID
	endpoints := []endpoint{
		{"POST", "/api/v1/sessions"},
		{"PATCH", "/api/v1/sessions/" + sid},
		{"POST", "/api/v1/sessions/" + sid + "/activities"},
		{"PATCH", "/api/v1/sessions/" + sid + "/activities/" + aid},
		{"POST", "/api/v1/sessions/" + sid + "/participants"},
		{"POST", "/api/v1/sessions/" + sid + "/activities/" + aid + "/responses"},
		{"POST", "/api/v1/sessions/" + sid + "/activities/" + qaid + "/questions"},
		{"PATCH", "/api/v1/sessions/" + sid + "/activities/" + qaid + "/questions/" + qid},
	}
	bodies := []string{
		`{`, `}`, `[]`, `"x"`, `null`, `12`, `{"a":}`, `{"name":"x",}`, "{\"name\":\"\xff\xfe\"}",
		`{"name":{"$gt":""}}`, `{"nickname":["x"]}`, `{"type":null,"title":null}`, `{"title":1e999}`,
		`{"option_ids":[{"id":1}]}`, `{"value":"1; DROP TABLE responses"}`, `{"text":false}`,
		`{"__proto__":{"admin":true}}`, `{"status":"completed","status":"draft","x":1}`,
		strings.Repeat(`[`, 10000) + strings.Repeat(`]`, 10000),
		`{"name":"` + strings.Repeat("A", 70*1024) + `"}`,
	}
	auths := [][]string{nil, {"Authorization", "Bearer " + p.Token}, {"Authorization", "Bearer " + s.AdminToken}}
	type req struct {
		method, path, body string
		header             []string
	}
	var reqs []req
	for _, e := range endpoints {
		for _, b := range bodies {
			for _, h := range auths {
				reqs = append(reqs, req{e.method, e.path, b, h})
			}
		}
	}
	badIDs := []string{"x", "1", "' OR '1'='1", "..%2F..%2Fetc%2Fpasswd", "%00", "00000000-0000-0000-0000-00000000000g", strings.Repeat("a", 300), "<script>"}
	for _, id := range badIDs {
		reqs = append(reqs,
			req{"GET", "/api/v1/sessions/" + id, "", nil},
			req{"GET", "/api/v1/sessions/" + id + "/state", "", nil},
			req{"GET", "/api/v1/sessions/" + sid + "/activities/" + id + "/results", "", nil},
			req{"DELETE", "/api/v1/sessions/" + sid + "/participants/" + id, "", auths[2]},
			req{"POST", "/api/v1/sessions/" + sid + "/activities/" + qaid + "/questions/" + id + "/upvote", "", auths[1]},
			req{"GET", "/api/v1/join/" + id, "", nil},
		)
	}
	for _, token := range []string{"", "Bearer", "Bearer ", "Basic dXNlcjpwYXNz", "Bearer " + strings.Repeat("x", 4000), "Bearer " + s.DisplayKey, "Bearer ' OR 1=1 --"} {
		h := []string{"Authorization", token}
		reqs = append(reqs,
			req{"PATCH", "/api/v1/sessions/" + sid, `{"name":"pwned"}`, h},
			req{"GET", "/api/v1/sessions/" + sid + "/state?view=admin", "", h},
			req{"POST", "/api/v1/sessions/" + sid + "/activities/" + aid + "/responses", `{"option_ids":["` + a.Options[0].ID + `"]}`, h},
			req{"GET", "/api/v1/sessions/" + sid + "/export.csv", "", h},
		)
	}
	if len(reqs) < 200 {
		t.Fatalf("only %d hostile requests", len(reqs))
	}
	before := tableCounts(t, ts)
	for _, r := range reqs {
		resp := ts.do(t, r.method, r.path, r.body, r.header...)
		if resp.Status < 400 || resp.Status > 499 || resp.Header.Get("Content-Type") != "application/problem+json" {
			t.Errorf("%s %.80s %.60q: %d %q %.200s", r.method, r.path, r.body, resp.Status, resp.Header.Get("Content-Type"), resp.Body)
		}
	}
	if after := tableCounts(t, ts); after != before {
		t.Errorf("hostile requests wrote:\n before %s\n after  %s", before, after)
	}
	t.Logf("%d hostile requests, all refused", len(reqs))
}

// TestSecurity_OrganizerNameStaysWithTheOrganizer: the public session
// document and the projector screen do not show admin_id; the organizer's
// view does.
func TestSecurity_OrganizerNameStaysWithTheOrganizer(t *testing.T) {
	t.Parallel()
	ts := startServer(t, serverEnv(t))
	s := ts.createSession(t, "Names")
	display := "/api/v1/sessions/" + s.ID + "/state?view=display&key=" + url.QueryEscape(s.DisplayKey)
	eventually(t, 2*time.Second, "projected", func() bool { return ts.do(t, "GET", display, "").Status == http.StatusOK })
	for name, r := range map[string]response{
		"session": ts.do(t, "GET", "/api/v1/sessions/"+s.ID, ""),
		"display": ts.do(t, "GET", display, ""),
		"phones":  ts.do(t, "GET", "/api/v1/sessions/"+s.ID+"/state", ""),
	} {
		if r.Status != http.StatusOK || strings.Contains(string(r.Body), "admin_id") {
			t.Errorf("%s document: %d, shows admin_id: %s", name, r.Status, r.Body)
		}
	}
	admin := ts.do(t, "GET", "/api/v1/sessions/"+s.ID+"/state?view=admin", "", "Authorization", "Bearer "+s.AdminToken)
	if !strings.Contains(string(admin.Body), `"admin_id":"ana"`) {
		t.Errorf("the admin view lost the organizer's name: %s", admin.Body)
	}
}

// TestSecurity_UnknownParticipantTokenAnsweredAtOnce: a token that was never
// issued is a 401 at once (no wait for a projection that will never come);
// a phone's own token works right after its join.
func TestSecurity_UnknownParticipantTokenAnsweredAtOnce(t *testing.T) {
	t.Parallel()
	ts := startServer(t, serverEnv(t))
	s := ts.createSession(t, "Tokens")
	me := "/api/v1/sessions/" + s.ID + "/participants/me"
	// Projected, and the read model built once since the server started
	// (before its caja:meta marker is written, no token can be told
	// unknown: the answer is 503, live state rebuilding).
	eventually(t, 2*time.Second, "projected", func() bool {
		return ts.do(t, "GET", "/api/v1/sessions/"+s.ID+"/state", "").Status == http.StatusOK &&
			ts.Redis.Client.Exists(t.Context(), ts.Redis.Keys.Meta()).Val() == 1
	})
	for _, token := range []string{caja.NewToken(), "nope", caja.NewParticipantToken(time.Now().Add(-time.Hour))} {
		start := time.Now()
		r := ts.do(t, "GET", me, "", "Authorization", "Bearer "+token)
		// "At once": well under the 1.5 s a just-issued token's miss waits
		// (readmodel.Reader.RepairWait), with room for a loaded machine.
		if took := time.Since(start); r.Status != http.StatusUnauthorized || took > time.Second {
			t.Errorf("unknown token %.8s…: %d after %s, want 401 at once", token, r.Status, took)
		}
	}
	p := ts.join(t, s, "ana")
	if r := ts.do(t, "GET", me, "", "Authorization", "Bearer "+p.Token); r.Status != http.StatusOK {
		t.Errorf("/me right after joining: %d %s", r.Status, r.Body)
	}
}

// TestSecurity_DisplayMayBeEmbeddedWhereAllowed: CAJA_DISPLAY_FRAME_ANCESTORS
// lets a slide deck frame the display page, and only that page; by default
// no page may be framed; a value that could inject a directive is refused.
func TestSecurity_DisplayMayBeEmbeddedWhereAllowed(t *testing.T) {
	t.Parallel()
	env := serverEnv(t)
	env["CAJA_DISPLAY_FRAME_ANCESTORS"] = "https://docs.google.com https://*.officeapps.live.com"
	ts := startServer(t, env)
	plain := startServer(t, serverEnv(t))
	const anyID = "/display/00000000-0000-4000-8000-000000000000"
	tests := []struct {
		name string
		ts   *testServer
		path string
		want string
	}{
		{"DisplayAllowed", ts, anyID, "frame-ancestors https://docs.google.com https://*.officeapps.live.com"},
		{"DashboardStays", ts, "/admin", "frame-ancestors 'none'"},
		{"JoinStays", ts, "/join", "frame-ancestors 'none'"},
		{"DefaultDisplay", plain, anyID, "frame-ancestors 'none'"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			csp := tt.ts.do(t, "GET", tt.path, "").Header.Get("Content-Security-Policy")
			if !strings.HasSuffix(csp, tt.want) || strings.Count(csp, "frame-ancestors") != 1 {
				t.Errorf("CSP of %s: %q, want it to end with %q", tt.path, csp, tt.want)
			}
		})
	}
	for _, bad := range []string{"https://a.example; script-src *", "javascript:alert(1)", "*", "https://"} {
		if err := run([]string{"serve"}, map[string]string{"CAJA_DISPLAY_FRAME_ANCESTORS": bad, "CAJA_ADDR": freePort(t), "CAJA_DATA_DIR": t.TempDir(), "CAJA_EMBEDDED_REDIS_ADDR": freePort(t)}, io.Discard); err == nil || !strings.Contains(err.Error(), "CAJA_DISPLAY_FRAME_ANCESTORS") {
			t.Errorf("CAJA_DISPLAY_FRAME_ANCESTORS=%q: %v, want a start-up error naming it", bad, err)
		}
	}
}
