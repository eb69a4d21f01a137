package main

import (
	"encoding/json"
	"net"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"
)

func ips(ss ...string) []net.IP {
	out := make([]net.IP, len(ss))
	for i, s := range ss {
		out[i] = net.ParseIP(s)
	}
	return out
}

func TestMachine_JoinBaseURLIsReachableByPhones(t *testing.T) {
	t.Parallel()
	lan := machine{hostname: "laptop", addrs: ips("127.0.0.1", "::1", "fe80::1", "169.254.10.1", "192.168.1.20", "10.0.0.5")}
	alone := machine{hostname: "laptop", addrs: ips("127.0.0.1", "::1", "169.254.10.1")}
	tests := []struct {
		name   string
		m      machine
		listen string
		want   string
	}{
		{"EveryInterface", lan, ":8080", "http://192.168.1.20:8080"},
		{"Unspecified", lan, "0.0.0.0:9000", "http://192.168.1.20:9000"},
		{"UnspecifiedV6", lan, "[::]:8080", "http://192.168.1.20:8080"},
		{"NoNetwork", alone, ":8080", "http://localhost:8080"},
		{"LoopbackOnly", lan, "127.0.0.1:8080", "http://localhost:8080"},
		{"BoundToOneAddress", lan, "10.0.0.5:8080", "http://10.0.0.5:8080"},
		{"BoundToAName", lan, "caja.lan:8080", "http://caja.lan:8080"},
		{"PortEighty", lan, ":80", "http://192.168.1.20"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.m.joinBaseURL(tt.listen); got != tt.want {
				t.Errorf("joinBaseURL(%q) = %q, want %q", tt.listen, got, tt.want)
			}
		})
	}
}

func TestMachine_AllowedHostsNameTheMachine(t *testing.T) {
	t.Parallel()
	m := machine{hostname: "laptop", addrs: ips("127.0.0.1", "192.168.1.20", "fe80::1", "2001:db8::7")}
	got := m.allowedHosts("caja.example.com")
	for _, h := range []string{"localhost", "127.0.0.1", "::1", "192.168.1.20", "2001:db8::7", "laptop", "laptop.local", "caja.example.com"} {
		if !slices.Contains(got, h) {
			t.Errorf("allowed hosts %v lack %q", got, h)
		}
	}
	if slices.Contains(got, "fe80::1") {
		t.Errorf("allowed hosts %v list a link-local address", got)
	}
}

func TestConfig_OperatorSettingsWin(t *testing.T) {
	t.Parallel()
	m := machine{hostname: "laptop", addrs: ips("192.168.1.20")}
	tests := []struct {
		name      string
		env       map[string]string
		wantBase  string
		wantHosts []string
	}{
		{"Defaults", map[string]string{}, "http://192.168.1.20:8080", []string{"localhost", "192.168.1.20", "laptop", "laptop.local"}},
		{"FrontendURL", map[string]string{"FRONTEND_URL": "https://caja.example.com/"}, "https://caja.example.com", []string{"localhost", "laptop", "caja.example.com"}},
		{"AllowedHosts", map[string]string{"ALLOWED_HOSTS": "caja.example.com"}, "http://192.168.1.20:8080", []string{"caja.example.com"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg, err := loadConfig(tt.env)
			if err != nil {
				t.Fatal(err)
			}
			cfg.JoinBaseURL, cfg.HTTP.AllowedHosts = "", nil
			if tt.env["ALLOWED_HOSTS"] != "" {
				cfg.HTTP.AllowedHosts = strings.Split(tt.env["ALLOWED_HOSTS"], ",")
			}
			cfg.resolveNetwork(m)
			if cfg.JoinBaseURL != tt.wantBase {
				t.Errorf("join base %q, want %q", cfg.JoinBaseURL, tt.wantBase)
			}
			for _, h := range tt.wantHosts {
				if !slices.Contains(cfg.HTTP.AllowedHosts, h) {
					t.Errorf("allowed hosts %v lack %q", cfg.HTTP.AllowedHosts, h)
				}
			}
			if tt.env["ALLOWED_HOSTS"] != "" && len(cfg.HTTP.AllowedHosts) != len(tt.wantHosts) {
				t.Errorf("allowed hosts %v: the operator's list must stand alone", cfg.HTTP.AllowedHosts)
			}
		})
	}
}

// TestServer_PhonesJoinOverTheLAN runs the default command's network
// settings: no FRONTEND_URL, no ALLOWED_HOSTS, listening on every interface.
func TestServer_PhonesJoinOverTheLAN(t *testing.T) {
	t.Parallel()
	env := serverEnv(t)
	delete(env, "FRONTEND_URL")
	_, port, _ := net.SplitHostPort(freePort(t))
	env["CAJA_ADDR"] = ":" + port
	ts := startServer(t, env)
	ts.URL = "http://127.0.0.1:" + port

	lanHost := "localhost"
	if ip := thisMachine().lanIPv4(); ip != nil {
		lanHost = ip.String()
	}
	wantBase := "http://" + lanHost + ":" + port
	if !strings.Contains(ts.Logs.String(), "phones join at "+wantBase+"/join") {
		t.Errorf("start-up log does not print the join base URL %s:\n%s", wantBase, ts.Logs.String())
	}

	s := ts.createSession(t, "Venue Wi-Fi")
	doc := ts.do(t, "GET", "/api/v1/sessions/"+s.ID, "").json(t)
	if doc["join_url"] != wantBase+"/join/"+s.JoinCode {
		t.Errorf("join_url %v, want %s/join/%s", doc["join_url"], wantBase, s.JoinCode)
	}

	hostname := thisMachine().hostname
	for _, host := range []string{lanHost + ":" + port, hostname + ":" + port, hostname + ".local:" + port, "localhost:" + port} {
		if r := ts.do(t, "GET", "/api/v1/join/"+s.JoinCode, "", "Host", host); r.Status != http.StatusOK {
			t.Errorf("Host %s: %d %s, want the session", host, r.Status, r.Body)
		}
	}

	for range 3 {
		r := ts.do(t, "GET", "/api/v1/join/"+s.JoinCode, "", "Host", "evil.example")
		if r.Status != http.StatusBadRequest || r.Header.Get("Content-Type") != "application/problem+json" || !strings.Contains(string(r.Body), "ALLOWED_HOSTS") {
			t.Fatalf("refused host: %d %s %s, want a 400 problem naming ALLOWED_HOSTS", r.Status, r.Header.Get("Content-Type"), r.Body)
		}
	}
	warnings := 0
	for _, line := range strings.Split(ts.Logs.String(), "\n") {
		if strings.Contains(line, `"level":"WARN"`) && strings.Contains(line, `"host":"evil.example"`) {
			warnings++
		}
	}
	if warnings != 1 {
		t.Errorf("%d WARN lines for the refused host name, want exactly 1", warnings)
	}
}

// TestServer_JoinLinksFollowTheBaseURL: the laptop moved to another network
// (or the operator set FRONTEND_URL) and restarted: the QR code and join link
// of an existing session lead to where the server is now.
func TestServer_JoinLinksFollowTheBaseURL(t *testing.T) {
	t.Parallel()
	env := serverEnv(t)
	env["FRONTEND_URL"] = "http://hall-a.test"
	first := startServer(t, env)
	s := first.createSession(t, "Moving laptop")
	state := "/api/v1/sessions/" + s.ID + "/state?view=display&key=" + url.QueryEscape(s.DisplayKey)
	eventually(t, 2*time.Second, "projected", func() bool { return first.do(t, "GET", state, "").Status == http.StatusOK })
	first.stop(t)

	env["FRONTEND_URL"] = "http://hall-b.test"
	second := startServer(t, env)
	want := "http://hall-b.test/join/" + s.JoinCode
	var qr string
	eventually(t, 5*time.Second, "join link re-rendered", func() bool {
		var view struct {
			Session struct {
				JoinURL   string `json:"join_url"`
				QRCodeURL string `json:"qr_code_url"`
			} `json:"session"`
		}
		r := second.do(t, "GET", state, "")
		if err := json.Unmarshal(r.Body, &view); err != nil {
			return false
		}
		qr = view.Session.QRCodeURL
		return view.Session.JoinURL == want
	})
	if sess := second.do(t, "GET", "/api/v1/sessions/"+s.ID, "").json(t); sess["join_url"] != want || sess["qr_code_url"] != qr {
		t.Errorf("session document: join_url %v, want %s and the display's QR code", sess["join_url"], want)
	}
}

// TestServer_ClientErrorsAreNotErrors: a client's mistake is logged at
// INFO without SQL; a fault of ours is one ERROR line with the request id.
func TestServer_ClientErrorsAreNotErrors(t *testing.T) {
	t.Parallel()
	env := serverEnv(t)
	env["CAJA_LOG_LEVEL"] = "info"
	ts := startServer(t, env)
	s := ts.createSession(t, "Logs")
	path := "/api/v1/sessions/" + s.ID + "/participants"
	if r := ts.do(t, "POST", path, `{"nickname":"Ann"}`); r.Status != http.StatusCreated {
		t.Fatalf("join: %d %s", r.Status, r.Body)
	}
	if r := ts.do(t, "POST", path, `{"nickname":"ann"}`); r.Status != http.StatusConflict {
		t.Fatalf("duplicate nickname: %d %s, want 409", r.Status, r.Body)
	}
	if r := ts.do(t, "POST", path, `{"nickname":`); r.Status != http.StatusBadRequest {
		t.Fatalf("malformed JSON: %d %s, want 400", r.Status, r.Body)
	}
	for _, line := range strings.Split(ts.Logs.String(), "\n") {
		if strings.Contains(line, `"level":"ERROR"`) || strings.Contains(line, "INSERT") || strings.Contains(line, "SELECT") {
			t.Errorf("client errors logged as ours or with SQL: %s", line)
		}
	}

	// A fault of ours: the table behind joins is gone.
	if err := ts.DB.Gorm.Exec("ALTER TABLE participants RENAME TO participants_gone").Error; err != nil {
		t.Fatal(err)
	}
	r := ts.do(t, "POST", path, `{"nickname":"Bob"}`)
	if r.Status != http.StatusInternalServerError || strings.Contains(string(r.Body), "participants") {
		t.Fatalf("broken table: %d %s, want a 500 without internals", r.Status, r.Body)
	}
	id := r.Header.Get("X-Request-Id")
	var errorLines []string
	for _, line := range strings.Split(ts.Logs.String(), "\n") {
		if strings.Contains(line, `"level":"ERROR"`) {
			errorLines = append(errorLines, line)
		}
	}
	if len(errorLines) != 1 || !strings.Contains(errorLines[0], `"request_id":"`+id+`"`) || !strings.Contains(errorLines[0], `"err":`) {
		t.Errorf("a 500 must log exactly one ERROR line with its request id %s and cause; got %d:\n%s", id, len(errorLines), strings.Join(errorLines, "\n"))
	}
}
