// Package writemodeltest gives each test a fresh, migrated Postgres database
// (a clone of a template, through pgtestdb) and a Store over it.
package writemodeltest

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"fmt"
	"io/fs"
	"log/slog"
	"net/url"
	"os"
	"strings"
	"testing"

	_ "github.com/jackc/pgx/v5/stdlib" // the database/sql driver pgtestdb uses
	"github.com/peterldowns/pgtestdb"

	"github.com/cajalive/caja/writemodel"
)

// DefaultURL is the Postgres server tests use unless CAJA_TEST_DATABASE_URL
// says otherwise.
const DefaultURL = "postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable"

// ServerURL is the Postgres server tests run against.
func ServerURL() string {
	if u := os.Getenv("CAJA_TEST_DATABASE_URL"); u != "" {
		return u
	}
	return DefaultURL
}

type gooseMigrator struct{}

// Hash identifies the template by the migrations' contents.
func (gooseMigrator) Hash() (string, error) {
	h := sha256.New()
	err := fs.WalkDir(writemodel.Migrations(writemodel.Postgres), ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(writemodel.Migrations(writemodel.Postgres), path)
		if err != nil {
			return err
		}
		h.Write([]byte(path))
		h.Write(b)
		return nil
	})
	if err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

func (gooseMigrator) Migrate(ctx context.Context, db *sql.DB, _ pgtestdb.Config) error {
	_, err := writemodel.MigrateUp(ctx, db, writemodel.Postgres)
	return err
}

// Migrator is the pgtestdb migrator for Caja's schema.
func Migrator() pgtestdb.Migrator { return gooseMigrator{} }

func config(tb testing.TB) pgtestdb.Config {
	tb.Helper()
	u, err := url.Parse(ServerURL())
	if err != nil {
		tb.Fatalf("CAJA_TEST_DATABASE_URL: %v", err)
	}
	pass, _ := u.User.Password()
	port := u.Port()
	if port == "" {
		port = "5432"
	}
	return pgtestdb.Config{
		DriverName: "pgx",
		User:       u.User.Username(),
		Password:   pass,
		Host:       u.Hostname(),
		Port:       port,
		Database:   strings.TrimPrefix(u.Path, "/"),
		Options:    "sslmode=disable",
	}
}

// NewURL creates a fresh migrated database and returns its URL; it is
// dropped when the test passes.
func NewURL(tb testing.TB) string {
	tb.Helper()
	c := pgtestdb.Custom(tb, config(tb), Migrator())
	return c.URL()
}

// NewEmptyURL creates a fresh database with no migration applied (for
// testing migrations) and returns its URL.
func NewEmptyURL(tb testing.TB) string {
	tb.Helper()
	return pgtestdb.Custom(tb, config(tb), pgtestdb.NoopMigrator{}).URL()
}

// NewDB opens a fresh migrated database through the write model.
func NewDB(tb testing.TB) *writemodel.DB {
	tb.Helper()
	db, err := writemodel.Open(context.Background(), writemodel.Config{DatabaseURL: NewURL(tb), MaxConns: 16}, slog.New(slog.DiscardHandler))
	if err != nil {
		tb.Fatalf("open test database: %v", err)
	}
	tb.Cleanup(func() { _ = db.Close() })
	return db
}

// NewStore returns a Store over a fresh database.
func NewStore(tb testing.TB) *writemodel.Store {
	tb.Helper()
	return writemodel.NewStore(NewDB(tb))
}

// Count runs a COUNT(*) query, for asserting that nothing was written.
func Count(tb testing.TB, db *writemodel.DB, table string) int64 {
	tb.Helper()
	var n int64
	if err := db.SQL.QueryRow(fmt.Sprintf("SELECT count(*) FROM %s", table)).Scan(&n); err != nil {
		tb.Fatalf("count %s: %v", table, err)
	}
	return n
}

// RoomTally is a session's audience size as the database keeps it (the sum
// of its session_tallies shards), which the projector shows.
func RoomTally(tb testing.TB, db *writemodel.DB, sessionID string) int64 {
	tb.Helper()
	var n int64
	if err := db.Gorm.Raw("SELECT COALESCE(CAST(SUM(participants) AS bigint), 0) FROM session_tallies WHERE session_id = ?", sessionID).Row().Scan(&n); err != nil {
		tb.Fatalf("room tally: %v", err)
	}
	return n
}
