package main

import (
	"bytes"
	"cmp"
	"compress/gzip"
	"encoding/json"
	"io"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"
)

// cacheFixture is a session with something behind every GET route: a
// revealed quiz on screen with an answer, a Q&A activity with a question,
// two participants.
type cacheFixture struct {
	s      created
	quiz   activity
	qna    activity
	p1, p2 participant
	qid    string
	image  string
	// cookie is a signed-in organizer's browser.
	cookie []string
}

func newCacheFixture(t *testing.T, ts *testServer) cacheFixture {
	t.Helper()
	f := cacheFixture{s: ts.createSession(t, "Cache"), cookie: ts.signUp(t, "cache@example.com", "Cache")}
	f.quiz = ts.createActivity(t, f.s, `{"type":"quiz","title":"2+2?","options":[{"label":"4","correct":true},{"label":"5"}]}`)
	f.qna = ts.createActivity(t, f.s, `{"type":"qna","title":"Ask"}`)
	f.image = ts.upload(t, f.s, "a.png", "image/png", imageBytes(t, "png", gradientImage(8, 8))).ID
	ts.present(t, f.s, f.quiz.ID)
	ts.patchActivity(t, f.s, f.qna.ID, `{"status":"open"}`)
	f.p1, f.p2 = ts.join(t, f.s, "ana"), ts.join(t, f.s, "bo")
	mustStatus(t, ts.answer(t, f.s, f.quiz.ID, f.p1, `{"option_ids":["`+f.quiz.Options[0].ID+`"]}`), http.StatusCreated)
	q := ts.do(t, "POST", "/api/v1/sessions/"+f.s.ID+"/activities/"+f.qna.ID+"/questions", `{"text":"Why?"}`, "Authorization", "Bearer "+f.p1.Token)
	mustStatus(t, q, http.StatusCreated)
	f.qid, _ = q.json(t)["id"].(string)
	ts.patchActivity(t, f.s, f.quiz.ID, `{"results_visible":true}`)
	eventually(t, 3*time.Second, "state projected", func() bool {
		m := ts.do(t, "GET", "/api/v1/sessions/"+f.s.ID+"/participants/me", "", "Authorization", "Bearer "+f.p1.Token)
		return m.Status == http.StatusOK && len(m.json(t)["quiz_results"].([]any)) == 1
	})
	return f
}

// cacheCase is one request to a GET route and the Cache-Control it must
// get. shared marks the one response a shared cache may keep: the same
// bytes for everyone.
type cacheCase struct {
	name    string
	path    string
	headers []string
	want    string
	shared  bool
	// status is the answer expected (0: 200).
	status int
}

func (f cacheFixture) cases() map[string][]cacheCase {
	sid := "/api/v1/sessions/" + f.s.ID
	admin := []string{"Authorization", "Bearer " + f.s.AdminToken}
	p1 := []string{"Authorization", "Bearer " + f.p1.Token}
	const public = "public, max-age=0, s-maxage=1, stale-while-revalidate=4"
	return map[string][]cacheCase{
		"health":            {{name: "health", path: "/health", want: "no-store"}},
		"livez":             {{name: "livez", path: "/livez", want: "no-store"}},
		"readyz":            {{name: "readyz", path: "/readyz", want: "no-store"}},
		"metrics":           {{name: "metrics", path: "/metrics", headers: []string{"Authorization", "Bearer " + testMetricsToken}, want: "no-store"}},
		"getOpenAPI":        {{name: "openapi", path: "/api/openapi.json", want: "no-cache"}},
		"getAPIDocs":        {{name: "docs", path: "/api/docs", want: "no-cache"}},
		"getAPIDocsAsset":   {{name: "docs asset", path: "/api/docs/init.js", want: "no-cache"}},
		"getSession":        {{name: "session", path: sid, want: "no-cache"}},
		"getSessionQRCode":  {{name: "qr", path: sid + "/qr.png", want: "public, max-age=86400"}},
		"getImage":          {{name: "image", path: "/api/v1/images/" + f.image, want: "public, max-age=31536000, immutable"}},
		"joinByCode":        {{name: "join code", path: "/api/v1/join/" + f.s.JoinCode, want: "no-cache"}},
		"getLeaderboard":    {{name: "leaderboard", path: sid + "/leaderboard", want: "no-cache"}},
		"exportSessionCSV":  {{name: "export csv", path: sid + "/export.csv", headers: admin, want: "private, no-store"}},
		"exportSessionJSON": {{name: "export json", path: sid + "/export.json", headers: admin, want: "private, no-store"}},
		"exportSessionXLSX": {{name: "export xlsx", path: sid + "/export.xlsx", headers: admin, want: "private, no-store"}},
		"listActivities":    {{name: "activities", path: sid + "/activities", headers: admin, want: "private, no-cache"}},
		"getActivity":       {{name: "activity", path: sid + "/activities/" + f.quiz.ID, headers: admin, want: "private, no-cache"}},
		"listParticipants":  {{name: "roster", path: sid + "/participants", headers: admin, want: "private, no-cache"}},
		"getMe":             {{name: "me", path: sid + "/participants/me", headers: p1, want: "private, no-cache"}},
		"getAccount":        {{name: "account", path: "/api/v1/auth/me", headers: f.cookie, want: "private, no-store"}},
		"listMySessions":    {{name: "my sessions", path: "/api/v1/me/sessions", headers: f.cookie, want: "private, no-store"}},
		"exportMyData":      {{name: "my export", path: "/api/v1/me/export", headers: f.cookie, want: "private, no-store"}},
		"listMembers":       {{name: "team", path: sid + "/members", headers: admin, want: "private, no-store"}},
		// Single sign-on is not configured here: a problem, never stored.
		"startOIDCSignIn":  {{name: "oidc start", path: "/api/v1/auth/oidc/start", want: "no-store", status: http.StatusNotFound}},
		"finishOIDCSignIn": {{name: "oidc callback", path: "/api/v1/auth/oidc/callback", want: "no-store", status: http.StatusNotFound}},
		"getActivityResults": {
			{name: "results, audience", path: sid + "/activities/" + f.quiz.ID + "/results", want: "private, no-cache"},
			{name: "results, organizer", path: sid + "/activities/" + f.quiz.ID + "/results", headers: admin, want: "private, no-cache"},
		},
		"listQuestions": {
			{name: "questions, audience", path: sid + "/activities/" + f.qna.ID + "/questions", want: "private, no-cache"},
			{name: "questions, organizer", path: sid + "/activities/" + f.qna.ID + "/questions", headers: admin, want: "private, no-cache"},
		},
		"getSessionState": {
			{name: "participant view", path: sid + "/state", want: public, shared: true},
			{name: "display view", path: sid + "/state?view=display&key=" + f.s.DisplayKey, want: "private, no-cache"},
			{name: "admin view", path: sid + "/state?view=admin", headers: admin, want: "private, no-store"},
			// As CloudFront passes the token on the poll path.
			{name: "admin view through CloudFront", path: sid + "/state?view=admin", headers: []string{"X-Caja-Authorization", "Bearer " + f.s.AdminToken}, want: "private, no-store"},
		},
	}
}

// getOperations lists the operationId of every GET in the served document.
func getOperations(t *testing.T, ts *testServer) []string {
	t.Helper()
	var doc struct {
		Paths map[string]map[string]json.RawMessage `json:"paths"`
	}
	if err := json.Unmarshal(ts.do(t, "GET", "/api/openapi.json", "").Body, &doc); err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, item := range doc.Paths {
		if raw, ok := item["get"]; ok {
			var op struct {
				OperationID string `json:"operationId"`
			}
			if err := json.Unmarshal(raw, &op); err != nil {
				t.Fatal(err)
			}
			ids = append(ids, op.OperationID)
		}
	}
	slices.Sort(ids)
	return ids
}

// TestCache_EveryGetRouteSaysWhoMayKeepIt is the rule of issue 14 over the
// whole API: a response to a request carrying a token or key is private, a
// response carrying a secret is not stored at all, and the one response a
// shared cache may keep (the participant view) is the same bytes whoever
// asks. Every GET of the OpenAPI document must have a case, and HEAD
// answers each with the same status and caching headers and no body.
func TestCache_EveryGetRouteSaysWhoMayKeepIt(t *testing.T) {
	t.Parallel()
	env := serverEnv(t)
	env["CAJA_API_DOCS"] = "true"
	ts := startServer(t, env)
	f := newCacheFixture(t, ts)
	secrets := []string{f.s.AdminToken, f.s.DisplayKey, f.p1.Token, f.p2.Token}
	cases := f.cases()
	ops := getOperations(t, ts)
	if len(ops) < 20 {
		t.Fatalf("only %d GET operations documented", len(ops))
	}
	for _, op := range ops {
		if len(cases[op]) == 0 {
			t.Errorf("GET operation %s has no case here: say who may cache it", op)
		}
	}
	for op, list := range cases {
		if !slices.Contains(ops, op) {
			t.Errorf("case for %s, which the document does not have", op)
		}
		for _, tc := range list {
			t.Run(tc.name, func(t *testing.T) {
				headers := append([]string{"Accept-Encoding", "identity"}, tc.headers...)
				r := ts.do(t, "GET", tc.path, "", headers...)
				if want := cmp.Or(tc.status, http.StatusOK); r.Status != want {
					t.Fatalf("GET %s: %d %s, want %d", tc.path, r.Status, r.Body, want)
				}
				cc := r.Header.Get("Cache-Control")
				if cc != tc.want {
					t.Errorf("Cache-Control %q, want %q", cc, tc.want)
				}
				credentialed := len(tc.headers) > 0 || strings.Contains(tc.path, "key=")
				if credentialed && !strings.Contains(cc, "private") && !strings.Contains(cc, "no-store") {
					t.Errorf("a response to a request with a token or key is %q: a shared cache could hand it to others", cc)
				}
				for _, s := range secrets {
					if bytes.Contains(r.Body, []byte(s)) && !strings.Contains(cc, "no-store") {
						t.Errorf("the response carries a secret but is %q, not no-store", cc)
					}
				}
				if strings.Contains(cc, "public") && tc.shared {
					if v := r.Header.Values("Vary"); !slices.Contains(v, "Accept-Encoding, Origin") {
						t.Errorf("shared response with Vary %q", v)
					}
					// The same URL with a participant's token: still the
					// same bytes, so sharing them leaks nothing.
					other := ts.do(t, "GET", tc.path, "", "Accept-Encoding", "identity", "Authorization", "Bearer "+f.p2.Token)
					if !bytes.Equal(other.Body, r.Body) {
						t.Errorf("a shared response differs by token")
					}
				}
				head := ts.do(t, "HEAD", tc.path, "", headers...)
				if head.Status != r.Status || head.Header.Get("Cache-Control") != cc || len(head.Body) != 0 || head.Header.Get("Content-Type") != r.Header.Get("Content-Type") {
					t.Errorf("HEAD: %d cc=%q ct=%q body %d bytes; GET: %d cc=%q ct=%q", head.Status, head.Header.Get("Cache-Control"), head.Header.Get("Content-Type"), len(head.Body), r.Status, cc, r.Header.Get("Content-Type"))
				}
			})
		}
	}
}

func gunzip(t *testing.T, b []byte) []byte {
	t.Helper()
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("not gzip: %v", err)
	}
	out, err := io.ReadAll(zr)
	if err != nil {
		t.Fatalf("gzip: %v", err)
	}
	return out
}

// TestState_HTTPSemantics: what a cache and a browser rely on from the
// polling endpoint (RFC 9110): Vary on every response, HEAD, an
// If-None-Match spread over several lines, If-None-Match deciding alone,
// and the gzip representation the projector made.
func TestState_HTTPSemantics(t *testing.T) {
	t.Parallel()
	ts := startServer(t, serverEnv(t))
	s := ts.createSession(t, "Semantics")
	path := "/api/v1/sessions/" + s.ID + "/state"
	plain := ts.do(t, "GET", path, "", "Accept-Encoding", "identity")
	mustStatus(t, plain, http.StatusOK)
	etag := plain.Header.Get("ETag")
	future := time.Now().Add(time.Hour).UTC().Format(time.RFC3339)

	t.Run("VaryOnEveryResponse", func(t *testing.T) {
		t.Parallel()
		tests := []struct {
			name    string
			path    string
			headers []string
			status  int
		}{
			{"200 without Origin", path, nil, http.StatusOK},
			{"200 with Origin", path, []string{"Origin", "http://localhost:8080"}, http.StatusOK},
			{"403 for an origin CORS refuses", path, []string{"Origin", "https://evil.example"}, http.StatusForbidden},
			{"304", path, []string{"If-None-Match", etag}, http.StatusNotModified},
			{"404", "/api/v1/sessions/00000000-0000-4000-8000-000000000000/state", nil, http.StatusNotFound},
			{"422", path + "?view=nope", nil, http.StatusUnprocessableEntity},
		}
		for _, tt := range tests {
			r := ts.do(t, "GET", tt.path, "", append([]string{"Accept-Encoding", "identity"}, tt.headers...)...)
			if r.Status != tt.status || r.Header.Get("Vary") != "Accept-Encoding, Origin" {
				t.Errorf("%s: %d, Vary %q", tt.name, r.Status, r.Header.Values("Vary"))
			}
		}
	})

	t.Run("IfNoneMatch", func(t *testing.T) {
		t.Parallel()
		tests := []struct {
			name  string
			lines []string
			query string
			want  int
		}{
			{"one line", []string{etag}, "", http.StatusNotModified},
			{"list over two lines, match on the second", []string{`"old"`, etag}, "", http.StatusNotModified},
			{"two lines, no match", []string{`"old"`, `"older"`}, "", http.StatusOK},
			{"matching tag beats an old last_update", []string{etag}, "?last_update=2000-01-01T00:00:00Z", http.StatusNotModified},
			{"stale tag beats a recent last_update", []string{`"old"`}, "?last_update=" + future, http.StatusOK},
			{"last_update alone", nil, "?last_update=" + future, http.StatusNotModified},
		}
		for _, tt := range tests {
			req, err := http.NewRequest("GET", ts.URL+path+tt.query, nil)
			if err != nil {
				t.Fatal(err)
			}
			req.Header.Set("Accept-Encoding", "identity")
			for _, l := range tt.lines {
				req.Header.Add("If-None-Match", l)
			}
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if resp.StatusCode != tt.want {
				t.Errorf("%s: %d, want %d", tt.name, resp.StatusCode, tt.want)
			}
		}
	})

	t.Run("GzipFromTheProjector", func(t *testing.T) {
		t.Parallel()
		gz := ts.do(t, "GET", path, "", "Accept-Encoding", "gzip, deflate, br")
		mustStatus(t, gz, http.StatusOK)
		if gz.Header.Get("Content-Encoding") != "gzip" || !bytes.Equal(gunzip(t, gz.Body), plain.Body) {
			t.Fatalf("gzip representation: encoding %q, %d bytes", gz.Header.Get("Content-Encoding"), len(gz.Body))
		}
		gzTag := gz.Header.Get("ETag")
		if gzTag == etag || gzTag == "" {
			t.Errorf("gzip representation has ETag %q, plain %q: two representations need two strong tags", gzTag, etag)
		}
		stored := ts.Redis.Client.HGet(t.Context(), ts.Redis.Keys.Session(s.ID), "participant_json_gz").Val()
		if stored != string(gz.Body) {
			t.Errorf("served gzip bytes are not the projector's stored copy")
		}
		for _, tag := range []string{etag, gzTag} {
			nm := ts.do(t, "GET", path, "", "Accept-Encoding", "gzip", "If-None-Match", tag)
			if nm.Status != http.StatusNotModified || nm.Header.Get("ETag") != gzTag {
				t.Errorf("If-None-Match %s with gzip: %d ETag %q", tag, nm.Status, nm.Header.Get("ETag"))
			}
		}
		if q := ts.do(t, "GET", path, "", "Accept-Encoding", "gzip;q=0, identity"); q.Header.Get("Content-Encoding") != "" {
			t.Errorf("gzip;q=0 got %q", q.Header.Get("Content-Encoding"))
		}
	})

	t.Run("HeadOnThePollPath", func(t *testing.T) {
		t.Parallel()
		h := ts.do(t, "HEAD", path, "", "Accept-Encoding", "identity")
		if h.Status != http.StatusOK || len(h.Body) != 0 || h.Header.Get("ETag") != etag || h.Header.Get("Content-Length") != plain.Header.Get("Content-Length") {
			t.Errorf("HEAD: %d etag %q length %q (GET %q)", h.Status, h.Header.Get("ETag"), h.Header.Get("Content-Length"), plain.Header.Get("Content-Length"))
		}
	})
}

// TestMe_MarkerMovesWhenMeMayHaveChanged: phones fetch /participants/me
// when the shared view's me_marker moves. It must move on a reveal, an
// un-reveal, a kick and a moderated question, and stay put when a phone
// answers (that phone fetches /me itself); /me carries X-Poll-Interval-Ms.
func TestMe_MarkerMovesWhenMeMayHaveChanged(t *testing.T) {
	t.Parallel()
	ts := startServer(t, serverEnv(t))
	s := ts.createSession(t, "Marker")
	quiz := ts.createActivity(t, s, `{"type":"quiz","title":"2+2?","options":[{"label":"4","correct":true},{"label":"5"}]}`)
	qna := ts.createActivity(t, s, `{"type":"qna","title":"Ask"}`)
	ts.present(t, s, quiz.ID)
	ts.patchActivity(t, s, qna.ID, `{"status":"open"}`)
	ana, bo := ts.join(t, s, "ana"), ts.join(t, s, "bo")
	q := ts.do(t, "POST", "/api/v1/sessions/"+s.ID+"/activities/"+qna.ID+"/questions", `{"text":"Why?"}`, "Authorization", "Bearer "+ana.Token)
	mustStatus(t, q, http.StatusCreated)
	qid := q.json(t)["id"].(string)

	// state waits for the projection of everything so far and returns it.
	state := func(t *testing.T, cond func(map[string]any) bool) map[string]any {
		t.Helper()
		var m map[string]any
		eventually(t, 3*time.Second, "projected", func() bool {
			m = ts.do(t, "GET", "/api/v1/sessions/"+s.ID+"/state", "").json(t)
			return cond(m)
		})
		return m
	}
	marker := func(m map[string]any) string { v, _ := m["me_marker"].(string); return v }
	count := func(n float64) func(map[string]any) bool {
		return func(m map[string]any) bool { return m["participant_count"] == n }
	}
	last := marker(state(t, count(2)))
	if last == "" {
		t.Fatal("the participant view has no me_marker")
	}

	steps := []struct {
		name  string
		do    func(t *testing.T)
		moves bool
		ready func(map[string]any) bool
	}{
		{"an answer", func(t *testing.T) {
			mustStatus(t, ts.answer(t, s, quiz.ID, ana, `{"option_ids":["`+quiz.Options[0].ID+`"]}`), http.StatusCreated)
		}, false, func(m map[string]any) bool {
			r, _ := m["current_activity"].(map[string]any)
			return r != nil
		}},
		{"a reveal", func(t *testing.T) { ts.patchActivity(t, s, quiz.ID, `{"results_visible":true}`) }, true, nil},
		{"an un-reveal", func(t *testing.T) { ts.patchActivity(t, s, quiz.ID, `{"results_visible":false}`) }, true, nil},
		{"a moderated question", func(t *testing.T) {
			mustStatus(t, ts.do(t, "PATCH", "/api/v1/sessions/"+s.ID+"/activities/"+qna.ID+"/questions/"+qid, `{"status":"hidden"}`, ts.admin(s)...), http.StatusOK)
		}, true, nil},
		{"a pin only", func(t *testing.T) {
			mustStatus(t, ts.do(t, "PATCH", "/api/v1/sessions/"+s.ID+"/activities/"+qna.ID+"/questions/"+qid, `{"pinned":true}`, ts.admin(s)...), http.StatusOK)
		}, false, nil},
		{"a kick", func(t *testing.T) {
			mustStatus(t, ts.do(t, "DELETE", "/api/v1/sessions/"+s.ID+"/participants/"+bo.ID, "", ts.admin(s)...), http.StatusNoContent)
		}, true, count(1)},
	}
	for _, st := range steps {
		st.do(t)
		var now string
		if st.moves {
			state(t, func(m map[string]any) bool { now = marker(m); return now != last && (st.ready == nil || st.ready(m)) })
		} else {
			// Give the projector time to show the change, then check.
			time.Sleep(300 * time.Millisecond)
			m := state(t, func(m map[string]any) bool { return st.ready == nil || st.ready(m) })
			if now = marker(m); now != last {
				t.Errorf("%s moved me_marker from %q to %q: every phone would fetch /me", st.name, last, now)
			}
		}
		last = now
	}

	me := ts.do(t, "GET", "/api/v1/sessions/"+s.ID+"/participants/me", "", "Authorization", "Bearer "+ana.Token)
	mustStatus(t, me, http.StatusOK)
	if me.Header.Get("X-Poll-Interval-Ms") != "2000" {
		t.Errorf("/me X-Poll-Interval-Ms %q", me.Header.Get("X-Poll-Interval-Ms"))
	}
	nm := ts.do(t, "GET", "/api/v1/sessions/"+s.ID+"/participants/me", "", "Authorization", "Bearer "+ana.Token, "If-None-Match", me.Header.Get("ETag"))
	if nm.Status != http.StatusNotModified || nm.Header.Get("X-Poll-Interval-Ms") != "2000" {
		t.Errorf("/me 304: %d interval %q", nm.Status, nm.Header.Get("X-Poll-Interval-Ms"))
	}
}

// TestCompression_LargeJSONIsGzipped: JSON of 1 KiB or more goes out
// gzip-compressed to clients that accept it; small JSON and clients that
// do not accept gzip get it plain.
func TestCompression_LargeJSONIsGzipped(t *testing.T) {
	t.Parallel()
	ts := startServer(t, serverEnv(t))
	s := ts.createSession(t, "Compression")
	for i := 0; i < 12; i++ {
		ts.createActivity(t, s, `{"type":"poll","title":"A question long enough to make the list grow past a kilobyte","options":[{"label":"yes"},{"label":"no"}]}`)
	}
	list := "/api/v1/sessions/" + s.ID + "/activities"
	// The list is read from the projection: wait until it has all twelve.
	eventually(t, 3*time.Second, "the activities projected", func() bool {
		r := ts.do(t, "GET", list, "", append([]string{"Accept-Encoding", "identity"}, ts.admin(s)...)...)
		return strings.Count(string(r.Body), `"type":"poll"`) == 12
	})
	tests := []struct {
		name, path, encoding string
		headers              []string
		wantGzip             bool
	}{
		{"large, gzip accepted", list, "gzip", ts.admin(s), true},
		{"large, identity only", list, "identity", ts.admin(s), false},
		{"small", "/api/v1/join/" + s.JoinCode, "gzip", nil, false},
		{"large problem-free document", "/api/openapi.json", "gzip", nil, true},
	}
	for _, tt := range tests {
		r := ts.do(t, "GET", tt.path, "", append([]string{"Accept-Encoding", tt.encoding}, tt.headers...)...)
		mustStatus(t, r, http.StatusOK)
		gz := r.Header.Get("Content-Encoding") == "gzip"
		if gz != tt.wantGzip {
			t.Errorf("%s: Content-Encoding %q", tt.name, r.Header.Get("Content-Encoding"))
			continue
		}
		body := r.Body
		if gz {
			body = gunzip(t, body)
			if !slices.Contains(r.Header.Values("Vary"), "Accept-Encoding") {
				t.Errorf("%s: compressed without Vary: Accept-Encoding", tt.name)
			}
		}
		if !json.Valid(body) {
			t.Errorf("%s: not JSON after decoding", tt.name)
		}
	}
}

// TestViewerAddress_FromTrustedProxiesOnly: behind CloudFront the
// viewer's address comes in CloudFront-Viewer-Address; rate limits count
// against it only when the request comes from a trusted proxy.
func TestViewerAddress_FromTrustedProxiesOnly(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		trusted string
		// second is the status of a second session creation from another
		// viewer address, with a budget of one a minute.
		second int
	}{
		{"trusted proxy", "127.0.0.1", http.StatusCreated},
		{"untrusted peer", "", http.StatusTooManyRequests},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			env := serverEnv(t)
			env["CAJA_CREATE_RATE"] = "1"
			env["TRUSTED_PROXIES"] = tt.trusted
			ts := startServer(t, env)
			create := func(viewer string) int {
				return ts.do(t, "POST", "/api/v1/sessions", `{"name":"s","admin_id":"a"}`, "CloudFront-Viewer-Address", viewer).Status
			}
			if got := create("203.0.113.9:40001"); got != http.StatusCreated {
				t.Fatalf("first: %d", got)
			}
			if got := create("2001:db8::7:40002"); got != tt.second {
				t.Errorf("another viewer: %d, want %d", got, tt.second)
			}
			if tt.trusted != "" {
				if got := create("203.0.113.9:50000"); got != http.StatusTooManyRequests {
					t.Errorf("same viewer, another port: %d, want 429", got)
				}
				if !strings.Contains(ts.Logs.String(), `"client":"203.0.113.9"`) {
					t.Errorf("the access log does not name the viewer")
				}
			}
		})
	}
}
