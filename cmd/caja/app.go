package main

import (
	"context"
	"fmt"
	"log/slog"
	"strings"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"go.uber.org/fx"
	"go.uber.org/fx/fxevent"

	"github.com/cajalive/caja"
	"github.com/cajalive/caja/commands"
	"github.com/cajalive/caja/queries"
	"github.com/cajalive/caja/readmodel"
	"github.com/cajalive/caja/transport/httpapi"
	"github.com/cajalive/caja/writemodel"
)

// base wires configuration, logging and the two stores.
func base(cfg Config, log *slog.Logger) fx.Option {
	return fx.Options(
		fx.Supply(cfg.Write, cfg.Read, cfg.HTTP, cfg.Commands, log),
		fx.WithLogger(func() fxevent.Logger {
			l := &fxevent.SlogLogger{Logger: log.With("component", "fx")}
			l.UseLogLevel(slog.LevelDebug)
			return l
		}),
		fx.Provide(func() *caja.Presenter { return caja.NewPresenter(cfg.JoinBaseURL) }),
		writemodel.Module,
		readmodel.Module,
		fx.Provide(func() readmodel.ProjectorConfig {
			pc := readmodel.DefaultProjectorConfig()
			pc.ExportMaxBytes = cfg.Read.ExportMaxBytes
			pc.CacheBytes = cfg.Read.ProjectorCacheBytes
			return pc
		}),
	)
}

// serveOptions is the whole server: migrate, project, serve.
func serveOptions(cfg Config, log *slog.Logger) fx.Option {
	return fx.Options(
		base(cfg, log),
		fx.Provide(
			func() *prometheus.Registry {
				reg := prometheus.NewRegistry()
				reg.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
				return reg
			},
			func(reg *prometheus.Registry) prometheus.Gatherer { return reg },
			func(reg *prometheus.Registry, db *writemodel.DB, r *readmodel.Redis, store *writemodel.Store, cmds commands.Handlers) *readmodel.Metrics {
				reg.MustRegister(collectors.NewDBStatsCollector(db.SQL, "caja"), readmodel.NewPoolCollector(r),
					prometheus.NewCounterFunc(prometheus.CounterOpts{Name: "caja_answer_batches_total", Help: "Group commits of answers (transactions)."},
						func() float64 { b, _ := cmds.SubmitResponse.Batches(); return float64(b) }),
					prometheus.NewCounterFunc(prometheus.CounterOpts{Name: "caja_answers_batched_total", Help: "Answers written by group commits; over caja_answer_batches_total, the average batch."},
						func() float64 { _, a := cmds.SubmitResponse.Batches(); return float64(a) }),
					prometheus.NewCounterFunc(prometheus.CounterOpts{Name: "caja_projector_lease_renewals_total", Help: "Renewals of the projector lease by this process."},
						func() float64 { return float64(store.LeaseRenewals()) }),
					prometheus.NewGaugeFunc(prometheus.GaugeOpts{Name: "caja_projector_lease_holder", Help: "1 while this process (the holder label, as written in projector_lease) holds the projector lease.",
						ConstLabels: prometheus.Labels{"holder": store.LeaseHolder()}},
						func() float64 {
							if store.LeaseHeld() {
								return 1
							}
							return 0
						}),
				)
				return readmodel.NewMetrics(reg)
			},
			func(reg *prometheus.Registry) *httpapi.Metrics { return httpapi.NewMetrics(reg) },
			func(r *readmodel.Redis) httpapi.Limiter { return readmodel.NewRateLimiter(r) },
			func(s *writemodel.Store) queries.AccountReader { return s },
			func(db *writemodel.DB, r *readmodel.Redis, p *readmodel.Projector) *httpapi.Health {
				return httpapi.NewHealth(
					httpapi.CheckFunc{N: "database", F: db.Ping},
					httpapi.CheckFunc{N: "redis", F: r.Ready},
					httpapi.CheckFunc{N: "projector", F: p.Ready},
				)
			},
		),
		commands.Module,
		queries.Module,
		httpapi.Module,
		// Order matters: hooks start in this order and stop in reverse, so
		// the server stops first and the projector finishes its batch after.
		fx.Invoke(logMode, func(log *slog.Logger) { logJoinBase(cfg, log) }, migrateOnStart, commands.RunDeadlines, readmodel.RunProjector, httpapi.Start),
		fx.Invoke(func(lc fx.Lifecycle, log *slog.Logger) { servePprof(lc, cfg.PprofAddr, log) }),
		fx.Invoke(serveMetrics),
	)
}

// migrateOnStart applies pending migrations before anything else starts;
// on Postgres a session lock keeps replicas from racing.
func migrateOnStart(lc fx.Lifecycle, db *writemodel.DB, log *slog.Logger) {
	lc.Append(fx.StartHook(func(ctx context.Context) error {
		ctx, cancel := context.WithTimeout(ctx, 2*time.Minute)
		defer cancel()
		applied, err := writemodel.MigrateUp(ctx, db.SQL, db.Dialect)
		if err != nil {
			return err
		}
		if len(applied) > 0 {
			log.Info("migrations applied", "migrations", applied)
		}
		return nil
	}))
}

func logMode(db *writemodel.DB, r *readmodel.Redis, log *slog.Logger) {
	mode := "servers"
	if db.Dialect == writemodel.SQLite || r.Embedded() {
		mode = "embedded"
	}
	log.Info(fmt.Sprintf("mode: %s (write model: %s, read model: %s)", mode, db.Describe(), r.Describe()),
		"mode", mode, "database", db.Describe(), "redis", r.Describe())
}

// logJoinBase says where phones join, first thing an organizer needs.
func logJoinBase(cfg Config, log *slog.Logger) {
	msg := "phones join at " + cfg.JoinBaseURL + "/join"
	if cfg.FrontendURL == "" && strings.Contains(cfg.JoinBaseURL, "//localhost") {
		msg += " (no network address found: only this computer can join; set FRONTEND_URL to the address phones use)"
	}
	log.Info(msg, "join_base_url", cfg.JoinBaseURL, "allowed_hosts", strings.Join(cfg.HTTP.AllowedHosts, ","))
}
