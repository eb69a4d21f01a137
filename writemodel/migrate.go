package writemodel

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"io/fs"

	"github.com/pressly/goose/v3"
	"github.com/pressly/goose/v3/lock"
)

//go:embed migrations/postgres/*.sql migrations/sqlite/*.sql
var migrationFiles embed.FS

// Migrations returns the embedded migration files for a dialect.
func Migrations(d Dialect) fs.FS {
	sub, err := fs.Sub(migrationFiles, "migrations/"+string(d))
	if err != nil {
		panic(err) // the embedded tree is fixed at compile time
	}
	return sub
}

func newMigrator(db *sql.DB, d Dialect) (*goose.Provider, error) {
	var opts []goose.ProviderOption
	gooseDialect := goose.DialectSQLite3
	if d == Postgres {
		gooseDialect = goose.DialectPostgres
		// A session-level advisory lock, so replicas starting together
		// apply migrations one at a time.
		locker, err := lock.NewPostgresSessionLocker()
		if err != nil {
			return nil, fmt.Errorf("migration locker: %w", err)
		}
		opts = append(opts, goose.WithSessionLocker(locker))
	}
	p, err := goose.NewProvider(gooseDialect, db, Migrations(d), opts...)
	if err != nil {
		return nil, fmt.Errorf("migration provider: %w", err)
	}
	return p, nil
}

// MigrateUp applies every pending migration.
func MigrateUp(ctx context.Context, db *sql.DB, d Dialect) ([]string, error) {
	p, err := newMigrator(db, d)
	if err != nil {
		return nil, err
	}
	results, err := p.Up(ctx)
	if err != nil {
		return nil, fmt.Errorf("migrate up: %w", err)
	}
	applied := make([]string, 0, len(results))
	for _, r := range results {
		applied = append(applied, r.Source.Path)
	}
	return applied, nil
}

// MigrateUpTo applies the pending migrations up to and including version,
// and MigrateDownTo rolls back those after it: for testing a migration
// against data written by the version before it, and for an operator
// stepping back a release.
func MigrateUpTo(ctx context.Context, db *sql.DB, d Dialect, version int64) error {
	return migrateTo(ctx, db, d, version, "up")
}

// MigrateDownTo: see MigrateUpTo.
func MigrateDownTo(ctx context.Context, db *sql.DB, d Dialect, version int64) error {
	return migrateTo(ctx, db, d, version, "down")
}

func migrateTo(ctx context.Context, db *sql.DB, d Dialect, version int64, direction string) error {
	p, err := newMigrator(db, d)
	if err != nil {
		return err
	}
	if direction == "up" {
		_, err = p.UpTo(ctx, version)
	} else {
		_, err = p.DownTo(ctx, version)
	}
	if err != nil {
		return fmt.Errorf("migrate %s to %d: %w", direction, version, err)
	}
	return nil
}

// MigrationStatus describes one migration and whether it is applied.
type MigrationStatus struct {
	Version int64
	Name    string
	Applied bool
}

// MigrateStatus lists every migration and its state.
func MigrateStatus(ctx context.Context, db *sql.DB, d Dialect) ([]MigrationStatus, error) {
	p, err := newMigrator(db, d)
	if err != nil {
		return nil, err
	}
	st, err := p.Status(ctx)
	if err != nil {
		return nil, fmt.Errorf("migrate status: %w", err)
	}
	out := make([]MigrationStatus, 0, len(st))
	for _, s := range st {
		out = append(out, MigrationStatus{Version: s.Source.Version, Name: s.Source.Path, Applied: s.State == goose.StateApplied})
	}
	return out, nil
}
