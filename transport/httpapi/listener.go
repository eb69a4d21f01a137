package httpapi

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"time"
)

// Server runs the HTTP server.
type Server struct {
	srv      *http.Server
	health   *Health
	timeout  time.Duration
	log      *slog.Logger
	listener net.Listener
	maxConns int
	done     chan error
}

// NewServer wraps a handler in an http.Server with sane timeouts.
func NewServer(cfg Config, h http.Handler, health *Health, log *slog.Logger) *Server {
	return &Server{
		srv: &http.Server{
			Addr:              cfg.Addr,
			Handler:           h,
			ReadHeaderTimeout: 5 * time.Second,
			ReadTimeout:       15 * time.Second,
			WriteTimeout:      30 * time.Second,
			IdleTimeout:       cmp.Or(cfg.IdleTimeout, 60*time.Second),
			MaxHeaderBytes:    32 << 10,
			ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
		},
		health:   health,
		timeout:  cfg.ShutdownTimeout,
		log:      log,
		maxConns: cfg.MaxConnections,
	}
}

// Start listens and serves in the background.
func (s *Server) Start(ctx context.Context) error {
	ln, err := (&net.ListenConfig{}).Listen(ctx, "tcp", s.srv.Addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", s.srv.Addr, err)
	}
	if s.maxConns <= 0 {
		s.maxConns = DefaultMaxConnections()
	}
	capped := newCappedListener(ln, s.maxConns)
	s.srv.ConnState = capped.connState
	ln = capped
	s.listener = ln
	s.done = make(chan error, 1)
	go func() {
		err := s.srv.Serve(ln)
		if errors.Is(err, http.ErrServerClosed) {
			err = nil
		}
		s.done <- err
	}()
	s.log.Info("listening", "addr", ln.Addr().String(), "max_connections", s.maxConns)
	return nil
}

// Addr is the address actually listened on (useful with port 0).
func (s *Server) Addr() string { return s.listener.Addr().String() }

// Stop flips readiness, stops accepting connections and waits for in-flight
// requests, up to the shutdown timeout.
func (s *Server) Stop(ctx context.Context) error {
	s.health.Drain()
	ctx, cancel := context.WithTimeout(ctx, s.timeout)
	defer cancel()
	if err := s.srv.Shutdown(ctx); err != nil {
		return fmt.Errorf("http shutdown: %w", err)
	}
	return <-s.done
}
