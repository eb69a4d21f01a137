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
		NewStore,
	),
)
