package httpapi

import (
	"context"
	"log/slog"
	"net/http"

	"github.com/prometheus/client_golang/prometheus"
	"go.uber.org/fx"

	"github.com/cajalive/caja/commands"
	"github.com/cajalive/caja/queries"
)

// ModuleParams are what the HTTP module needs from the rest of the app.
type ModuleParams struct {
	fx.In
	Config   Config
	Commands commands.Handlers
	Queries  queries.Handlers
	Health   *Health
	Metrics  *Metrics            `optional:"true"`
	Gatherer prometheus.Gatherer `optional:"true"`
	Limiter  Limiter             `optional:"true"`
	Log      *slog.Logger
}

// Module provides the handler and the server. Starting it is the caller's
// choice (Start), so that it comes after migrations.
var Module = fx.Module("http",
	fx.Provide(
		func(p ModuleParams) (http.Handler, error) {
			return NewHandler(p.Config, Deps{Commands: p.Commands, Queries: p.Queries, Health: p.Health, Metrics: p.Metrics, Gatherer: p.Gatherer, Limiter: p.Limiter, Log: p.Log})
		},
		func(cfg Config, h http.Handler, health *Health, log *slog.Logger) *Server {
			return NewServer(cfg, h, health, log)
		},
	),
)

// Start runs the server from start to stop.
func Start(lc fx.Lifecycle, s *Server) {
	lc.Append(fx.Hook{OnStart: s.Start, OnStop: func(ctx context.Context) error { return s.Stop(ctx) }})
}
