// Command caja is the Caja server and its operator tools.
//
//	caja [serve]              run the server (migrates first)
//	caja migrate up|status    apply or list database migrations
//	caja migrate up-to|down-to VERSION
//	                          migrate up or roll back to a version
//	caja readmodel rebuild    re-project every session into Redis
//	caja admin rotate-token SESSION_ID
//	                          replace a session's admin token (prints the new one)
//	caja healthcheck          exit 0 when the local server's /livez answers
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"syscall"
	"time"

	"go.uber.org/fx"

	"github.com/cajalive/caja/commands"
	"github.com/cajalive/caja/readmodel"
	"github.com/cajalive/caja/writemodel"
)

const usage = `usage:
  caja [serve]                       run the server (applies migrations first)
  caja migrate up|status             apply or list database migrations
  caja migrate up-to VERSION         apply the pending migrations up to and including VERSION
  caja migrate down-to VERSION       roll back the migrations after VERSION
  caja readmodel rebuild             re-project every session into Redis
  caja admin rotate-token SESSION_ID replace a session's admin token and print the new one
  caja healthcheck                   exit 0 when the local server's /livez answers`

func main() {
	if err := run(os.Args[1:], environ(), os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "caja:", err)
		os.Exit(1)
	}
}

func environ() map[string]string {
	m := make(map[string]string)
	for _, kv := range os.Environ() {
		if k, v, ok := strings.Cut(kv, "="); ok {
			m[k] = v
		}
	}
	return m
}

func run(args []string, environ map[string]string, stdout io.Writer) error {
	cfg, err := loadConfig(environ)
	if err != nil {
		return err
	}
	cmd := "serve"
	if len(args) > 0 {
		cmd = args[0]
	}
	switch cmd {
	case "serve":
		log := newLogger(cfg, stdout)
		applyMemoryLimit(environ, "/sys/fs/cgroup", log)
		return serve(cfg, log)
	case "migrate":
		return migrate(cfg, args[1:], stdout)
	case "readmodel":
		if len(args) != 2 || args[1] != "rebuild" {
			return errors.New("usage: caja readmodel rebuild")
		}
		return rebuild(cfg, stdout)
	case "admin":
		if len(args) != 3 || args[1] != "rotate-token" {
			return errors.New("usage: caja admin rotate-token SESSION_ID")
		}
		return rotateToken(cfg, args[2], stdout)
	case "healthcheck":
		return healthcheck(cfg)
	case "help", "-h", "--help":
		fmt.Fprintln(stdout, usage)
		return nil
	default:
		return fmt.Errorf("unknown command %q\n%s", cmd, usage)
	}
}

func newLogger(cfg Config, w io.Writer) *slog.Logger {
	level, _ := parseLevel(cfg.LogLevel)
	if cfg.HTTP.Debug {
		level = slog.LevelDebug
	}
	return slog.New(slog.NewJSONHandler(w, &slog.HandlerOptions{Level: level}))
}

// serve runs until SIGINT or SIGTERM, then shuts down gracefully.
func serve(cfg Config, log *slog.Logger) error {
	app := fx.New(serveOptions(cfg, log))
	if err := app.Err(); err != nil {
		return err
	}
	startCtx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	if err := app.Start(startCtx); err != nil {
		return err
	}
	sig := <-app.Wait()
	log.Info("shutting down", "signal", sig.Signal.String())
	stopCtx, cancelStop := context.WithTimeout(context.Background(), cfg.HTTP.ShutdownTimeout+10*time.Second)
	defer cancelStop()
	return app.Stop(stopCtx)
}

// withDB runs fn with only the write model open.
func withDB(cfg Config, fn func(ctx context.Context, db *writemodel.DB) error) error {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	db, err := writemodel.Open(ctx, cfg.Write, slog.New(slog.DiscardHandler))
	if err != nil {
		return err
	}
	defer db.Close()
	return fn(ctx, db)
}

const migrateUsage = "usage: caja migrate up|status|up-to VERSION|down-to VERSION"

func migrate(cfg Config, args []string, out io.Writer) error {
	if len(args) == 2 && (args[0] == "up-to" || args[0] == "down-to") {
		version, err := strconv.ParseInt(args[1], 10, 64)
		if err != nil || version < 0 {
			return fmt.Errorf("VERSION must be a migration number like 5, not %q\n%s", args[1], migrateUsage)
		}
		return withDB(cfg, func(ctx context.Context, db *writemodel.DB) error {
			step, direction := writemodel.MigrateUpTo, "up"
			if args[0] == "down-to" {
				step, direction = writemodel.MigrateDownTo, "down"
			}
			if err := step(ctx, db.SQL, db.Dialect, version); err != nil {
				return err
			}
			fmt.Fprintf(out, "%s: migrated %s to version %d\n", db.Describe(), direction, version)
			return nil
		})
	}
	if len(args) != 1 || (args[0] != "up" && args[0] != "status") {
		return errors.New(migrateUsage)
	}
	return withDB(cfg, func(ctx context.Context, db *writemodel.DB) error {
		if args[0] == "up" {
			applied, err := writemodel.MigrateUp(ctx, db.SQL, db.Dialect)
			if err != nil {
				return err
			}
			fmt.Fprintf(out, "%s: %d migration(s) applied\n", db.Describe(), len(applied))
			for _, a := range applied {
				fmt.Fprintln(out, "  applied", a)
			}
			return nil
		}
		st, err := writemodel.MigrateStatus(ctx, db.SQL, db.Dialect)
		if err != nil {
			return err
		}
		for _, s := range st {
			state := "pending"
			if s.Applied {
				state = "applied"
			}
			fmt.Fprintf(out, "%-8s %05d %s\n", state, s.Version, s.Name)
		}
		return nil
	})
}

func rebuild(cfg Config, out io.Writer) error {
	if cfg.Read.RedisURL == "" {
		fmt.Fprintln(out, "embedded mode: the in-process Redis is rebuilt from the database every time `caja serve` starts; nothing to do")
		return nil
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	var p *readmodel.Projector
	app := fx.New(base(cfg, slog.New(slog.DiscardHandler)), fx.NopLogger, fx.Populate(&p))
	if err := app.Start(ctx); err != nil {
		return err
	}
	defer app.Stop(context.Background()) //nolint:errcheck // closing connections on exit
	start := time.Now()
	n, err := p.RebuildAll(ctx, true)
	if err != nil {
		return fmt.Errorf("rebuild: %w", err)
	}
	fmt.Fprintf(out, "re-projected %d session(s) in %s\n", n, time.Since(start).Round(time.Millisecond))
	return nil
}

func rotateToken(cfg Config, sessionID string, out io.Writer) error {
	return withDB(cfg, func(ctx context.Context, db *writemodel.DB) error {
		h := commands.NewRotateAdminTokenHandler(writemodel.NewStore(db))
		token, err := h.Handle(ctx, commands.RotateAdminToken{SessionID: sessionID})
		if err != nil {
			return err
		}
		fmt.Fprintln(out, token)
		return nil
	})
}

// healthcheck is for container images without curl.
func healthcheck(cfg Config) error {
	_, port, err := net.SplitHostPort(cfg.HTTP.Addr)
	if err != nil {
		return fmt.Errorf("CAJA_ADDR: %w", err)
	}
	client := &http.Client{Timeout: 3 * time.Second}
	resp, err := client.Get("http://127.0.0.1:" + port + "/livez")
	if err != nil {
		return fmt.Errorf("healthcheck: %w", err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("healthcheck: /livez answered %s", resp.Status)
	}
	return nil
}
