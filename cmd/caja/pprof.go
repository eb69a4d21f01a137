package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/http/pprof"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"go.uber.org/fx"

	"github.com/cajalive/caja/transport/httpapi"
)

// servePprof exposes Go's profiler on its own listener when CAJA_PPROF_ADDR
// is set (keep it on localhost: it is not behind any authentication).
func servePprof(lc fx.Lifecycle, addr string, log *slog.Logger) {
	if addr == "" {
		return
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/debug/pprof/", pprof.Index)
	mux.HandleFunc("/debug/pprof/cmdline", pprof.Cmdline)
	mux.HandleFunc("/debug/pprof/profile", pprof.Profile)
	mux.HandleFunc("/debug/pprof/symbol", pprof.Symbol)
	mux.HandleFunc("/debug/pprof/trace", pprof.Trace)
	serveOnOwnAddr(lc, "profiler", addr, mux, log)
}

// serveMetrics exposes /metrics on its own listener when CAJA_METRICS_ADDR
// is set: a port the scraper reaches and the public entry point does not.
// CAJA_METRICS_TOKEN, when set, is required there too.
func serveMetrics(lc fx.Lifecycle, cfg httpapi.Config, gatherer prometheus.Gatherer, log *slog.Logger) {
	if cfg.MetricsAddr == "" {
		return
	}
	mux := http.NewServeMux()
	mux.Handle("/metrics", httpapi.MetricsHandler(gatherer, cfg.MetricsToken))
	serveOnOwnAddr(lc, "metrics", cfg.MetricsAddr, mux, log)
}

// serveOnOwnAddr runs an operator's side listener from start to stop.
func serveOnOwnAddr(lc fx.Lifecycle, name, addr string, h http.Handler, log *slog.Logger) {
	srv := &http.Server{Addr: addr, Handler: h, ReadHeaderTimeout: 5 * time.Second}
	done := make(chan struct{})
	lc.Append(fx.Hook{
		OnStart: func(ctx context.Context) error {
			ln, err := (&net.ListenConfig{}).Listen(ctx, "tcp", addr)
			if err != nil {
				return fmt.Errorf("%s: listen on %s: %w", name, addr, err)
			}
			log.Info(name+" listening", "addr", ln.Addr().String())
			go func() {
				defer close(done)
				if err := srv.Serve(ln); !errors.Is(err, http.ErrServerClosed) {
					log.Error(name+" stopped", "err", err)
				}
			}()
			return nil
		},
		OnStop: func(ctx context.Context) error {
			err := srv.Shutdown(ctx)
			<-done
			return err
		},
	})
}
