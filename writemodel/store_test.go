package writemodel_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5/pgconn"

	"github.com/cajalive/caja"
	"github.com/cajalive/caja/writemodel"
	"github.com/cajalive/caja/writemodel/writemodeltest"
)

// TestTransact_RetriesDeadlocks: two commands that lock two sessions in
// opposite orders deadlock; Postgres aborts one of them (40P01) and
// Transact runs it again, so both succeed.
func TestTransact_RetriesDeadlocks(t *testing.T) {
	t.Parallel()
	store := writemodeltest.NewStore(t)
	ctx := context.Background()
	a, b := newSession(t, store, "1000001"), newSession(t, store, "1000002")
	var held sync.WaitGroup
	held.Add(2)
	runs := make([]int, 2)
	errs := make([]error, 2)
	var wg sync.WaitGroup
	for i, order := range [][2]string{{a, b}, {b, a}} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[i] = store.Transact(ctx, func(tx *writemodel.Tx) error {
				runs[i]++
				if _, err := tx.LockSession(order[0]); err != nil {
					return err
				}
				if runs[i] == 1 { // both hold their first lock before asking for the second
					held.Done()
					held.Wait()
				}
				_, err := tx.LockSession(order[1])
				return err
			})
		}()
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Errorf("transaction %d: %v", i, err)
		}
	}
	if runs[0]+runs[1] < 3 {
		t.Errorf("runs %v: no transaction was run again, so there was no deadlock to retry", runs)
	}
}

// TestTransact_RetriesSerializationFailures: a transaction that keeps
// failing with 40001 is run a few times, then reported as unavailable
// (busy, try again); other errors are not retried.
func TestTransact_RetriesSerializationFailures(t *testing.T) {
	t.Parallel()
	store := writemodeltest.NewStore(t)
	ctx := context.Background()
	tests := []struct {
		name     string
		err      error
		failures int // runs that fail before one succeeds
		wantRuns int
		wantKind caja.Kind
	}{
		{"serialization failure once", &pgconn.PgError{Code: "40001"}, 1, 2, caja.Internal},
		{"deadlock every time", &pgconn.PgError{Code: "40P01"}, 100, 4, caja.Unavailable},
		{"a business error is not retried", caja.Errorf(caja.Conflict, "no"), 100, 1, caja.Conflict},
		{"a unique violation is not retried", &pgconn.PgError{Code: "23505"}, 100, 1, caja.Internal},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			runs := 0
			err := store.Transact(ctx, func(*writemodel.Tx) error {
				runs++
				if runs <= tt.failures {
					return tt.err
				}
				return nil
			})
			if runs != tt.wantRuns {
				t.Errorf("%d runs, want %d", runs, tt.wantRuns)
			}
			if got := caja.KindOf(err); (err == nil) != (tt.failures < tt.wantRuns) || (err != nil && got != tt.wantKind) {
				t.Errorf("error %v (kind %v); want kind %v after %d failed runs", err, got, tt.wantKind, min(tt.failures, tt.wantRuns))
			}
		})
	}
}

func newSession(t *testing.T, store *writemodel.Store, code string) string {
	t.Helper()
	now := time.Now().UTC()
	sess := &writemodel.Session{
		ID: uuid.NewString(), Name: "s", Status: writemodel.StatusActive, AdminID: "a", JoinCode: code,
		AdminTokenHash: caja.HashToken(caja.NewToken()), DisplayKey: caja.NewToken(), CreatedAt: now, UpdatedAt: now,
	}
	if err := store.InsertSession(context.Background(), sess); err != nil {
		t.Fatal(err)
	}
	return sess.ID
}
