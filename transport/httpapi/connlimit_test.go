package httpapi

import (
	"bufio"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"
)

// capServer runs handler behind a cappedListener of max connections.
func capServer(t *testing.T, max int, handler http.Handler) (addr string, l *cappedListener) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	l = newCappedListener(ln, max)
	srv := &http.Server{Handler: handler, ConnState: l.connState, ReadHeaderTimeout: 10 * time.Second}
	go func() { _ = srv.Serve(l) }()
	t.Cleanup(func() { _ = srv.Close() })
	return ln.Addr().String(), l
}

// getOnNewConn sends one request on a new connection and returns the status line.
func getOnNewConn(t *testing.T, addr, path string) (string, time.Duration) {
	t.Helper()
	start := time.Now()
	c, err := net.DialTimeout("tcp", addr, time.Second)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	_ = c.SetDeadline(time.Now().Add(3 * time.Second))
	if _, err := c.Write([]byte("GET " + path + " HTTP/1.1\r\nHost: x\r\n\r\n")); err != nil {
		t.Fatal(err)
	}
	line, err := bufio.NewReader(c).ReadString('\n')
	if err != nil {
		t.Fatalf("GET %s: %v", path, err)
	}
	return strings.TrimSpace(line), time.Since(start)
}

func TestCappedListener_IdleGoFirstBusyRefuse(t *testing.T) {
	t.Parallel()
	release := make(chan struct{})
	busy := make(chan struct{}, 8)
	addr, l := capServer(t, 3, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/busy" {
			busy <- struct{}{}
			<-release
		}
		w.WriteHeader(http.StatusOK)
	}))

	// Three connections opened and never used fill the cap; a phone's poll
	// takes the place of the one idle longest.
	var idle []net.Conn
	for range 3 {
		c, err := net.Dial("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		idle = append(idle, c)
		defer c.Close()
	}
	time.Sleep(50 * time.Millisecond)
	if status, _ := getOnNewConn(t, addr, "/ok"); status != "HTTP/1.1 200 OK" {
		t.Fatalf("poll with the cap full of idle connections: %q, want 200", status)
	}
	if n := l.evicted.Load(); n != 1 {
		t.Errorf("%d idle connections closed to make room, want 1", n)
	}
	_ = idle[0].SetReadDeadline(time.Now().Add(time.Second))
	if _, err := idle[0].Read(make([]byte, 1)); err == nil {
		t.Error("the oldest idle connection is still open")
	}

	// Every slot busy: a new connection is refused at once with a 503.
	for range 3 {
		go func() {
			c, err := net.Dial("tcp", addr)
			if err != nil {
				return
			}
			defer c.Close()
			_, _ = c.Write([]byte("GET /busy HTTP/1.1\r\nHost: x\r\n\r\n"))
			_, _ = bufio.NewReader(c).ReadString('\n')
		}()
		<-busy
	}
	status, took := getOnNewConn(t, addr, "/ok")
	if status != "HTTP/1.1 503 Service Unavailable" || took > 500*time.Millisecond {
		t.Errorf("every connection busy: %q after %s, want a fast 503", status, took)
	}
	close(release)
}
