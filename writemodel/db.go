package writemodel

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"time"

	"github.com/glebarez/sqlite"
	"gorm.io/driver/postgres"
	"gorm.io/gorm"
	"gorm.io/gorm/logger"
)

// Dialect names the SQL database behind the write model.
type Dialect string

const (
	Postgres Dialect = "postgres"
	SQLite   Dialect = "sqlite"
)

// Config selects and tunes the write model's database.
type Config struct {
	// DatabaseURL is a Postgres URL; empty selects the embedded SQLite file.
	DatabaseURL string `env:"DATABASE_URL"`
	DataDir     string `env:"CAJA_DATA_DIR" envDefault:"./data"`
	MaxConns    int    `env:"CAJA_DB_MAX_CONNS" envDefault:"32"`
	// ProjectorConns is the projector's own pool, beside MaxConns: a flood
	// of commands waiting for a connection never stands between a change
	// and the phones (nor between the lease and its renewal).
	ProjectorConns int  `env:"CAJA_DB_PROJECTOR_CONNS" envDefault:"8"`
	Debug          bool `env:"DEBUG"`
}

// DB is an open write-model database.
type DB struct {
	Gorm *gorm.DB
	// Projection is the projector's pool (the same as Gorm on SQLite).
	Projection    *gorm.DB
	projectionSQL *sql.DB
	SQL           *sql.DB
	Dialect       Dialect
	// URL is the Postgres URL (empty for SQLite), for the LISTEN connection.
	URL string
}

// Open connects to Postgres, or opens the embedded SQLite file.
func Open(ctx context.Context, cfg Config, log *slog.Logger) (*DB, error) {
	level := logger.Warn
	if cfg.Debug {
		level = logger.Info
	}
	const slow = 500 * time.Millisecond
	// ParameterizedQueries: logged SQL never carries values (token hashes).
	slogger := logger.NewSlogLogger(log.With("component", "gorm"), logger.Config{SlowThreshold: slow, LogLevel: level, IgnoreRecordNotFoundError: true, ParameterizedQueries: true})
	gcfg := &gorm.Config{
		Logger:                 lazyLogger{Interface: slogger, level: level, slow: slow},
		SkipDefaultTransaction: true,
		TranslateError:         false,
		NowFunc:                func() time.Time { return time.Now().UTC() },
	}
	var (
		db      *gorm.DB
		err     error
		dialect Dialect
	)
	if cfg.DatabaseURL != "" {
		dialect = Postgres
		db, err = gorm.Open(postgres.New(postgres.Config{DSN: cfg.DatabaseURL}), gcfg)
	} else {
		dialect = SQLite
		if err := os.MkdirAll(cfg.DataDir, 0o750); err != nil {
			return nil, fmt.Errorf("create data dir: %w", err)
		}
		path := filepath.Join(cfg.DataDir, "caja.db")
		dsn := "file:" + path + "?_pragma=journal_mode(WAL)&_pragma=busy_timeout(5000)&_pragma=foreign_keys(1)&_pragma=synchronous(NORMAL)&_txlock=immediate"
		db, err = gorm.Open(sqlite.Open(dsn), gcfg)
	}
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", dialect, err)
	}
	sqlDB, err := db.DB()
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", dialect, err)
	}
	if dialect == SQLite {
		// One writer at a time is SQLite's model; a single connection avoids
		// SQLITE_BUSY between our own goroutines.
		sqlDB.SetMaxOpenConns(1)
	} else {
		sqlDB.SetMaxOpenConns(cfg.MaxConns)
		sqlDB.SetMaxIdleConns(cfg.MaxConns)
		sqlDB.SetConnMaxIdleTime(5 * time.Minute)
	}
	pingCtx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	if err := sqlDB.PingContext(pingCtx); err != nil {
		_ = sqlDB.Close()
		return nil, fmt.Errorf("connect %s: %w", dialect, err)
	}
	out := &DB{Gorm: db, Projection: db, SQL: sqlDB, Dialect: dialect, URL: cfg.DatabaseURL}
	if dialect == Postgres {
		proj, err := gorm.Open(postgres.New(postgres.Config{DSN: cfg.DatabaseURL}), gcfg)
		if err != nil {
			_ = sqlDB.Close()
			return nil, fmt.Errorf("open the projector's pool: %w", err)
		}
		projSQL, err := proj.DB()
		if err != nil {
			_ = sqlDB.Close()
			return nil, fmt.Errorf("open the projector's pool: %w", err)
		}
		projSQL.SetMaxOpenConns(max(cfg.ProjectorConns, 2))
		projSQL.SetMaxIdleConns(max(cfg.ProjectorConns, 2))
		projSQL.SetConnMaxIdleTime(5 * time.Minute)
		out.Projection, out.projectionSQL = proj, projSQL
	}
	return out, nil
}

// lazyLogger formats a statement only when it is going to be logged: GORM's
// slog logger renders the SQL of every statement first, which cost the
// answer path a few percent of its CPU. For the same reason raw queries end
// in Find, not Scan: Scan records every statement's SQL with its values
// inlined (regexps over the whole text), whatever the log level.
type lazyLogger struct {
	logger.Interface
	level logger.LogLevel
	slow  time.Duration
}

func (l lazyLogger) LogMode(level logger.LogLevel) logger.Interface {
	return lazyLogger{Interface: l.Interface.LogMode(level), level: level, slow: l.slow}
}

// ParamsFilter keeps values out of logged SQL (ParameterizedQueries), as
// the wrapped logger does: without it GORM would inline them.
func (l lazyLogger) ParamsFilter(ctx context.Context, sql string, params ...any) (string, []any) {
	if f, ok := l.Interface.(gorm.ParamsFilter); ok {
		return f.ParamsFilter(ctx, sql, params...)
	}
	return sql, params
}

// Trace logs slow statements and, in debug mode, every statement. A failed
// statement is not logged as an error here: its error goes back to the
// caller, which returns it (a unique violation is a client's 409, not a
// fault of ours) or has it logged once with the request.
func (l lazyLogger) Trace(ctx context.Context, begin time.Time, fc func() (string, int64), err error) {
	if l.level <= logger.Silent {
		return
	}
	if time.Since(begin) > l.slow || l.level >= logger.Info {
		l.Interface.Trace(ctx, begin, fc, nil)
	}
}

// Close closes the connection pools.
func (d *DB) Close() error {
	err := d.SQL.Close()
	if d.projectionSQL != nil {
		err = errors.Join(err, d.projectionSQL.Close())
	}
	return err
}

// Ping checks that the database answers.
func (d *DB) Ping(ctx context.Context) error {
	if err := d.SQL.PingContext(ctx); err != nil {
		return fmt.Errorf("ping %s: %w", d.Dialect, err)
	}
	return nil
}

// Describe says which database this is, without credentials.
func (d *DB) Describe() string {
	if d.Dialect == SQLite {
		return "embedded SQLite"
	}
	return "Postgres"
}
