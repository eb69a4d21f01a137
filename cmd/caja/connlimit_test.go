package main

import (
	"bufio"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"
	"time"
)

// TestServer_IdleCrowdCannotLockPhonesOut: 20,000 connections opened from
// one address and left idle; a phone's poll is still answered at once, and
// the server stays within its memory limit (its connection cap is sized
// from it; at the cap a new connection takes the place of the one idle
// longest).
func TestServer_IdleCrowdCannotLockPhonesOut(t *testing.T) {
	t.Parallel()
	env := serverEnv(t)
	env["GOMEMLIMIT"] = "200MiB"
	p := startProcess(t, env)
	s := p.createSession(t, "Idle crowd")
	state := p.URL + "/api/v1/sessions/" + s.ID + "/state"
	phone := &http.Client{Transport: &http.Transport{DisableKeepAlives: true}, Timeout: 5 * time.Second}
	poll := func() (int, time.Duration) {
		start := time.Now()
		resp, err := phone.Get(state)
		if err != nil {
			t.Fatalf("poll: %v", err)
		}
		_, _ = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		return resp.StatusCode, time.Since(start)
	}
	eventually(t, 3*time.Second, "projected", func() bool { st, _ := poll(); return st == http.StatusOK })

	// Two processes of 10,000 connections each: one process may not hold
	// 20,000 files here.
	addr := strings.TrimPrefix(p.URL, "http://")
	for range 2 {
		holder := exec.Command(os.Args[0], "-test.run=^TestHelperProcess_HoldConnections$")
		holder.Env = append(os.Environ(), "CAJA_TEST_HOLD_ADDR="+addr, "CAJA_TEST_HOLD_N=10000")
		stdin, _ := holder.StdinPipe()
		out, _ := holder.StdoutPipe()
		if err := holder.Start(); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { _ = stdin.Close(); _ = holder.Wait() })
		line, err := bufio.NewReader(out).ReadString('\n')
		if err != nil || !strings.HasPrefix(line, "held 10000") {
			t.Fatalf("connection holder: %q %v", line, err)
		}
	}

	for i := range 3 {
		st, took := poll()
		if st != http.StatusOK || took > 100*time.Millisecond {
			t.Errorf("poll %d with 20,000 idle connections open: %d after %s, want 200 within 100 ms", i, st, took)
		}
	}
	if rss := processRSS(t, p.cmd.Process.Pid); rss > 200<<20 {
		t.Errorf("server RSS %d MiB with 20,000 idle connections, over its 200 MiB limit", rss>>20)
	}
}

// processRSS reads a process's resident memory in bytes.
func processRSS(t *testing.T, pid int) int64 {
	t.Helper()
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(string(b), "\n") {
		if f := strings.Fields(line); len(f) >= 2 && f[0] == "VmRSS:" {
			kb, _ := strconv.ParseInt(f[1], 10, 64)
			return kb << 10
		}
	}
	t.Fatal("no VmRSS")
	return 0
}

// TestHelperProcess_HoldConnections is not a test: run as a child of the
// test above, it opens CAJA_TEST_HOLD_N connections to CAJA_TEST_HOLD_ADDR,
// says so, and keeps them until its standard input closes.
func TestHelperProcess_HoldConnections(t *testing.T) {
	addr := os.Getenv("CAJA_TEST_HOLD_ADDR")
	if addr == "" {
		t.Skip("a helper process of TestServer_IdleCrowdCannotLockPhonesOut")
	}
	n, _ := strconv.Atoi(os.Getenv("CAJA_TEST_HOLD_N"))
	conns := make([]net.Conn, 0, n)
	for len(conns) < n {
		c, err := net.DialTimeout("tcp", addr, 5*time.Second)
		if err != nil {
			fmt.Printf("dial %d: %v\n", len(conns), err)
			os.Exit(1)
		}
		conns = append(conns, c)
	}
	fmt.Printf("held %d\n", len(conns))
	_, _ = io.Copy(io.Discard, os.Stdin)
	for _, c := range conns {
		_ = c.Close()
	}
	os.Exit(0)
}
