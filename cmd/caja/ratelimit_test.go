package main

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
)

func TestRateLimits(t *testing.T) {
	t.Parallel()
	env := serverEnv(t)
	env["CAJA_CREATE_RATE"] = "3"
	env["CAJA_ANSWER_RATE"] = "2"
	env["CAJA_JOIN_RATE"] = "100"
	env["TRUSTED_PROXIES"] = "127.0.0.1"
	ts := startServer(t, env)

	t.Run("SessionCreationPerAddress", func(t *testing.T) {
		from := []string{"X-Forwarded-For", "203.0.113.7"}
		for i := 0; i < 3; i++ {
			mustStatus(t, ts.do(t, "POST", "/api/v1/sessions", `{"name":"s","admin_id":"a"}`, from...), http.StatusCreated)
		}
		r := ts.do(t, "POST", "/api/v1/sessions", `{"name":"s","admin_id":"a"}`, from...)
		mustStatus(t, r, http.StatusTooManyRequests)
		if ra, err := strconv.Atoi(r.Header.Get("Retry-After")); err != nil || ra < 1 || r.Header.Get("Content-Type") != "application/problem+json" {
			t.Errorf("429 without Retry-After or problem+json: %v %q", r.Header, r.Body)
		}
		// Another address behind the trusted proxy has its own budget.
		mustStatus(t, ts.do(t, "POST", "/api/v1/sessions", `{"name":"s","admin_id":"a"}`, "X-Forwarded-For", "203.0.113.8"), http.StatusCreated)
	})

	t.Run("AnswersPerParticipant", func(t *testing.T) {
		s := ts.createSessionFrom(t, "198.51.100.1")
		rating := ts.createActivity(t, s, `{"type":"rating","title":"?"}`)
		ts.present(t, s, rating.ID)
		p, q := ts.join(t, s, "ana"), ts.join(t, s, "bo")
		var limited int
		for i := 0; i < 4; i++ {
			if ts.answer(t, s, rating.ID, p, `{"value":3}`).Status == http.StatusTooManyRequests {
				limited++
			}
		}
		if limited == 0 {
			t.Error("4 answers at once within a 2/s budget: none limited")
		}
		// Each participant has a budget of their own.
		mustStatus(t, ts.answer(t, s, rating.ID, q, `{"value":4}`), http.StatusCreated)
	})

	t.Run("JoinsFromOneVenueAddress", func(t *testing.T) {
		s := ts.createSessionFrom(t, "198.51.100.2")
		var ok, limited atomic.Int32
		var wg sync.WaitGroup
		for i := 0; i < 90; i++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				r := ts.do(t, "POST", "/api/v1/sessions/"+s.ID+"/participants", fmt.Sprintf(`{"nickname":"p%d"}`, i), "X-Forwarded-For", "192.0.2.44")
				switch r.Status {
				case http.StatusCreated:
					ok.Add(1)
				case http.StatusTooManyRequests:
					limited.Add(1)
				default:
					t.Errorf("join %d: %d %s", i, r.Status, r.Body)
				}
			}()
		}
		wg.Wait()
		if ok.Load() != 90 {
			t.Errorf("a venue of 90 phones joining at once from one address: %d in, %d limited", ok.Load(), limited.Load())
		}
	})
}

func TestRateLimits_XForwardedForIgnoredWithoutTrustedProxies(t *testing.T) {
	t.Parallel()
	env := serverEnv(t)
	env["CAJA_CREATE_RATE"] = "1"
	ts := startServer(t, env)
	mustStatus(t, ts.do(t, "POST", "/api/v1/sessions", `{"name":"s","admin_id":"a"}`, "X-Forwarded-For", "203.0.113.1"), http.StatusCreated)
	// A forged header does not buy a fresh budget.
	mustStatus(t, ts.do(t, "POST", "/api/v1/sessions", `{"name":"s","admin_id":"a"}`, "X-Forwarded-For", "203.0.113.2"), http.StatusTooManyRequests)
}

// createSessionFrom creates a session as if from the given address (behind
// a trusted proxy).
func (ts *testServer) createSessionFrom(t *testing.T, addr string) created {
	t.Helper()
	r := ts.do(t, "POST", "/api/v1/sessions", `{"name":"s","admin_id":"a"}`, "X-Forwarded-For", addr)
	mustStatus(t, r, http.StatusCreated)
	var c created
	if err := json.Unmarshal(r.Body, &c); err != nil {
		t.Fatal(err)
	}
	return c
}
