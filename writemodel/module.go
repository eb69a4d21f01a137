package writemodel

import (
	"context"
	"log/slog"

	"go.uber.org/fx"
)

// Module provides the database and the Store.
var Module = fx.Module("writemodel",
	fx.Provide(
		func(lc fx.Lifecycle, cfg Config, log *slog.Logger) (*DB, error) {
			db, err := Open(context.Background(), cfg, log)
			if err != nil {
				return nil, err
			}
			lc.Append(fx.StopHook(db.Close))
			return db, nil
		},
		func(lc fx.Lifecycle, db *DB) *Store {
			s := NewStore(db)
			ctx, cancel := context.WithCancel(context.Background())
			done := make(chan struct{})
			lc.Append(fx.Hook{
				OnStart: func(context.Context) error {
					go func() {
						defer close(done)
						s.RunNotifier(ctx)
					}()
					return nil
				},
				OnStop: func(context.Context) error {
					cancel()
					<-done
					return nil
				},
			})
			return s
		},
	),
)
