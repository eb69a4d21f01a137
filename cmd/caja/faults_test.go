package main

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/cajalive/caja/readmodel"
	"github.com/cajalive/caja/readmodel/readmodeltest"
	"github.com/cajalive/caja/writemodel/writemodeltest"
)

// The fault tests start and stop Redis, Postgres and Caja processes of
// their own; nothing shared is stopped.

var (
	buildOnce sync.Once
	binPath   string
	buildErr  error
)

// cajaBinary builds the server once per test run.
func cajaBinary(t *testing.T) string {
	t.Helper()
	buildOnce.Do(func() {
		dir, err := os.MkdirTemp("", "caja-bin-")
		if err != nil {
			buildErr = err
			return
		}
		binPath = filepath.Join(dir, "caja")
		out, err := exec.Command("go", "build", "-o", binPath, ".").CombinedOutput()
		if err != nil {
			buildErr = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if buildErr != nil {
		t.Fatal(buildErr)
	}
	return binPath
}

// serverProcess is a `caja serve` child process.
type serverProcess struct {
	URL  string
	cmd  *exec.Cmd
	logs *syncBuffer
	*testServer
}

func startProcess(t *testing.T, env map[string]string) *serverProcess {
	t.Helper()
	addr := freePort(t)
	env["CAJA_ADDR"] = addr
	cmd := exec.Command(cajaBinary(t), "serve")
	for k, v := range env {
		cmd.Env = append(cmd.Env, k+"="+v)
	}
	logs := &syncBuffer{}
	cmd.Stdout, cmd.Stderr = logs, logs
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	p := &serverProcess{URL: "http://" + addr, cmd: cmd, logs: logs, testServer: &testServer{URL: "http://" + addr, Logs: logs}}
	t.Cleanup(p.kill)
	eventually(t, 20*time.Second, "server ready", func() bool {
		resp, err := http.Get(p.URL + "/readyz")
		if err != nil {
			return false
		}
		resp.Body.Close()
		return resp.StatusCode == http.StatusOK
	})
	return p
}

// kill is kill -9.
func (p *serverProcess) kill() {
	if p.cmd.ProcessState == nil {
		_ = p.cmd.Process.Signal(syscall.SIGKILL)
		_ = p.cmd.Wait()
	}
}

func (p *serverProcess) projectorActive(t *testing.T) bool {
	t.Helper()
	req, err := http.NewRequest("GET", p.URL+"/metrics", nil)
	if err != nil {
		return false
	}
	req.Header.Set("Authorization", "Bearer "+testMetricsToken)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return false
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return strings.Contains(string(b), "\ncaja_projector_active 1")
}

// pollSetup creates a session with an open poll on screen and n participants.
func pollSetup(t *testing.T, ts *testServer, n int) (created, activity, []participant) {
	t.Helper()
	s := ts.createSession(t, "Fault")
	a := ts.createActivity(t, s, `{"type":"poll","title":"?","options":[{"label":"a"},{"label":"b"}]}`)
	ts.present(t, s, a.ID)
	ps := make([]participant, n)
	var wg sync.WaitGroup
	sem := make(chan struct{}, 16)
	for i := range ps {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			ps[i] = ts.join(t, s, "p"+strconv.Itoa(i))
		}()
	}
	wg.Wait()
	return s, a, ps
}

// answerAll sends one answer per participant, 8 at a time, counting the
// acknowledged ones per option ("a", "b") in acked; stop ends early.
func answerAll(ts *testServer, s created, a activity, ps []participant, stop <-chan struct{}, acked *[2]atomic.Int32) (attempted int32) {
	var tried atomic.Int32
	jobs := make(chan int)
	var wg sync.WaitGroup
	client := &http.Client{Timeout: 5 * time.Second}
	for w := 0; w < 8; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				opt := i % 2
				req, _ := http.NewRequest("POST", ts.URL+"/api/v1/sessions/"+s.ID+"/activities/"+a.ID+"/responses", strings.NewReader(`{"option_ids":["`+a.Options[opt].ID+`"]}`))
				req.Header.Set("Authorization", "Bearer "+ps[i].Token)
				tried.Add(1)
				resp, err := client.Do(req)
				if err != nil {
					continue
				}
				resp.Body.Close()
				if resp.StatusCode == http.StatusCreated {
					acked[opt].Add(1)
				}
			}
		}()
	}
	for i := range ps {
		select {
		case <-stop:
		case jobs <- i:
			continue
		}
		break
	}
	close(jobs)
	wg.Wait()
	return tried.Load()
}

func TestFault_RedisFlushedUnderLoad(t *testing.T) {
	t.Parallel()
	redisProc := readmodeltest.StartProcess(t)
	env := serverEnv(t)
	env["REDIS_URL"] = redisProc.URL()
	ts := startServer(t, env)
	s, a, ps := pollSetup(t, ts, 300)

	done := make(chan [2]int32)
	go func() {
		var acked [2]atomic.Int32
		answerAll(ts, s, a, ps, nil, &acked)
		done <- [2]int32{acked[0].Load(), acked[1].Load()}
	}()
	time.Sleep(300 * time.Millisecond)
	rc := redis.NewClient(&redis.Options{Addr: "127.0.0.1:" + strconv.Itoa(redisProc.Port)})
	defer rc.Close()
	if err := rc.FlushAll(context.Background()).Err(); err != nil {
		t.Fatal(err)
	}
	flushed := time.Now()
	eventually(t, 2*time.Second, "polls recover after FLUSHALL", func() bool {
		return ts.do(t, "GET", "/api/v1/sessions/"+s.ID+"/state", "").Status == http.StatusOK
	})
	t.Logf("polls recovered %s after FLUSHALL", time.Since(flushed))
	acked := <-done
	ts.waitResults(t, s, a.ID, func(m map[string]any) bool {
		c := counts(m)
		return c["a"] == int(acked[0]) && c["b"] == int(acked[1])
	})
}

func TestFault_RedisDown(t *testing.T) {
	t.Parallel()
	redisProc := readmodeltest.StartProcess(t)
	env := serverEnv(t)
	env["REDIS_URL"] = redisProc.URL()
	ts := startServer(t, env)
	s, a, ps := pollSetup(t, ts, 4)
	state := "/api/v1/sessions/" + s.ID + "/state"
	eventually(t, 2*time.Second, "projected", func() bool { return ts.do(t, "GET", state, "").Status == http.StatusOK })

	redisProc.Kill()
	// For ViewCacheTTL the last state read is still served from memory.
	time.Sleep(readmodel.ViewCacheTTL)
	start := time.Now()
	r := ts.do(t, "GET", state, "")
	if r.Status != http.StatusServiceUnavailable || r.Header.Get("Retry-After") == "" || time.Since(start) > time.Second {
		t.Errorf("poll with Redis down: %d Retry-After=%q after %s", r.Status, r.Header.Get("Retry-After"), time.Since(start))
	}
	// Within 100 ms: no dial retries on the hot path (the best of three
	// polls, so a busy test machine's pause does not decide).
	fastest := time.Hour
	for range 3 {
		time.Sleep(readmodel.ViewCacheTTL)
		start := time.Now()
		mustStatus(t, ts.do(t, "GET", state, ""), http.StatusServiceUnavailable)
		fastest = min(fastest, time.Since(start))
	}
	if fastest > 100*time.Millisecond {
		t.Errorf("polls with Redis down took at least %s, want a 503 within 100 ms", fastest)
	}

	// Postgres is the truth: commands keep working.
	mustStatus(t, ts.do(t, "PATCH", "/api/v1/sessions/"+s.ID, `{"name":"Renamed while Redis was down"}`, ts.admin(s)...), http.StatusOK)
	late := ts.join(t, s, "late")
	mustStatus(t, ts.answer(t, s, a.ID, late, `{"option_ids":["`+a.Options[1].ID+`"]}`), http.StatusCreated)
	mustStatus(t, ts.answer(t, s, a.ID, ps[0], `{"option_ids":["`+a.Options[0].ID+`"]}`), http.StatusCreated)
	if n := writemodeltest.Count(t, ts.DB, "outbox"); n == 0 {
		t.Error("outbox rows should wait while Redis is down")
	}

	redisProc.Start() // a new, empty Redis
	eventually(t, 5*time.Second, "read model caught up", func() bool {
		r := ts.do(t, "GET", state, "")
		return r.Status == http.StatusOK && strings.Contains(string(r.Body), "Renamed while Redis was down") && strings.Contains(string(r.Body), `"participant_count":5`)
	})
	ts.waitResults(t, s, a.ID, func(m map[string]any) bool { return counts(m)["a"] == 1 && counts(m)["b"] == 1 })
}

func TestFault_PostgresDown(t *testing.T) {
	t.Parallel()
	pg := writemodeltest.StartProcess(t)
	env := serverEnv(t)
	env["DATABASE_URL"] = pg.URL()
	ts := startServer(t, env)
	s, _, _ := pollSetup(t, ts, 2)
	state := "/api/v1/sessions/" + s.ID + "/state"
	var etag string
	eventually(t, 2*time.Second, "projected", func() bool {
		r := ts.do(t, "GET", state, "")
		etag = r.Header.Get("ETag")
		return r.Status == http.StatusOK && strings.Contains(string(r.Body), `"participant_count":2`)
	})

	pg.Stop()
	start := time.Now()
	r := ts.do(t, "PATCH", "/api/v1/sessions/"+s.ID, `{"name":"x"}`, ts.admin(s)...)
	if r.Status != http.StatusServiceUnavailable || r.Header.Get("Retry-After") == "" || time.Since(start) > 2*time.Second {
		t.Errorf("command with Postgres down: %d Retry-After=%q after %s: %s", r.Status, r.Header.Get("Retry-After"), time.Since(start), r.Body)
	}
	if strings.Contains(string(r.Body), "127.0.0.1") || strings.Contains(string(r.Body), "dial") {
		t.Errorf("503 leaks internals: %s", r.Body)
	}
	mustStatus(t, ts.do(t, "POST", "/api/v1/sessions/"+s.ID+"/participants", `{"nickname":"x"}`), http.StatusServiceUnavailable)
	// Reads stay available: the point of CQRS.
	mustStatus(t, ts.do(t, "GET", state, ""), http.StatusOK)
	mustStatus(t, ts.do(t, "GET", state, "", "If-None-Match", etag), http.StatusNotModified)
	if r := ts.do(t, "GET", "/readyz", ""); r.Status != http.StatusServiceUnavailable || !strings.Contains(string(r.Body), `"database":"down"`) {
		t.Errorf("/readyz with Postgres down: %d %s", r.Status, r.Body)
	}

	pg.Start()
	eventually(t, 10*time.Second, "commands work again without a restart", func() bool {
		return ts.do(t, "PATCH", "/api/v1/sessions/"+s.ID, `{"name":"Back"}`, ts.admin(s)...).Status == http.StatusOK
	})
	eventually(t, 5*time.Second, "the change is projected", func() bool {
		return strings.Contains(string(ts.do(t, "GET", state, "").Body), `"name":"Back"`)
	})
	mustStatus(t, ts.do(t, "GET", "/readyz", ""), http.StatusOK)
}

func TestFault_SlowRedis(t *testing.T) {
	t.Parallel()
	redisProc := readmodeltest.StartProcess(t)
	env := serverEnv(t)
	env["REDIS_URL"] = redisProc.URL()
	ts := startServer(t, env)
	s := ts.createSession(t, "Slow")
	state := "/api/v1/sessions/" + s.ID + "/state"
	eventually(t, 2*time.Second, "projected", func() bool { return ts.do(t, "GET", state, "").Status == http.StatusOK })
	baseline := runtime.NumGoroutine()

	redisProc.Pause()
	time.Sleep(readmodel.ViewCacheTTL) // what was just read is served from memory that long
	var slowest atomic.Int64
	var not503 atomic.Int32
	var wg sync.WaitGroup
	for i := 0; i < 200; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			start := time.Now()
			if r := ts.do(t, "GET", state, ""); r.Status != http.StatusServiceUnavailable || r.Header.Get("Retry-After") == "" {
				not503.Add(1)
			}
			if d := int64(time.Since(start)); d > slowest.Load() {
				slowest.Store(d)
			}
		}()
	}
	wg.Wait()
	if not503.Load() > 0 || time.Duration(slowest.Load()) > 2*time.Second {
		t.Errorf("polls against a frozen Redis: %d not 503, slowest %s", not503.Load(), time.Duration(slowest.Load()))
	}
	// Nothing piles up: the goroutines of those requests are gone.
	eventually(t, 3*time.Second, "goroutines back to baseline", func() bool { return runtime.NumGoroutine() < baseline+50 })
	redisProc.Resume()
	eventually(t, 3*time.Second, "polls served again", func() bool { return ts.do(t, "GET", state, "").Status == http.StatusOK })
}

func TestFault_KilledDuringAnswerBurst(t *testing.T) {
	t.Parallel()
	env := serverEnv(t)
	delete(env, "CAJA_ADDR")
	first := startProcess(t, copyEnv(env))
	s, a, ps := pollSetup(t, first.testServer, 400)

	var acked [2]atomic.Int32
	stop := make(chan struct{})
	go func() {
		for acked[0].Load()+acked[1].Load() < 100 {
			time.Sleep(time.Millisecond)
		}
		first.kill() // kill -9 mid-burst
		close(stop)
	}()
	attempted := answerAll(first.testServer, s, a, ps, stop, &acked)
	<-stop
	want := [2]int{int(acked[0].Load()), int(acked[1].Load())}
	if want[0]+want[1] >= len(ps) {
		t.Fatalf("the kill came after the burst (%v acknowledged): nothing was tested", want)
	}
	t.Logf("acknowledged %v of %d attempted before and during the kill", want, attempted)

	second := startProcess(t, copyEnv(env))
	db := openDB(t, env["DATABASE_URL"])
	var stored [2]int
	for i, o := range a.Options {
		if err := db.QueryRow("SELECT count(*) FROM responses WHERE option_ids ? $1", o.ID).Scan(&stored[i]); err != nil {
			t.Fatal(err)
		}
		if stored[i] < want[i] {
			t.Errorf("option %d: %d acknowledged but only %d stored", i, want[i], stored[i])
		}
	}
	second.waitResults(t, s, a.ID, func(m map[string]any) bool {
		c := counts(m)
		return c["a"] == stored[0] && c["b"] == stored[1] && m["total_responses"] == float64(stored[0]+stored[1])
	})
	t.Logf("acknowledged %v, stored %v (answers in flight at the kill may or may not have committed)", want, stored)
}

func TestFault_TwoServersOneProjector(t *testing.T) {
	t.Parallel()
	env := serverEnv(t)
	a := startProcess(t, copyEnv(env))
	b := startProcess(t, copyEnv(env))
	eventually(t, 5*time.Second, "exactly one projector active", func() bool { return a.projectorActive(t) != b.projectorActive(t) })
	active, standby := a, b
	if b.projectorActive(t) {
		active, standby = b, a
	}

	s, poll, ps := pollSetup(t, active.testServer, 40)
	var acked [2]int
	for i, p := range ps[:20] {
		via := []*serverProcess{a, b}[i%2]
		if via.answer(t, s, poll.ID, p, `{"option_ids":["`+poll.Options[i%2].ID+`"]}`).Status == http.StatusCreated {
			acked[i%2]++
		}
	}
	active.kill()
	killed := time.Now()
	eventually(t, 10*time.Second, "the standby takes over", func() bool { return standby.projectorActive(t) })
	t.Logf("standby took over %s after the kill", time.Since(killed))
	for i, p := range ps[20:] {
		if standby.answer(t, s, poll.ID, p, `{"option_ids":["`+poll.Options[i%2].ID+`"]}`).Status == http.StatusCreated {
			acked[i%2]++
		}
	}
	standby.waitResults(t, s, poll.ID, func(m map[string]any) bool {
		c := counts(m)
		return c["a"] == acked[0] && c["b"] == acked[1]
	})
}

func copyEnv(env map[string]string) map[string]string {
	out := make(map[string]string, len(env))
	for k, v := range env {
		out[k] = v
	}
	return out
}

// TestFault_PostgresHangs: a frozen Postgres (every process stopped, its
// connections open) makes commands answer 503 with Retry-After at their
// deadline instead of waiting as long as it does; /readyz names the hang;
// polls go on from Redis; when it wakes, commands work again.
func TestFault_PostgresHangs(t *testing.T) {
	t.Parallel()
	pg := writemodeltest.StartProcess(t)
	env := serverEnv(t)
	env["DATABASE_URL"] = pg.URL()
	env["CAJA_COMMAND_TIMEOUT"] = "2s"
	ts := startServer(t, env)
	s, _, _ := pollSetup(t, ts, 1)
	state := "/api/v1/sessions/" + s.ID + "/state"
	eventually(t, 2*time.Second, "projected", func() bool { return ts.do(t, "GET", state, "").Status == http.StatusOK })

	pg.Pause()
	defer pg.Resume()
	for _, cmd := range []struct{ method, path, body string }{
		{"POST", "/api/v1/sessions/" + s.ID + "/participants", `{"nickname":"late"}`},
		{"POST", "/api/v1/sessions", `{"name":"new","admin_id":"ana"}`},
	} {
		start := time.Now()
		r := ts.do(t, cmd.method, cmd.path, cmd.body)
		if took := time.Since(start); r.Status != http.StatusServiceUnavailable || r.Header.Get("Retry-After") == "" || took > 4*time.Second {
			t.Errorf("%s %s with Postgres frozen: %d Retry-After=%q after %s, want 503 at the 2 s deadline", cmd.method, cmd.path, r.Status, r.Header.Get("Retry-After"), took)
		}
	}
	mustStatus(t, ts.do(t, "GET", state, ""), http.StatusOK)
	start := time.Now()
	if r := ts.do(t, "GET", "/readyz", ""); r.Status != http.StatusServiceUnavailable || !strings.Contains(string(r.Body), `"database":"timeout"`) || !strings.Contains(string(r.Body), `"redis":"up"`) || time.Since(start) > 2*time.Second {
		t.Errorf("/readyz with Postgres frozen: %d %s after %s, want database timeout, redis up", r.Status, r.Body, time.Since(start))
	}

	pg.Resume()
	eventually(t, 10*time.Second, "commands work again", func() bool {
		return ts.do(t, "POST", "/api/v1/sessions/"+s.ID+"/participants", `{"nickname":"awake"}`).Status == http.StatusCreated
	})
}
