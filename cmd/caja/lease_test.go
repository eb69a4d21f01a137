package main

import (
	"net/http"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestFault_FrozenProjectorIsReplaced: the active projector's process is
// frozen (SIGSTOP: its connections stay open, it renews nothing). The other
// server takes the lease within its TTL and a change made through it
// reaches phones within 10 s. When the frozen one wakes it writes nothing
// (its lease's epoch is fenced off) and stands by.
func TestFault_FrozenProjectorIsReplaced(t *testing.T) {
	t.Parallel()
	env := serverEnv(t)
	a := startProcess(t, copyEnv(env))
	b := startProcess(t, copyEnv(env))
	eventually(t, 10*time.Second, "exactly one projector active", func() bool { return a.projectorActive(t) != b.projectorActive(t) })
	active, standby := a, b
	if b.projectorActive(t) {
		active, standby = b, a
	}
	s, poll, ps := pollSetup(t, standby.testServer, 20)
	for _, p := range ps[:10] {
		mustStatus(t, standby.answer(t, s, poll.ID, p, `{"option_ids":["`+poll.Options[0].ID+`"]}`), http.StatusCreated)
	}
	standby.waitResults(t, s, poll.ID, func(m map[string]any) bool { return counts(m)["a"] == 10 })

	if err := active.cmd.Process.Signal(syscall.SIGSTOP); err != nil {
		t.Fatal(err)
	}
	frozen := true
	t.Cleanup(func() {
		if frozen {
			_ = active.cmd.Process.Signal(syscall.SIGCONT)
		}
	})
	stopped := time.Now()
	for _, p := range ps[10:] {
		mustStatus(t, standby.answer(t, s, poll.ID, p, `{"option_ids":["`+poll.Options[1].ID+`"]}`), http.StatusCreated)
	}
	changed := time.Now()
	var etag, last string
	t.Cleanup(func() {
		if t.Failed() {
			t.Logf("last seen: %s\nstandby logs:\n%s", last, standby.logs.String())
		}
	})
	eventually(t, 10*time.Second, "the answers made after the freeze reach phones", func() bool {
		r := standby.do(t, "GET", "/api/v1/sessions/"+s.ID+"/activities/"+poll.ID+"/results", "", standby.admin(s)...)
		last = string(r.Body)
		if r.Status != http.StatusOK || counts(r.json(t))["b"] != 10 {
			return false
		}
		st := standby.do(t, "GET", "/api/v1/sessions/"+s.ID+"/state?view=display&key="+s.DisplayKey, "")
		last = string(st.Body)
		etag = st.Header.Get("ETag")
		return st.Status == http.StatusOK && strings.Contains(string(st.Body), `"total_responses":20`)
	})
	t.Logf("visible %s after the change, %s after the freeze", time.Since(changed).Round(time.Millisecond), time.Since(stopped).Round(time.Millisecond))
	if !standby.projectorActive(t) {
		t.Fatal("the other server did not take the projector lease")
	}

	if err := active.cmd.Process.Signal(syscall.SIGCONT); err != nil {
		t.Fatal(err)
	}
	frozen = false
	// For 10 s after the wake-up the display view stays what they are: nothing the
	// frozen process had rendered before its freeze is written over them.
	for end := time.Now().Add(10 * time.Second); time.Now().Before(end); time.Sleep(200 * time.Millisecond) {
		st := standby.do(t, "GET", "/api/v1/sessions/"+s.ID+"/state?view=display&key="+s.DisplayKey, "")
		if got := st.Header.Get("ETag"); got != etag {
			t.Fatalf("after the frozen projector woke, the display view changed from %s to %s: %s", etag, got, st.Body)
		}
		r := standby.do(t, "GET", "/api/v1/sessions/"+s.ID+"/activities/"+poll.ID+"/results", "", standby.admin(s)...)
		if c := counts(r.json(t)); c["a"] != 10 || c["b"] != 10 {
			t.Fatalf("results after the wake-up: %v", c)
		}
	}
	eventually(t, 5*time.Second, "the woken server stands by, the other stays active", func() bool {
		return !active.projectorActive(t) && standby.projectorActive(t)
	})
	// It still serves: a change through it is projected by the new leader.
	mustStatus(t, active.do(t, "PATCH", "/api/v1/sessions/"+s.ID+"/activities/"+poll.ID, `{"status":"closed"}`, active.admin(s)...), http.StatusOK)
	eventually(t, 5*time.Second, "a change through the woken server", func() bool {
		st := standby.do(t, "GET", "/api/v1/sessions/"+s.ID+"/state?view=display&key="+s.DisplayKey, "")
		return st.Header.Get("ETag") != etag
	})
}

// TestFault_TimerClosedWithItsServerGone: a timed poll is opened through one
// server, which is then killed; the other server closes the poll at its
// deadline (every server sweeps deadlines, whichever holds the projector
// lease).
func TestFault_TimerClosedWithItsServerGone(t *testing.T) {
	t.Parallel()
	env := serverEnv(t)
	a := startProcess(t, copyEnv(env))
	b := startProcess(t, copyEnv(env))
	s := a.createSession(t, "Timer")
	poll := a.createActivity(t, s, `{"type":"poll","title":"Quick","options":[{"label":"a"},{"label":"b"}],"settings":{"time_limit_s":5}}`)
	a.present(t, s, poll.ID)
	opened := time.Now()
	a.kill()
	eventually(t, 15*time.Second, "the poll closed by the other server", func() bool {
		c := currentActivity(b.views(t, s)["participant"])
		return c != nil && c["status"] == "closed"
	})
	if took := time.Since(opened); took < 4*time.Second {
		t.Errorf("closed %s after opening, before its 5 s deadline", took)
	}
	t.Logf("closed %s after opening (deadline 5 s)", time.Since(opened).Round(time.Millisecond))
}
