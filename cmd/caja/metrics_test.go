package main

import (
	"io"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"
)

// TestServer_Metrics checks that /metrics carries what the Grafana
// dashboard and the runbook read.
func TestServer_Metrics(t *testing.T) {
	t.Parallel()
	ts := startServer(t, serverEnv(t))
	s := ts.createSession(t, "Metrics")
	poll := ts.createActivity(t, s, `{"type":"poll","title":"?","options":[{"label":"a"},{"label":"b"}]}`)
	ts.present(t, s, poll.ID)
	p := ts.join(t, s, "ana")
	mustStatus(t, ts.answer(t, s, poll.ID, p, `{"option_ids":["`+poll.Options[0].ID+`"]}`), http.StatusCreated)
	state := "/api/v1/sessions/" + s.ID + "/state"
	var etag string
	// Settled: the state counts ana (a projection still to come would
	// rightly change the ETag).
	eventually(t, 2*time.Second, "a 200 poll counting ana", func() bool {
		r := ts.do(t, "GET", state, "")
		etag = r.Header.Get("ETag")
		return r.Status == http.StatusOK && strings.Contains(string(r.Body), `"participant_count":1`)
	})
	mustStatus(t, ts.do(t, "GET", state, "", "If-None-Match", etag), http.StatusNotModified)

	tests := []struct {
		what, pattern string
	}{
		{"requests by route and status", `caja_http_requests_total\{method="GET",route="/api/v1/sessions/:id/state",status="304"\} [1-9]`},
		{"request durations by route", `caja_http_request_duration_seconds_count\{method="POST",route="/api/v1/sessions/:id/activities/:aid/responses"\} 1`},
		{"the poll endpoint's 304s (for the 304 ratio)", `caja_poll_responses_total\{code="304",view="participant"\} [1-9]`},
		{"the poll endpoint's 200s", `caja_poll_responses_total\{code="200",view="participant"\} [1-9]`},
		{"projector lag", `caja_projector_lag_seconds_count [1-9]`},
		{"projector batch size", `caja_projector_batch_size_count [1-9]`},
		{"the active projector", `caja_projector_active 1`},
		{"outbox backlog", `caja_outbox_backlog `},
		{"Postgres pool", `go_sql_open_connections\{db_name="caja"\} `},
		{"Redis pool", `caja_redis_pool_total_conns [1-9]`},
		{"joins", `caja_joins_total 1`},
		{"answers", `caja_answers_total 1`},
		{"the suggested poll interval", `caja_poll_interval_seconds 2`},
		{"process memory", `process_resident_memory_bytes `},
	}
	missing := func(body string) (out []string) {
		for _, tt := range tests {
			if !regexp.MustCompile(`(?m)^` + tt.pattern).MatchString(body) {
				out = append(out, tt.what+": no line matching "+tt.pattern)
			}
		}
		return out
	}
	var body string
	for deadline := time.Now().Add(5 * time.Second); ; time.Sleep(50 * time.Millisecond) {
		body = string(ts.do(t, "GET", "/metrics", "", "Authorization", "Bearer "+testMetricsToken).Body)
		if len(missing(body)) == 0 || time.Now().After(deadline) {
			break
		}
	}
	for _, m := range missing(body) {
		t.Error(m)
	}
	if strings.Contains(body, s.AdminToken) || strings.Contains(body, p.Token) {
		t.Error("a secret appears in /metrics")
	}
}

// TestServer_MetricsAreNotPublic: /metrics tells outsiders how busy the
// service is; it needs CAJA_METRICS_TOKEN, or lives on CAJA_METRICS_ADDR.
func TestServer_MetricsAreNotPublic(t *testing.T) {
	t.Parallel()
	metricsAddr := freePort(t)
	tests := []struct {
		name       string
		env        map[string]string
		header     []string
		wantPublic int
	}{
		{"NeitherSet", map[string]string{"CAJA_METRICS_TOKEN": ""}, nil, http.StatusNotFound},
		{"TokenMissing", map[string]string{}, nil, http.StatusUnauthorized},
		{"TokenWrong", map[string]string{}, []string{"Authorization", "Bearer " + testMetricsToken + "x"}, http.StatusUnauthorized},
		{"TokenRight", map[string]string{}, []string{"Authorization", "Bearer " + testMetricsToken}, http.StatusOK},
		{"OwnAddress", map[string]string{"CAJA_METRICS_TOKEN": "", "CAJA_METRICS_ADDR": metricsAddr}, nil, http.StatusNotFound},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			env := serverEnv(t)
			for k, v := range tt.env {
				env[k] = v
			}
			ts := startServer(t, env)
			if r := ts.do(t, "GET", "/metrics", "", tt.header...); r.Status != tt.wantPublic {
				t.Errorf("/metrics on the public port: %d, want %d", r.Status, tt.wantPublic)
			}
			if tt.env["CAJA_METRICS_ADDR"] != "" {
				resp, err := http.Get("http://" + metricsAddr + "/metrics")
				if err != nil {
					t.Fatal(err)
				}
				b, _ := io.ReadAll(resp.Body)
				resp.Body.Close()
				if resp.StatusCode != http.StatusOK || !strings.Contains(string(b), "caja_projector_active") {
					t.Errorf("/metrics on CAJA_METRICS_ADDR: %d %.200s", resp.StatusCode, b)
				}
			}
		})
	}
}
