package writemodeltest

import (
	"context"
	"fmt"
	"net"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

// Process is a Postgres server this test started on a free port, in a data
// directory of its own, so that it can be stopped and started without
// touching anything shared.
type Process struct {
	Port int
	dir  string
	bin  string
	cmd  *exec.Cmd
	tb   testing.TB
}

// URL is the process's database URL.
func (p *Process) URL() string {
	return fmt.Sprintf("postgres://postgres@127.0.0.1:%d/postgres?sslmode=disable", p.Port)
}

func postgresBin(tb testing.TB) string {
	tb.Helper()
	dirs, _ := filepath.Glob("/usr/lib/postgresql/*/bin")
	sort.Strings(dirs)
	if len(dirs) == 0 {
		tb.Fatal("no Postgres server binaries under /usr/lib/postgresql (run .ci/services.sh)")
	}
	return dirs[len(dirs)-1]
}

// asPostgres runs the command as the postgres user when we are root:
// Postgres refuses to run as root.
func asPostgres(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{}
	if os.Geteuid() != 0 {
		return
	}
	u, err := user.Lookup("postgres")
	if err != nil {
		return
	}
	uid, _ := strconv.Atoi(u.Uid)
	gid, _ := strconv.Atoi(u.Gid)
	cmd.SysProcAttr.Credential = &syscall.Credential{Uid: uint32(uid), Gid: uint32(gid)}
}

// Pause freezes the server and every backend (SIGSTOP): connections stay
// open and nothing answers, as with a hung host. The postmaster stops
// first, so no new backend starts while its children are stopped (each
// backend is a session of its own, so a process group would not reach
// them).
func (p *Process) Pause() { p.signalAll(syscall.SIGSTOP) }

// Resume lets a paused server go on.
func (p *Process) Resume() { p.signalAll(syscall.SIGCONT) }

func (p *Process) signalAll(sig syscall.Signal) {
	if p.cmd == nil || p.cmd.Process == nil {
		return
	}
	pid := p.cmd.Process.Pid
	_ = syscall.Kill(pid, sig)
	stats, _ := filepath.Glob("/proc/[0-9]*/stat")
	for _, f := range stats {
		b, err := os.ReadFile(f)
		if err != nil {
			continue
		}
		// pid (comm) state ppid ...: comm may hold spaces, so read after ')'.
		rest := string(b[strings.LastIndexByte(string(b), ')')+1:])
		var state string
		var ppid int
		if _, err := fmt.Sscan(rest, &state, &ppid); err == nil && ppid == pid {
			child, _ := strconv.Atoi(filepath.Base(filepath.Dir(f)))
			_ = syscall.Kill(child, sig)
		}
	}
}

// StartProcess initialises a cluster and starts it; it is stopped and
// removed when the test ends.
func StartProcess(tb testing.TB) *Process {
	tb.Helper()
	dir, err := os.MkdirTemp("", "caja-pg-")
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { _ = os.RemoveAll(dir) })
	if os.Geteuid() == 0 {
		u, err := user.Lookup("postgres")
		if err != nil {
			tb.Fatalf("running as root needs a postgres user: %v", err)
		}
		uid, _ := strconv.Atoi(u.Uid)
		gid, _ := strconv.Atoi(u.Gid)
		if err := os.Chown(dir, uid, gid); err != nil {
			tb.Fatal(err)
		}
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		tb.Fatal(err)
	}
	port := l.Addr().(*net.TCPAddr).Port
	_ = l.Close()
	p := &Process{Port: port, dir: filepath.Join(dir, "data"), bin: postgresBin(tb), tb: tb}
	initdb := exec.Command(filepath.Join(p.bin, "initdb"), "-D", p.dir, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync")
	asPostgres(initdb)
	if out, err := initdb.CombinedOutput(); err != nil {
		tb.Fatalf("initdb: %v\n%s", err, out)
	}
	p.Start()
	tb.Cleanup(p.Stop)
	return p
}

// Start starts the server and waits until it accepts connections.
func (p *Process) Start() {
	p.tb.Helper()
	p.cmd = exec.Command(filepath.Join(p.bin, "postgres"), "-D", p.dir, "-p", strconv.Itoa(p.Port), "-h", "127.0.0.1", "-k", filepath.Dir(p.dir),
		"-c", "fsync=off", "-c", "max_connections=200", "-c", "shared_buffers=32MB")
	asPostgres(p.cmd)
	if err := p.cmd.Start(); err != nil {
		p.tb.Fatalf("start postgres: %v", err)
	}
	deadline := time.Now().Add(15 * time.Second)
	for {
		ctx, cancel := context.WithTimeout(context.Background(), time.Second)
		conn, err := pgx.Connect(ctx, p.URL())
		cancel()
		if err == nil {
			_ = conn.Close(context.Background())
			return
		}
		if time.Now().After(deadline) {
			p.tb.Fatalf("postgres did not come up: %v", err)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// Stop shuts the server down at once (immediate mode: like a crash, but
// leaving the data directory usable).
func (p *Process) Stop() {
	if p.cmd == nil || p.cmd.Process == nil {
		return
	}
	p.Resume()
	_ = p.cmd.Process.Signal(syscall.SIGQUIT)
	done := make(chan struct{})
	go func() { _ = p.cmd.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		_ = p.cmd.Process.Kill()
		<-done
	}
	p.cmd = nil
}
