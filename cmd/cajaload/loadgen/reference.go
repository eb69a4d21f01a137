package loadgen

import (
	"context"
	"errors"
	"net"
	"net/http"
	"strings"
	"sync/atomic"
	"time"
)

// Reference is the floor the phones scenario is compared with: a plain
// net/http server that answers the few calls the scenario makes (create and
// rename a session, poll its state with ETag and 304) from memory, with no
// middleware, no Redis, no JSON encoding. Whatever latency and memory it
// shows at N connections on this machine, Caja cannot beat.
type Reference struct {
	srv  *http.Server
	ln   net.Listener
	body atomic.Pointer[[]byte]
	etag atomic.Pointer[string]
	n    atomic.Int64
}

// NewReference listens on addr.
func NewReference(addr string) (*Reference, error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, err
	}
	r := &Reference{ln: ln}
	r.set(`{"session":{"name":"reference"},"current_activity":null,"participant_count":0}`)
	r.srv = &http.Server{Handler: r, ReadHeaderTimeout: 5 * time.Second, IdleTimeout: 120 * time.Second}
	return r, nil
}

// Addr is the address it listens on.
func (r *Reference) Addr() string { return r.ln.Addr().String() }

// Serve serves until ctx ends.
func (r *Reference) Serve(ctx context.Context) error {
	errc := make(chan error, 1)
	go func() { errc <- r.srv.Serve(r.ln) }()
	select {
	case <-ctx.Done():
		sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = r.srv.Shutdown(sctx)
		<-errc
		return nil
	case err := <-errc:
		if errors.Is(err, http.ErrServerClosed) {
			return nil
		}
		return err
	}
}

func (r *Reference) set(body string) {
	b := []byte(body)
	tag := `"` + strings.Repeat("0", 15) + string(rune('a'+r.n.Add(1)%26)) + `"`
	r.body.Store(&b)
	r.etag.Store(&tag)
}

func (r *Reference) ServeHTTP(w http.ResponseWriter, req *http.Request) {
	switch {
	case req.Method == http.MethodPost && req.URL.Path == "/api/v1/sessions":
		w.Header()["Content-Type"] = []string{"application/json"}
		w.WriteHeader(http.StatusCreated)
		_, _ = w.Write([]byte(`{"id":"00000000-0000-4000-8000-000000000001","join_code":"123456","admin_token":"reference","display_key":"reference"}`))
	case req.Method == http.MethodPatch:
		// Any change: the state now says what the body said.
		buf := make([]byte, 4096)
		n, _ := req.Body.Read(buf)
		r.set(`{"session":` + string(buf[:n]) + `}`)
		_, _ = w.Write([]byte(`{}`))
	case req.Method == http.MethodGet && strings.HasSuffix(req.URL.Path, "/state"):
		etag := *r.etag.Load()
		h := w.Header()
		h["Etag"] = []string{etag}
		h["Cache-Control"] = []string{"no-cache"}
		if req.Header.Get("If-None-Match") == etag {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		h["Content-Type"] = []string{"application/json"}
		_, _ = w.Write(*r.body.Load())
	default:
		w.WriteHeader(http.StatusNotFound)
	}
}
