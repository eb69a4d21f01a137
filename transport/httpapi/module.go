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
	Poll     *PollInterval
}

type pollParams struct {
	fx.In
	Config  Config
	Metrics *Metrics `optional:"true"`
}

// Module provides the handler and the server. Starting it is the caller's
// choice (Start), so that it comes after migrations.
var Module = fx.Module("http",
	fx.Provide(
		func(pp pollParams) *PollInterval {
			p := NewPollInterval(pp.Config.PollInterval, pp.Config.PollIntervalMax, pp.Config.PollTargetRPS)
			if pp.Metrics != nil {
				p.OnChange(pp.Metrics.setPollInterval)
			}
			return p
		},
		func(p ModuleParams) (http.Handler, error) {
			return NewHandler(p.Config, Deps{Commands: p.Commands, Queries: p.Queries, Health: p.Health, Metrics: p.Metrics, Gatherer: p.Gatherer, Limiter: p.Limiter, Log: p.Log, Poll: p.Poll})
		},
		func(cfg Config, h http.Handler, health *Health, log *slog.Logger) *Server {
			return NewServer(cfg, h, health, log)
		},
	),
)

// Start runs the server, and the poll-interval controller, from start to
// stop.
func Start(lc fx.Lifecycle, s *Server, p *PollInterval) {
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	lc.Append(fx.Hook{
		OnStart: func(startCtx context.Context) error {
			if err := s.Start(startCtx); err != nil {
				close(done)
				return err
			}
			go func() {
				defer close(done)
				p.Run(ctx)
			}()
			return nil
		},
		OnStop: func(stopCtx context.Context) error {
			err := s.Stop(stopCtx)
			cancel()
			<-done
			return err
		},
	})
}
