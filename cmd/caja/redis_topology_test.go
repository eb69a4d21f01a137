package main

import (
	"context"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/cajalive/caja/cmd/cajaload/loadgen"
	"github.com/cajalive/caja/readmodel/readmodeltest"
)

// The same scenario against a real 3-master Redis Cluster and a real
// Sentinel deployment, each started on free ports for the test.

// votesOn answers 1,000 times from 64 phones and wants the read model exact.
func votesOn(t *testing.T, ts *testServer) {
	t.Helper()
	cl := loadgen.NewClient(ts.URL, 64)
	cl.MetricsToken = testMetricsToken
	rep, err := loadgen.Votes(context.Background(), cl, loadgen.VotesConfig{N: 1000, C: 64, Options: 3, Converge: 15 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Errors != 0 || rep.Joined != 1000 || rep.Answered != 1000 || !rep.Converged {
		t.Fatalf("votes:\n%s", rep)
	}
}

// pollsAnswer200Then304 wants a poll's 200 with an ETag, then 304 for it.
func pollsAnswer200Then304(t *testing.T, ts *testServer, id string) {
	t.Helper()
	state := "/api/v1/sessions/" + id + "/state"
	// A projection still in progress (joins arriving) changes the view
	// between two polls: then the second is a 200 with the new ETag, and
	// the next one with that tag must be the 304.
	var etag string
	var last response
	eventually(t, 5*time.Second, "poll 200, then 304 with its ETag", func() bool {
		last = ts.do(t, "GET", state, "", "If-None-Match", etag)
		if last.Status == http.StatusNotModified && etag != "" {
			return true
		}
		if last.Status == http.StatusOK {
			etag = last.Header.Get("ETag")
		}
		return false
	})
}

func readyz(t *testing.T, ts *testServer, want int) {
	t.Helper()
	eventually(t, 5*time.Second, "/readyz "+http.StatusText(want), func() bool { return ts.do(t, "GET", "/readyz", "").Status == want })
}

func TestRedisCluster_ServesShardsAndRecoversAFlushedShard(t *testing.T) {
	t.Parallel()
	cluster := readmodeltest.StartCluster(t)
	env := serverEnv(t)
	env["REDIS_URL"] = cluster.URL()
	env["CAJA_REDIS_MODE"] = "cluster"
	ts := startServer(t, env)
	readyz(t, ts, http.StatusOK)

	votesOn(t, ts)

	// Keys of 50 sessions spread over all three masters.
	ids := make([]string, 50)
	for i := range ids {
		ids[i] = ts.createSession(t, "Shard").ID
	}
	for _, id := range ids {
		pollsAnswer200Then304(t, ts, id)
	}
	ctx := context.Background()
	for i := range cluster.Masters {
		m := cluster.Master(i)
		keys, err := m.Keys(ctx, ts.Redis.Keys.Prefix+"{*}:session").Result()
		_ = m.Close()
		if err != nil {
			t.Fatal(err)
		}
		if len(keys) == 0 {
			t.Errorf("master %d holds no session: keys are not spread over the shards", i)
		}
	}

	// One shard loses everything under load: the read model is exact
	// afterwards.
	s, a, ps := pollSetup(t, ts, 200)
	done := make(chan [2]int32)
	go func() {
		var acked [2]atomic.Int32
		answerAll(ts, s, a, ps, nil, &acked)
		done <- [2]int32{acked[0].Load(), acked[1].Load()}
	}()
	time.Sleep(200 * time.Millisecond)
	for i := range cluster.Masters {
		m := cluster.Master(i)
		// The shard holding the session: it and its marker must come back.
		n, _ := m.Exists(ctx, ts.Redis.Keys.Session(s.ID)).Result()
		if n == 1 {
			if err := m.FlushAll(ctx).Err(); err != nil {
				t.Fatal(err)
			}
		}
		_ = m.Close()
	}
	acked := <-done
	eventually(t, 10*time.Second, "results exact after a shard's FLUSHALL", func() bool {
		r := ts.do(t, "GET", "/api/v1/sessions/"+s.ID+"/activities/"+a.ID+"/results", "", ts.admin(s)...)
		if r.Status != http.StatusOK {
			return false
		}
		c := counts(r.json(t))
		return c["a"] == int(acked[0]) && c["b"] == int(acked[1])
	})
	// Every phone's own document is back too, not only the results.
	for _, p := range ps {
		r := ts.do(t, "GET", "/api/v1/sessions/"+s.ID+"/participants/me", "", "Authorization", "Bearer "+p.Token)
		if r.Status != http.StatusOK {
			t.Fatalf("a phone's /me after the shard's FLUSHALL: %d %s", r.Status, r.Body)
		}
	}
	if n := strings.Count(ts.Logs.String(), "read model rebuilt"); n < 2 {
		t.Errorf("the flushed shard was not noticed: %d rebuilds logged, want the first and one after the FLUSHALL", n)
	}
	for _, id := range ids {
		pollsAnswer200Then304(t, ts, id)
	}
	readyz(t, ts, http.StatusOK)
}

func TestRedisSentinel_FailoverLosesNoAnswer(t *testing.T) {
	t.Parallel()
	sentinel := readmodeltest.StartSentinel(t)
	env := serverEnv(t)
	env["REDIS_URL"] = sentinel.URL()
	env["CAJA_REDIS_MODE"] = "sentinel"
	ts := startServer(t, env)
	readyz(t, ts, http.StatusOK)

	votesOn(t, ts)

	s, a, ps := pollSetup(t, ts, 300)
	pollsAnswer200Then304(t, ts, s.ID)
	done := make(chan [2]int32)
	go func() {
		var acked [2]atomic.Int32
		answerAll(ts, s, a, ps, nil, &acked)
		done <- [2]int32{acked[0].Load(), acked[1].Load()}
	}()
	time.Sleep(100 * time.Millisecond)
	sentinel.Failover(t)
	failedOver := time.Now()
	acked := <-done
	if acked[0]+acked[1] == 0 {
		t.Fatal("no answer acknowledged")
	}
	eventually(t, 10*time.Second-time.Since(failedOver), "results exact within 10 s of the failover", func() bool {
		r := ts.do(t, "GET", "/api/v1/sessions/"+s.ID+"/activities/"+a.ID+"/results", "", ts.admin(s)...)
		if r.Status != http.StatusOK {
			return false
		}
		c := counts(r.json(t))
		return c["a"] == int(acked[0]) && c["b"] == int(acked[1])
	})
	// The meta check that notices the new primary runs every second; the
	// results can be exact before it does (when nothing was lost).
	eventually(t, max(3*time.Second, 10*time.Second-time.Since(failedOver)), "the new primary noticed (a rebuild after the start-up one)", func() bool {
		return strings.Count(ts.Logs.String(), "read model rebuilt") >= 2
	})
	pollsAnswer200Then304(t, ts, s.ID)
	readyz(t, ts, http.StatusOK)
}

// TestRedisMode_WrongModeIsNotReady: a single-node client on a cluster gets
// MOVED; /readyz says so (503, problem+json, the setting in detail) and the
// log says it once.
func TestRedisMode_WrongModeIsNotReady(t *testing.T) {
	t.Parallel()
	cluster := readmodeltest.StartCluster(t)
	env := serverEnv(t)
	env["REDIS_URL"] = "redis://" + cluster.Masters[0].Addr()
	ts := startServer(t, env)
	for range 20 {
		ts.createSession(t, "Wrong mode")
	}
	var r response
	eventually(t, 5*time.Second, "/readyz 503", func() bool {
		r = ts.do(t, "GET", "/readyz", "")
		return r.Status == http.StatusServiceUnavailable
	})
	if ct := r.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/problem+json") {
		t.Errorf("Content-Type %q, want application/problem+json", ct)
	}
	if d, _ := r.json(t)["detail"].(string); !strings.Contains(d, "CAJA_REDIS_MODE=cluster") {
		t.Errorf("detail %q does not name CAJA_REDIS_MODE=cluster", d)
	}
	if n := strings.Count(ts.Logs.String(), "Redis configuration problem: Redis is a cluster"); n != 1 {
		t.Errorf("the MOVED problem was logged %d times, want once:\n%s", n, ts.Logs.String())
	}
}

// TestRedisSentinel_ReadsFromReplicas: with CAJA_REDIS_READ_FROM_REPLICAS
// the server is ready, projects and answers polls 200 then 304.
func TestRedisSentinel_ReadsFromReplicas(t *testing.T) {
	t.Parallel()
	sentinel := readmodeltest.StartSentinel(t)
	env := serverEnv(t)
	env["REDIS_URL"] = sentinel.URL()
	env["CAJA_REDIS_MODE"] = "sentinel"
	env["CAJA_REDIS_READ_FROM_REPLICAS"] = "true"
	ts := startServer(t, env)
	readyz(t, ts, http.StatusOK)
	s, a, ps := pollSetup(t, ts, 20)
	for _, p := range ps[:10] {
		mustStatus(t, ts.answer(t, s, a.ID, p, `{"option_ids":["`+a.Options[0].ID+`"]}`), http.StatusCreated)
	}
	ts.waitResults(t, s, a.ID, func(m map[string]any) bool { return counts(m)["a"] == 10 })
	pollsAnswer200Then304(t, ts, s.ID)
	for range 5 {
		readyz(t, ts, http.StatusOK)
	}
}
