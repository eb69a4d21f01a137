package loadgen

import (
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// TestRawConn_AgainstNetHTTP: a worker's hand-written HTTP/1.1 talks to a
// net/http server as a client would: bodies and tokens arrive, answers
// decode, a 429 is counted and retried after its Retry-After, a server that
// closes the connection gets a new one, a request on a connection the
// server closed while idle is sent again on a new one, and a non-2xx is a
// StatusError with the server's words.
func TestRawConn_AgainstNetHTTP(t *testing.T) {
	t.Parallel()
	var calls, conns atomic.Int32
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n := calls.Add(1)
		body, _ := io.ReadAll(r.Body)
		switch {
		case n == 1:
			w.Header().Set("Retry-After", "1")
			w.WriteHeader(http.StatusTooManyRequests)
		case r.URL.Path == "/close":
			w.Header().Set("Connection", "close")
			w.WriteHeader(http.StatusNoContent)
		case r.URL.Path == "/missing":
			http.Error(w, "no such thing", http.StatusNotFound)
		default:
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusCreated)
			_, _ = io.WriteString(w, `{"echo":`+string(body)+`,"auth":"`+r.Header.Get("Authorization")+`"}`)
		}
	}))
	srv.Config.ConnState = func(_ net.Conn, s http.ConnState) {
		if s == http.StateNew {
			conns.Add(1)
		}
	}
	srv.Start()
	t.Cleanup(srv.Close)

	parent := NewClient(srv.URL, 1)
	cl, closeConn := parent.OwnConnection()
	defer closeConn()
	if cl.raw == nil {
		t.Fatal("an http:// client's own connection is not the raw one")
	}
	ctx := context.Background()
	var out struct {
		Echo struct{ N int } `json:"echo"`
		Auth string          `json:"auth"`
	}
	status, err := cl.Do(ctx, "POST", "/answer", "tok", `{"n":7}`, &out)
	if err != nil || status != http.StatusCreated || out.Echo.N != 7 || out.Auth != "Bearer tok" {
		t.Fatalf("POST: %d %v %+v", status, err, out)
	}
	if parent.Throttled.Load() != 1 {
		t.Errorf("429s counted in the parent: %d, want 1", parent.Throttled.Load())
	}
	if status, err := cl.Do(ctx, "POST", "/close", "", `{}`, nil); err != nil || status != http.StatusNoContent {
		t.Fatalf("POST /close: %d %v", status, err)
	}
	if _, err := cl.Do(ctx, "POST", "/answer", "", `{"n":1}`, &out); err != nil || out.Echo.N != 1 {
		t.Fatalf("after the server closed the connection: %v %+v", err, out)
	}
	if n := conns.Load(); n != 2 {
		t.Errorf("%d connections, want 2 (one, then a new one after Connection: close)", n)
	}

	// The server's idle timeout closes the kept-alive connection.
	idle := conns.Load()
	srv.CloseClientConnections()
	time.Sleep(50 * time.Millisecond)
	if _, err := cl.Do(ctx, "POST", "/answer", "", `{"n":2}`, &out); err != nil || out.Echo.N != 2 {
		t.Fatalf("on a connection the server closed while idle: %v %+v", err, out)
	}
	if n := conns.Load(); n != idle+1 {
		t.Errorf("%d connections after the idle close, want %d", n, idle+1)
	}

	_, err = cl.Do(ctx, "GET", "/missing", "", nil, nil)
	var se *StatusError
	if !errors.As(err, &se) || se.Status != http.StatusNotFound || !strings.Contains(se.Body, "no such thing") {
		t.Errorf("GET /missing: %v", err)
	}
}
