package httpapi

import (
	"container/list"
	"math"
	"net"
	"net/http"
	"runtime/debug"
	"strconv"
	"sync"
	"sync/atomic"
	"syscall"
	"time"
)

// perConnectionBytes is what an open connection costs the server: net/http's
// goroutine with its stack and its read and write buffers (measured: ~18 KiB
// a connection held by 10,000 phones), with room for a request in flight.
const perConnectionBytes = 32 << 10

// DefaultMaxConnections sizes the connection cap so that the connections
// fit in three quarters of the memory limit (GOMEMLIMIT, or the one
// cmd/caja derives from the container) and in the open-file limit, keeping
// room for the database and Redis pools.
func DefaultMaxConnections() int {
	n := 100_000
	if limit := debug.SetMemoryLimit(-1); limit > 0 && limit < math.MaxInt64 {
		n = min(n, int(limit/4*3/perConnectionBytes))
	}
	var rl syscall.Rlimit
	if err := syscall.Getrlimit(syscall.RLIMIT_NOFILE, &rl); err == nil && rl.Cur > 0 && rl.Cur < math.MaxInt32 {
		n = min(n, int(rl.Cur)-512)
	}
	return max(n, 64)
}

// cappedListener holds at most max connections open. At the cap, a new
// connection takes the place of the one idle longest (kept alive between
// polls, or opened and never used), as nginx reuses its keep-alive
// connections: an idle crowd cannot lock phones out, and memory stays
// bounded. When every connection is busy, the new one is answered at once
// with a 503 and closed, instead of waiting in the accept queue (a hang to
// the client).
type cappedListener struct {
	net.Listener
	max int

	mu   sync.Mutex
	open int
	idle list.List // of *countedConn, idle longest first

	evicted, rejected atomic.Int64
	// refusing bounds the goroutines that answer refused connections.
	refusing chan struct{}
}

func newCappedListener(l net.Listener, max int) *cappedListener {
	return &cappedListener{Listener: l, max: max, refusing: make(chan struct{}, 256)}
}

var busyResponse = func() []byte {
	body := `{"type":"urn:caja:problem:unavailable","title":"Service Unavailable","status":503,"detail":"too many open connections; retry shortly","code":"unavailable","errors":[]}`
	return []byte("HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/problem+json\r\nRetry-After: 2\r\n" +
		"Connection: close\r\nCache-Control: no-store\r\nContent-Length: " + strconv.Itoa(len(body)) + "\r\n\r\n" + body)
}()

func (l *cappedListener) Accept() (net.Conn, error) {
	for {
		c, err := l.Listener.Accept()
		if err != nil {
			return nil, err
		}
		l.mu.Lock()
		if l.open >= l.max {
			front := l.idle.Front()
			if front == nil {
				l.mu.Unlock()
				l.rejected.Add(1)
				l.refuse(c)
				continue
			}
			victim := l.idle.Remove(front).(*countedConn)
			victim.elem = nil
			l.mu.Unlock()
			l.evicted.Add(1)
			_ = victim.Close()
			l.mu.Lock()
		}
		l.open++
		cc := &countedConn{Conn: c, l: l}
		cc.elem = l.idle.PushBack(cc) // idle until its first request
		l.mu.Unlock()
		return cc, nil
	}
}

// connState follows net/http's view of each connection (http.Server's
// ConnState): busy ones leave the idle list, idle ones join its end.
func (l *cappedListener) connState(c net.Conn, st http.ConnState) {
	cc, ok := c.(*countedConn)
	if !ok {
		return
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	switch st {
	case http.StateActive, http.StateHijacked, http.StateClosed:
		if cc.elem != nil {
			l.idle.Remove(cc.elem)
			cc.elem = nil
		}
	case http.StateIdle:
		if cc.elem == nil && !cc.closed {
			cc.elem = l.idle.PushBack(cc)
		}
	}
}

// refuse answers 503 and closes. Reading what the client sent before the
// close keeps the kernel from resetting the connection (which would drop
// the answer); a second at most, on a bounded number of goroutines.
func (l *cappedListener) refuse(c net.Conn) {
	select {
	case l.refusing <- struct{}{}:
	default:
		_ = c.Close()
		return
	}
	go func() {
		defer func() { <-l.refusing }()
		defer c.Close()
		_ = c.SetDeadline(time.Now().Add(time.Second))
		if _, err := c.Write(busyResponse); err != nil {
			return
		}
		if tc, ok := c.(*net.TCPConn); ok {
			_ = tc.CloseWrite()
		}
		buf := make([]byte, 512)
		for {
			if _, err := c.Read(buf); err != nil {
				return
			}
		}
	}()
}

// countedConn gives its slot back once, when closed.
type countedConn struct {
	net.Conn
	l      *cappedListener
	elem   *list.Element // in l.idle while idle; guarded by l.mu
	closed bool          // guarded by l.mu
}

func (c *countedConn) Close() error {
	err := c.Conn.Close()
	c.l.mu.Lock()
	if !c.closed {
		c.closed = true
		c.l.open--
		if c.elem != nil {
			c.l.idle.Remove(c.elem)
			c.elem = nil
		}
	}
	c.l.mu.Unlock()
	return err
}
