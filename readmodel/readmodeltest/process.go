package readmodeltest

import (
	"context"
	"fmt"
	"net"
	"os/exec"
	"strconv"
	"syscall"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
)

// Process is a redis-server this test started on a free port, so that it can
// be stopped, paused or flushed without touching anything shared.
type Process struct {
	Port int
	cmd  *exec.Cmd
	tb   testing.TB
}

// URL is the process's redis:// URL.
func (p *Process) URL() string { return fmt.Sprintf("redis://127.0.0.1:%d/0", p.Port) }

// StartProcess starts redis-server on a free port and stops it when the test
// ends.
func StartProcess(tb testing.TB) *Process {
	tb.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		tb.Fatal(err)
	}
	port := l.Addr().(*net.TCPAddr).Port
	_ = l.Close()
	p := &Process{Port: port, tb: tb}
	p.Start()
	tb.Cleanup(p.Kill)
	return p
}

// Start (re)starts the server on its port and waits until it answers.
func (p *Process) Start() {
	p.tb.Helper()
	p.cmd = exec.Command("redis-server", "--port", strconv.Itoa(p.Port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--loglevel", "warning")
	if err := p.cmd.Start(); err != nil {
		p.tb.Fatalf("start redis-server (is it installed?): %v", err)
	}
	c := redis.NewClient(&redis.Options{Addr: fmt.Sprintf("127.0.0.1:%d", p.Port)})
	defer c.Close()
	deadline := time.Now().Add(5 * time.Second)
	for c.Ping(context.Background()).Err() != nil {
		if time.Now().After(deadline) {
			p.tb.Fatal("redis-server did not come up")
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// Kill stops the server abruptly.
func (p *Process) Kill() {
	if p.cmd == nil || p.cmd.Process == nil {
		return
	}
	_ = p.cmd.Process.Kill()
	_ = p.cmd.Wait()
	p.cmd = nil
}

// Pause freezes the server (SIGSTOP): connections stay open, nothing answers.
func (p *Process) Pause() { _ = p.cmd.Process.Signal(syscall.SIGSTOP) }

// Resume undoes Pause.
func (p *Process) Resume() { _ = p.cmd.Process.Signal(syscall.SIGCONT) }
