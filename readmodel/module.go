package readmodel

import (
	"context"
	"log/slog"
	"sync"

	"go.uber.org/fx"

	"github.com/cajalive/caja/writemodel"
)

// Module provides the Redis connection, the renderer, the reader and the
// projector. Running the projector is the caller's choice (RunProjector).
var Module = fx.Module("readmodel",
	fx.Provide(
		func(lc fx.Lifecycle, cfg Config, log *slog.Logger) (*Redis, error) {
			r, err := Open(context.Background(), cfg)
			if err != nil {
				return nil, err
			}
			r.SetLogger(log)
			lc.Append(fx.StopHook(r.Close))
			return r, nil
		},
		NewRenderer,
		NewReader,
		NewImageReader,
		func(p projectorParams) *Projector {
			return NewProjector(p.Store, p.Redis, p.Renderer, p.Log, p.Metrics, p.Config)
		},
	),
)

type projectorParams struct {
	fx.In
	Store    *writemodel.Store
	Redis    *Redis
	Renderer *Renderer
	Log      *slog.Logger
	Metrics  *Metrics `optional:"true"`
	Config   ProjectorConfig
}

// RunProjector runs p from start to stop; stopping waits for the current
// batch to finish.
func RunProjector(lc fx.Lifecycle, p *Projector, log *slog.Logger) {
	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	lc.Append(fx.Hook{
		OnStart: func(context.Context) error {
			wg.Add(1)
			go func() {
				defer wg.Done()
				if err := p.Run(ctx); err != nil {
					log.Error("projector stopped", "err", err)
				}
			}()
			return nil
		},
		OnStop: func(stopCtx context.Context) error {
			cancel()
			done := make(chan struct{})
			go func() { wg.Wait(); close(done) }()
			select {
			case <-done:
				return nil
			case <-stopCtx.Done():
				return stopCtx.Err()
			}
		},
	})
}
