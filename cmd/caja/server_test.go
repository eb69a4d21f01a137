package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"go.uber.org/fx"

	"github.com/cajalive/caja"
	"github.com/cajalive/caja/readmodel"
	"github.com/cajalive/caja/readmodel/readmodeltest"
	"github.com/cajalive/caja/transport/httpapi"
	"github.com/cajalive/caja/writemodel"
	"github.com/cajalive/caja/writemodel/writemodeltest"
)

// syncBuffer collects the server's log lines.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

type testServer struct {
	URL   string
	DB    *writemodel.DB
	Redis *readmodel.Redis
	Logs  *syncBuffer
	app   *fx.App
}

// testMetricsToken opens /metrics of the test servers.
const testMetricsToken = "metrics-token-of-the-tests"

// serverEnv is the environment of a server on a fresh Postgres database and
// a fresh Redis prefix.
func serverEnv(t *testing.T) map[string]string {
	t.Helper()
	return map[string]string{
		"CAJA_ADDR":          "127.0.0.1:0",
		"DATABASE_URL":       writemodeltest.NewURL(t),
		"REDIS_URL":          readmodeltest.ServerURL(),
		"CAJA_REDIS_PREFIX":  readmodeltest.NewPrefix(),
		"FRONTEND_URL":       "http://caja.test",
		"CAJA_LOG_LEVEL":     "debug",
		"CAJA_METRICS_TOKEN": testMetricsToken,
		// Rate limits have their own test; elsewhere they would only
		// measure throttling, not the behaviour under test.
		"CAJA_JOIN_RATE":   "0",
		"CAJA_ANSWER_RATE": "0",
		"CAJA_CREATE_RATE": "0",
		"CAJA_VOTE_RATE":   "0",
		// Tests look join codes up in loops.
		"CAJA_JOIN_LOOKUP_RATE": "0",
	}
}

// startServer runs the whole app, as `caja serve` does, until the test ends.
func startServer(t *testing.T, environ map[string]string) *testServer {
	t.Helper()
	cfg, err := loadConfig(environ)
	if err != nil {
		t.Fatal(err)
	}
	logs := &syncBuffer{}
	ts := &testServer{Logs: logs}
	var srv *httpapi.Server
	ts.app = fx.New(serveOptions(cfg, newLogger(cfg, logs)), fx.Populate(&srv, &ts.DB, &ts.Redis))
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := ts.app.Start(ctx); err != nil {
		t.Fatalf("start: %v\n%s", err, logs.String())
	}
	ts.URL = "http://" + srv.Addr()
	t.Cleanup(func() { ts.stop(t) })
	ts.awaitReadModel()
	return ts
}

// awaitReadModel waits (up to 5 s) for the read model's first build, its
// caja:meta marker: until then an unknown token or join code cannot be
// told from one not yet projected, and is answered 503. Tests start after
// it, as a replica's traffic does. A Redis that does not answer is some
// test's subject: no wait then.
func (ts *testServer) awaitReadModel() {
	deadline := time.Now().Add(5 * time.Second)
	for time.Now().Before(deadline) {
		ctx, cancel := context.WithTimeout(context.Background(), time.Second)
		n, err := ts.Redis.Client.Exists(ctx, ts.Redis.Keys.Meta()).Result()
		cancel()
		if err != nil || n == 1 {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func (ts *testServer) stop(t *testing.T) {
	t.Helper()
	if ts.app == nil {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := ts.app.Stop(ctx); err != nil {
		t.Errorf("stop: %v", err)
	}
	ts.app = nil
}

type response struct {
	Status int
	Header http.Header
	Body   []byte
}

func (r response) json(t *testing.T) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(r.Body, &m); err != nil {
		t.Fatalf("body is not a JSON object (%d): %q", r.Status, r.Body)
	}
	return m
}

// do sends a request; headers come in pairs.
func (ts *testServer) do(t *testing.T, method, path, body string, headers ...string) response {
	t.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, err := http.NewRequest(method, ts.URL+path, rd)
	if err != nil {
		t.Fatal(err)
	}
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	for i := 0; i+1 < len(headers); i += 2 {
		if strings.EqualFold(headers[i], "Host") {
			req.Host = headers[i+1]
			continue
		}
		req.Header.Set(headers[i], headers[i+1])
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	checkProblemCode(t, method, path, resp.Header, b)
	return response{Status: resp.StatusCode, Header: resp.Header, Body: b}
}

// checkProblemCode fails a test whose request got a problem without one of
// the listed machine codes (caja.Codes): every test's problems are checked.
func checkProblemCode(t *testing.T, method, path string, h http.Header, body []byte) {
	t.Helper()
	if !strings.HasPrefix(h.Get("Content-Type"), "application/problem+json") || method == http.MethodHead {
		return // a HEAD answer has the headers of the problem, not its body
	}
	var p struct {
		Code caja.Code `json:"code"`
	}
	if err := json.Unmarshal(body, &p); err != nil || !slices.Contains(caja.Codes(), p.Code) {
		t.Errorf("%s %s: a problem without a listed code: %s", method, path, body)
	}
}

type created struct {
	ID         string `json:"id"`
	JoinCode   string `json:"join_code"`
	AdminToken string `json:"admin_token"`
	DisplayKey string `json:"display_key"`
	// ModeratorToken opens moderation and results only.
	ModeratorToken string `json:"moderator_token"`
}

func (ts *testServer) createSession(t *testing.T, name string) created {
	t.Helper()
	r := ts.do(t, "POST", "/api/v1/sessions", fmt.Sprintf(`{"name":%q,"description":"d","admin_id":"ana"}`, name))
	if r.Status != http.StatusCreated {
		t.Fatalf("create: %d %s", r.Status, r.Body)
	}
	var c created
	if err := json.Unmarshal(r.Body, &c); err != nil {
		t.Fatal(err)
	}
	return c
}

// eventually waits for cond. The bound is a test's expectation times
// eventuallySlack: speeds are measured by benchmarks, and a test on a
// loaded 2-core machine (the whole suite at once under -race) must not fail
// for being slow; a condition that holds returns at once whatever the bound.
func eventually(t *testing.T, within time.Duration, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(within * eventuallySlack)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("%s: not within %s", what, within*eventuallySlack)
		}
		time.Sleep(25 * time.Millisecond)
	}
}

// eventuallySlack multiplies every eventually bound.
const eventuallySlack = 3

func TestServer_SessionLifecycle(t *testing.T) {
	t.Parallel()
	ts := startServer(t, serverEnv(t))

	r := ts.do(t, "POST", "/api/v1/sessions", `{"name":"Town hall","description":"Q3 all hands","admin_id":"ana"}`)
	if r.Status != http.StatusCreated {
		t.Fatalf("create: %d %s", r.Status, r.Body)
	}
	s := r.json(t)
	for _, k := range []string{"id", "name", "description", "status", "admin_id", "join_code", "join_url", "qr_code_url", "current_activity_id", "created_at", "updated_at", "admin_token"} {
		if _, ok := s[k]; !ok {
			t.Errorf("create response lacks %q", k)
		}
	}
	id := s["id"].(string)
	token := s["admin_token"].(string)
	if s["status"] != "draft" || s["current_activity_id"] != nil || !strings.HasPrefix(s["qr_code_url"].(string), "data:image/png;base64,") {
		t.Errorf("unexpected create response: %v", s)
	}
	if s["join_url"] != "http://caja.test/join/"+s["join_code"].(string) {
		t.Errorf("join_url = %v", s["join_url"])
	}

	got := ts.do(t, "GET", "/api/v1/sessions/"+id, "")
	if got.Status != http.StatusOK {
		t.Fatalf("get: %d %s", got.Status, got.Body)
	}
	g := got.json(t)
	if _, leaked := g["admin_token"]; leaked || g["name"] != "Town hall" {
		t.Errorf("get: %v", g)
	}

	join := ts.do(t, "GET", "/api/v1/join/"+s["join_code"].(string), "")
	if join.Status != http.StatusOK || join.json(t)["session_id"] != id {
		t.Errorf("join by code: %d %s", join.Status, join.Body)
	}

	poll := ts.do(t, "GET", "/api/v1/sessions/"+id+"/state", "")
	etag := poll.Header.Get("ETag")
	if poll.Status != http.StatusOK || etag == "" || poll.Header.Get("Cache-Control") != "public, max-age=0, s-maxage=1, stale-while-revalidate=4" {
		t.Fatalf("poll: %d etag=%q cc=%q", poll.Status, etag, poll.Header.Get("Cache-Control"))
	}
	state := poll.json(t)
	if state["current_activity"] != nil || state["participant_count"] != float64(0) {
		t.Errorf("state: %v", state)
	}

	for _, inm := range []string{etag, "W/" + etag, `"nope", ` + etag, "*"} {
		nm := ts.do(t, "GET", "/api/v1/sessions/"+id+"/state", "", "If-None-Match", inm)
		if nm.Status != http.StatusNotModified || len(nm.Body) != 0 || nm.Header.Get("Content-Type") != "" || nm.Header.Get("ETag") != etag {
			t.Errorf("If-None-Match %s: %d ct=%q body=%q", inm, nm.Status, nm.Header.Get("Content-Type"), nm.Body)
		}
	}
	if r := ts.do(t, "GET", "/api/v1/sessions/"+id+"/state", "", "If-None-Match", `"other"`); r.Status != http.StatusOK {
		t.Errorf("non-matching If-None-Match: %d", r.Status)
	}

	patched := ts.do(t, "PATCH", "/api/v1/sessions/"+id, `{"name":"Town hall (live)","status":"active"}`, "Authorization", "Bearer "+token)
	if patched.Status != http.StatusOK || patched.json(t)["status"] != "active" {
		t.Fatalf("patch: %d %s", patched.Status, patched.Body)
	}
	start := time.Now()
	eventually(t, time.Second, "poll shows the change", func() bool {
		r := ts.do(t, "GET", "/api/v1/sessions/"+id+"/state", "", "If-None-Match", etag)
		return r.Status == http.StatusOK && strings.Contains(string(r.Body), `"status":"active"`) && r.Header.Get("ETag") != etag
	})
	t.Logf("change visible after %s", time.Since(start))

	if qr := ts.do(t, "GET", "/api/v1/sessions/"+id+"/qr.png", ""); qr.Status != http.StatusOK || qr.Header.Get("Content-Type") != "image/png" || !bytes.HasPrefix(qr.Body, []byte("\x89PNG")) || !strings.Contains(qr.Header.Get("Cache-Control"), "max-age") {
		t.Errorf("qr.png: %d %q %q", qr.Status, qr.Header.Get("Content-Type"), qr.Header.Get("Cache-Control"))
	}
}

func TestServer_LastUpdateParameter(t *testing.T) {
	t.Parallel()
	ts := startServer(t, serverEnv(t))
	s := ts.createSession(t, "Town hall")
	eventually(t, time.Second, "projected", func() bool {
		return ts.do(t, "GET", "/api/v1/sessions/"+s.ID+"/state", "").Status == http.StatusOK
	})
	future := time.Now().Add(time.Hour).UTC().Format(time.RFC3339)
	past := time.Now().Add(-time.Hour).UTC().Format(time.RFC3339)
	if r := ts.do(t, "GET", "/api/v1/sessions/"+s.ID+"/state?last_update="+future, ""); r.Status != http.StatusNotModified {
		t.Errorf("nothing changed since last_update: got %d", r.Status)
	}
	if r := ts.do(t, "GET", "/api/v1/sessions/"+s.ID+"/state?last_update="+past, ""); r.Status != http.StatusOK {
		t.Errorf("changed since last_update: got %d", r.Status)
	}
}

func TestServer_ViewsNeedTheirSecret(t *testing.T) {
	t.Parallel()
	ts := startServer(t, serverEnv(t))
	a := ts.createSession(t, "A")
	b := ts.createSession(t, "B")
	base := "/api/v1/sessions/" + a.ID + "/state"
	tests := []struct {
		name   string
		path   string
		header []string
		status int
	}{
		{"DisplayWithKey", base + "?view=display&key=" + a.DisplayKey, nil, 200},
		{"DisplayWithoutKey", base + "?view=display", nil, 401},
		{"DisplayWithOtherSessionsKey", base + "?view=display&key=" + b.DisplayKey, nil, 403},
		{"DisplayKeyIsNotAdmin", base + "?view=admin", []string{"Authorization", "Bearer " + a.DisplayKey}, 403},
		{"AdminWithToken", base + "?view=admin", []string{"Authorization", "Bearer " + a.AdminToken}, 200},
		{"AdminWithoutToken", base + "?view=admin", nil, 401},
		{"AdminWithOtherSessionsToken", base + "?view=admin", []string{"Authorization", "Bearer " + b.AdminToken}, 403},
		{"UnknownView", base + "?view=secret", nil, 422},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var r response
			eventually(t, 2*time.Second, "answer", func() bool {
				r = ts.do(t, "GET", tt.path, "", tt.header...)
				return r.Status != http.StatusServiceUnavailable
			})
			if r.Status != tt.status {
				t.Fatalf("got %d %s, want %d", r.Status, r.Body, tt.status)
			}
		})
	}
	admin := ts.do(t, "GET", base+"?view=admin", "", "Authorization", "Bearer "+a.AdminToken).json(t)
	if admin["session"].(map[string]any)["display_key"] != a.DisplayKey {
		t.Error("admin view must carry the display key")
	}
}

func TestServer_BadInput(t *testing.T) {
	t.Parallel()
	ts := startServer(t, serverEnv(t))
	s := ts.createSession(t, "Existing")
	auth := []string{"Authorization", "Bearer " + s.AdminToken}
	sessionPath := "/api/v1/sessions/" + s.ID
	tests := []struct {
		name   string
		method string
		path   string
		body   string
		header []string
		status int
		field  string
	}{
		{"MalformedJSON", "POST", "/api/v1/sessions", `{"name":`, nil, 400, ""},
		{"NotAnObject", "POST", "/api/v1/sessions", `["name"]`, nil, 400, ""},
		{"EmptyBody", "POST", "/api/v1/sessions", ``, nil, 400, ""},
		{"TwoObjects", "POST", "/api/v1/sessions", `{"name":"a","admin_id":"b"}{}`, nil, 400, ""},
		{"UnknownField", "POST", "/api/v1/sessions", `{"name":"a","admin_id":"b","owner":"x"}`, nil, 422, "owner"},
		{"WrongTypeName", "POST", "/api/v1/sessions", `{"name":5,"admin_id":"b"}`, nil, 422, "name"},
		{"MissingName", "POST", "/api/v1/sessions", `{"admin_id":"b"}`, nil, 422, "name"},
		{"EmptyName", "POST", "/api/v1/sessions", `{"name":"","admin_id":"b"}`, nil, 422, "name"},
		{"LongName", "POST", "/api/v1/sessions", `{"name":"` + strings.Repeat("x", 256) + `","admin_id":"b"}`, nil, 422, "name"},
		{"LongDescription", "POST", "/api/v1/sessions", `{"name":"a","admin_id":"b","description":"` + strings.Repeat("x", 1001) + `"}`, nil, 422, "description"},
		{"MissingAdminID", "POST", "/api/v1/sessions", `{"name":"a"}`, nil, 422, "admin_id"},
		{"ControlCharacters", "POST", "/api/v1/sessions", `{"name":"a\u0007b","admin_id":"b"}`, nil, 422, "name"},
		{"BodyTooLarge", "POST", "/api/v1/sessions", `{"name":"a","admin_id":"b","description":"` + strings.Repeat("x", 70<<10) + `"}`, nil, 413, ""},
		{"GetInvalidUUID", "GET", "/api/v1/sessions/not-a-uuid", "", nil, 400, "id"},
		{"GetUnknown", "GET", "/api/v1/sessions/00000000-0000-4000-8000-000000000000", "", nil, 404, ""},
		{"StateInvalidUUID", "GET", "/api/v1/sessions/123/state", "", nil, 400, "id"},
		{"StateUnknown", "GET", "/api/v1/sessions/00000000-0000-4000-8000-000000000000/state", "", nil, 404, ""},
		{"StateBadLastUpdate", "GET", sessionPath + "/state?last_update=yesterday", "", nil, 422, "last_update"},
		{"JoinUnknownCode", "GET", "/api/v1/join/000000", "", nil, 404, ""},
		{"JoinNotDigits", "GET", "/api/v1/join/abc", "", nil, 404, ""},
		{"PatchNoToken", "PATCH", sessionPath, `{"name":"x"}`, nil, 401, ""},
		{"PatchWrongToken", "PATCH", sessionPath, `{"name":"x"}`, []string{"Authorization", "Bearer wrong"}, 403, ""},
		{"PatchBadStatus", "PATCH", sessionPath, `{"status":"paused"}`, auth, 422, "status"},
		{"PatchBackwards", "PATCH", sessionPath, `{"status":"completed"}`, auth, 200, ""},
		{"PatchAfterCompleted", "PATCH", sessionPath, `{"status":"active"}`, auth, 409, "status"},
		{"PatchNullName", "PATCH", sessionPath, `{"name":null}`, auth, 422, "name"},
		{"PatchWrongType", "PATCH", sessionPath, `{"show_join_info":"yes"}`, auth, 422, "show_join_info"},
		{"PatchUnknownField", "PATCH", sessionPath, `{"admin_token":"x"}`, auth, 422, "admin_token"},
		{"PatchBadActivityID", "PATCH", sessionPath, `{"current_activity_id":"nope"}`, auth, 422, "current_activity_id"},
		{"PatchUnknownSession", "PATCH", "/api/v1/sessions/00000000-0000-4000-8000-000000000000", `{"name":"x"}`, auth, 404, ""},
		{"QRBadSize", "GET", sessionPath + "/qr.png?size=99999", "", nil, 422, "size"},
		{"UnknownAPIPath", "GET", "/api/v1/nothing", "", nil, 404, ""},
		{"WrongMethod", "DELETE", "/api/v1/sessions", "", nil, 405, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := writemodeltest.Count(t, ts.DB, "sessions")
			r := ts.do(t, tt.method, tt.path, tt.body, tt.header...)
			if r.Status != tt.status {
				t.Fatalf("status %d, want %d: %s", r.Status, tt.status, r.Body)
			}
			if tt.status >= 400 {
				if ct := r.Header.Get("Content-Type"); ct != "application/problem+json" {
					t.Errorf("content type %q", ct)
				}
				p := r.json(t)
				if p["status"] != float64(tt.status) || p["title"] == "" || p["type"] == "" {
					t.Errorf("problem document: %s", r.Body)
				}
				if tt.field != "" && !strings.Contains(string(r.Body), `"field":"`+tt.field+`"`) {
					t.Errorf("problem does not name field %q: %s", tt.field, r.Body)
				}
			}
			if after := writemodeltest.Count(t, ts.DB, "sessions"); after != before {
				t.Errorf("sessions %d → %d: a bad request wrote", before, after)
			}
		})
	}
}

func TestServer_RedisFlushedThenPoll(t *testing.T) {
	t.Parallel()
	ts := startServer(t, serverEnv(t))
	s := ts.createSession(t, "Town hall")
	path := "/api/v1/sessions/" + s.ID + "/state"
	eventually(t, time.Second, "projected", func() bool { return ts.do(t, "GET", path, "").Status == http.StatusOK })

	readmodeltest.DeletePrefix(t, ts.Redis) // FLUSHALL, for this test's keys only
	r := ts.do(t, "GET", path, "")
	if r.Status != http.StatusOK || !strings.Contains(string(r.Body), "Town hall") {
		t.Fatalf("first poll after flush: %d %s", r.Status, r.Body)
	}
	eventually(t, 2*time.Second, "join code back", func() bool {
		return ts.do(t, "GET", "/api/v1/join/"+s.JoinCode, "").Status == http.StatusOK
	})
}

func TestServer_HealthAndHosts(t *testing.T) {
	t.Parallel()
	env := serverEnv(t)
	env["ALLOWED_HOSTS"] = "caja.example.com,*.venue.example"
	ts := startServer(t, env)
	for _, p := range []string{"/health", "/livez", "/readyz"} {
		if r := ts.do(t, "GET", p, "", "Host", "10.0.0.7:8080"); r.Status != http.StatusOK {
			t.Errorf("%s from a load balancer's IP host: %d %s", p, r.Status, r.Body)
		}
	}
	if h := ts.do(t, "GET", "/health", "").json(t); h["status"] != "healthy" || h["timestamp"] == nil {
		t.Errorf("/health: %v", h)
	}
	hosts := []struct {
		host   string
		status int
	}{
		{"caja.example.com", 200},
		{"caja.example.com:8443", 200},
		{"hall-a.venue.example", 200},
		{"evil.example", 400},
		{"venue.example.evil", 400},
	}
	for _, h := range hosts {
		r := ts.do(t, "GET", "/api/v1/join/123456", "", "Host", h.host)
		got := r.Status
		if got == http.StatusNotFound || got == http.StatusServiceUnavailable {
			got = 200 // past the host filter
		}
		if got != h.status {
			t.Errorf("Host %s: %d, want %d", h.host, r.Status, h.status)
		}
	}
}

func TestServer_ReadyzFollowsRedis(t *testing.T) {
	t.Parallel()
	redisProc := readmodeltest.StartProcess(t)
	env := serverEnv(t)
	env["REDIS_URL"] = redisProc.URL()
	ts := startServer(t, env)
	if r := ts.do(t, "GET", "/readyz", ""); r.Status != http.StatusOK {
		t.Fatalf("/readyz: %d %s", r.Status, r.Body)
	}
	redisProc.Kill()
	start := time.Now()
	r := ts.do(t, "GET", "/readyz", "")
	if r.Status != http.StatusServiceUnavailable || !strings.Contains(string(r.Body), `"redis":"down"`) {
		t.Errorf("/readyz with Redis down: %d %s", r.Status, r.Body)
	}
	if time.Since(start) > 2*time.Second {
		t.Errorf("/readyz took %s with Redis down", time.Since(start))
	}
	redisProc.Start()
	eventually(t, 3*time.Second, "ready again", func() bool { return ts.do(t, "GET", "/readyz", "").Status == http.StatusOK })
}

func freePort(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().String()
}

func TestServer_EmbeddedModeKeepsSessionsAcrossRestart(t *testing.T) {
	t.Parallel()
	env := map[string]string{
		"CAJA_ADDR":                "127.0.0.1:0",
		"CAJA_DATA_DIR":            t.TempDir(),
		"CAJA_EMBEDDED_REDIS_ADDR": freePort(t),
	}
	first := startServer(t, env)
	if !strings.Contains(first.Logs.String(), "mode: embedded") {
		t.Errorf("start-up log does not say embedded mode:\n%s", first.Logs.String())
	}
	s := first.createSession(t, "Offline meetup")
	path := "/api/v1/sessions/" + s.ID + "/state"
	eventually(t, time.Second, "projected", func() bool { return first.do(t, "GET", path, "").Status == http.StatusOK })
	first.stop(t)

	second := startServer(t, env)
	r := second.do(t, "GET", path, "")
	if r.Status != http.StatusOK || !strings.Contains(string(r.Body), "Offline meetup") {
		t.Fatalf("after restart: %d %s", r.Status, r.Body)
	}
	if j := second.do(t, "GET", "/api/v1/join/"+s.JoinCode, ""); j.Status != http.StatusOK {
		t.Errorf("join code after restart: %d %s", j.Status, j.Body)
	}
	if p := second.do(t, "PATCH", "/api/v1/sessions/"+s.ID, `{"status":"active"}`, "Authorization", "Bearer "+s.AdminToken); p.Status != http.StatusOK {
		t.Errorf("admin token after restart: %d %s", p.Status, p.Body)
	}
}

func TestConfig_BadValueNamesVariable(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, key, value string
	}{
		{"Bool", "DEBUG", "maybe"},
		{"Duration", "CAJA_SHUTDOWN_TIMEOUT", "soon"},
		{"Int", "CAJA_DB_MAX_CONNS", "many"},
		{"URL", "FRONTEND_URL", "caja.example.com"},
		{"Addr", "CAJA_ADDR", "8080"},
		{"DatabaseURL", "DATABASE_URL", "mysql://x"},
		{"RedisURL", "REDIS_URL", "localhost:6379"},
		{"LogLevel", "CAJA_LOG_LEVEL", "loud"},
		{"Proxies", "TRUSTED_PROXIES", "not-an-ip"},
		{"QnAMaxQuestions", "CAJA_QNA_MAX_QUESTIONS", "0"},
		{"QnAMaxPerParticipant", "CAJA_QNA_MAX_PER_PARTICIPANT", "lots"},
		{"SharedMaxAge", "CAJA_POLL_SHARED_MAX_AGE", "1500ms"},
		{"ExportMaxBytes", "CAJA_EXPORT_MAX_BYTES", "0"},
		{"SessionConcurrency", "CAJA_SESSION_CONCURRENCY", "-1"},
		{"ProjectorConns", "CAJA_DB_PROJECTOR_CONNS", "1"},
		{"ProjectorCacheBytes", "CAJA_PROJECTOR_CACHE_BYTES", "1000"},
		{"ExportMaxBytesWord", "CAJA_EXPORT_MAX_BYTES", "lots"},
		{"RedisMode", "CAJA_REDIS_MODE", "galaxy"},
		{"RedisModeWithoutURL", "CAJA_REDIS_MODE", "cluster"},
		{"ReadFromReplicas", "CAJA_REDIS_READ_FROM_REPLICAS", "often"},
		{"RedisPrefixHashTag", "CAJA_REDIS_PREFIX", "caja:{x}:"},
		{"AuthMode", "CAJA_AUTH", "maybe"},
		{"OIDCIssuer", "CAJA_OIDC_ISSUER", "accounts.example.com"},
		{"LoginRate", "CAJA_LOGIN_RATE", "often"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := run([]string{"serve"}, map[string]string{tt.key: tt.value}, io.Discard)
			if err == nil || !strings.Contains(err.Error(), tt.key) || strings.Contains(err.Error(), "\n") {
				t.Fatalf("got %v, want one line naming %s", err, tt.key)
			}
		})
	}
}

// TestConfig_SSONeedsAProvider: CAJA_AUTH=sso without an issuer, or an
// issuer without a client id, is one line naming what is missing.
func TestConfig_SSONeedsAProvider(t *testing.T) {
	t.Parallel()
	for env, want := range map[string]map[string]string{
		"CAJA_OIDC_ISSUER":    {"CAJA_AUTH": "sso"},
		"CAJA_OIDC_CLIENT_ID": {"CAJA_OIDC_ISSUER": "https://accounts.example.com"},
	} {
		err := run([]string{"serve"}, want, io.Discard)
		if err == nil || !strings.Contains(err.Error(), env) || strings.Contains(err.Error(), "\n") {
			t.Errorf("%v: got %v, want one line naming %s", want, err, env)
		}
	}
}

func TestHealthcheck(t *testing.T) {
	t.Parallel()
	ts := startServer(t, serverEnv(t))
	_, port, _ := net.SplitHostPort(strings.TrimPrefix(ts.URL, "http://"))
	if err := run([]string{"healthcheck"}, map[string]string{"CAJA_ADDR": ":" + port}, io.Discard); err != nil {
		t.Errorf("healthcheck against a running server: %v", err)
	}
	if err := run([]string{"healthcheck"}, map[string]string{"CAJA_ADDR": freePort(t)}, io.Discard); err == nil {
		t.Error("healthcheck with no server must fail")
	}
}

// TestServer_QRCodeIsCached: the projector's QR code is one image per size
// step with an ETag, revalidated with a 304 instead of rendered again.
func TestServer_QRCodeIsCached(t *testing.T) {
	t.Parallel()
	ts := startServer(t, serverEnv(t))
	s := ts.createSession(t, "QR")
	path := "/api/v1/sessions/" + s.ID + "/qr.png"
	var first response
	eventually(t, 2*time.Second, "qr.png", func() bool { first = ts.do(t, "GET", path+"?size=2000", ""); return first.Status == http.StatusOK })
	etag := first.Header.Get("ETag")
	if etag == "" || !strings.Contains(first.Header.Get("Cache-Control"), "max-age") {
		t.Fatalf("qr.png: ETag %q, Cache-Control %q", etag, first.Header.Get("Cache-Control"))
	}
	if again := ts.do(t, "GET", path+"?size=2048", ""); again.Header.Get("ETag") != etag || !bytes.Equal(again.Body, first.Body) {
		t.Error("sizes 2000 and 2048 are not the same image (sizes snap to a few steps)")
	}
	if r := ts.do(t, "GET", path+"?size=2048", "", "If-None-Match", etag); r.Status != http.StatusNotModified || len(r.Body) != 0 {
		t.Errorf("revalidation: %d with %d bytes, want 304", r.Status, len(r.Body))
	}
	if small := ts.do(t, "GET", path+"?size=100", ""); small.Header.Get("ETag") == etag {
		t.Error("a small QR code has the large one's ETag")
	}
}
