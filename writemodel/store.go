package writemodel

import (
	"context"
	"database/sql/driver"
	"errors"
	"math/rand/v2"
	"net"
	"strings"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
	"gorm.io/gorm"

	"github.com/cajalive/caja"
)

// Outbox topics say what changed; the projector re-renders the session either
// way, the topic only narrows which documents it recomputes.
const (
	TopicSession     = "session"
	TopicActivity    = "activity"
	TopicParticipant = "participant"
	TopicResponse    = "response"
	TopicQuestion    = "question"
)

// Store owns transactions against the write model.
type Store struct {
	db    *DB
	nudge chan struct{}
	// notify asks RunNotifier to wake projectors in other processes.
	notify chan struct{}
	// leaseHeld is true while this process is the active projector: its
	// nudge suffices and no NOTIFY is needed.
	leaseHeld atomic.Bool
	// holder names this Store in projector_lease; leaseCfg times the
	// lease; leaseRenewals counts renewals (a metric).
	holder        string
	leaseCfg      LeaseConfig
	leaseRenewals atomic.Int64
}

// NewStore returns a Store over an open database.
func NewStore(db *DB) *Store {
	return &Store{db: db, nudge: make(chan struct{}, 1), notify: make(chan struct{}, 1), holder: newHolderID(), leaseCfg: DefaultLeaseConfig()}
}

// SingleWriter reports whether the database takes one writer at a time
// (SQLite's one connection): batches written side by side would only wait
// for each other.
func (s *Store) SingleWriter() bool { return s.db.Dialect == SQLite }

// DB returns the underlying database.
func (s *Store) DB() *DB { return s.db }

// Nudges delivers a signal after every committed transaction that wrote to
// the outbox, so an in-process projector wakes without waiting for NOTIFY.
func (s *Store) Nudges() <-chan struct{} { return s.nudge }

// Tx is a write-model transaction. Its methods are the reads and writes
// commands need; the SQL behind them stays in this package.
type Tx struct {
	db        *gorm.DB
	dialect   Dialect
	published bool
}

// Publish records in the outbox that a session changed. participantID may be
// empty.
func (tx *Tx) Publish(sessionID, participantID, topic string) error {
	return tx.publish(outboxRow{SessionID: sessionID, ParticipantID: participantID, Topic: topic})
}

// Transact runs fn in a transaction and commits when it returns nil. A
// transaction that failed only because of the transactions beside it (a
// serialization failure or a deadlock, SQLSTATE 40001 and 40P01) is run
// again, from the start, a few times: fn must not keep state from an earlier
// run that the rollback undid. Errors from the database come back
// classified (unavailable, conflict) so that callers and transport can tell
// a fault from a bug.
func (s *Store) Transact(ctx context.Context, fn func(tx *Tx) error) error {
	return s.transact(ctx, s.db.Gorm, fn)
}

// transactAttempts bounds the runs of a transaction that keeps meeting
// serialization failures or deadlocks.
const transactAttempts = 4

func (s *Store) transact(ctx context.Context, db *gorm.DB, fn func(tx *Tx) error) error {
	var err error
	for attempt := 1; ; attempt++ {
		err = s.transactOnce(ctx, db, fn)
		if attempt == transactAttempts || !IsRetryable(err) || ctx.Err() != nil {
			break
		}
		// A short, growing, jittered pause lets the transaction that won go
		// first.
		pause := time.Duration(attempt) * time.Duration(1+rand.IntN(5)) * time.Millisecond
		select {
		case <-ctx.Done():
		case <-time.After(pause):
		}
	}
	return classify(err)
}

func (s *Store) transactOnce(ctx context.Context, db *gorm.DB, fn func(tx *Tx) error) error {
	var published bool
	err := db.WithContext(ctx).Transaction(func(gtx *gorm.DB) error {
		tx := &Tx{db: gtx, dialect: s.db.Dialect}
		if err := fn(tx); err != nil {
			return err
		}
		published = tx.published
		return nil
	})
	if err != nil {
		return err
	}
	if published {
		s.Nudge()
	}
	return nil
}

// Nudge wakes the projector: this process's at once, another process's
// through RunNotifier.
func (s *Store) Nudge() {
	select {
	case s.nudge <- struct{}{}:
	default:
	}
	select {
	case s.notify <- struct{}{}:
	default:
	}
}

// RunNotifier wakes the active projector of another process after commits,
// until ctx ends. It sends one NOTIFY at a time, outside any transaction:
// however many commits happen while one is in flight, they share the next.
// (A NOTIFY inside a transaction would serialise every commit behind a
// database-wide lock.) On SQLite, and while this process holds the lease, it
// has nothing to do.
func (s *Store) RunNotifier(ctx context.Context) {
	if s.db.Dialect != Postgres {
		return
	}
	for {
		select {
		case <-ctx.Done():
			return
		case <-s.notify:
		}
		if s.leaseHeld.Load() {
			continue
		}
		nctx, cancel := context.WithTimeout(ctx, 2*time.Second)
		// A lost notification costs only latency: the projector's fallback
		// poll finds the rows.
		_ = s.db.Gorm.WithContext(nctx).Exec("SELECT pg_notify(?, '')", outboxChannel).Error
		cancel()
	}
}

// classify turns database faults into kinds; errors that already carry a kind
// pass through.
func classify(err error) error {
	if err == nil {
		return nil
	}
	if _, ok := caja.AsError(err); ok {
		return err
	}
	if IsRetryable(err) {
		// Nothing was written; the same request will most likely succeed.
		return &caja.Error{Kind: caja.Unavailable, Code: caja.CodeDatabaseBusy, Message: "the database was busy, try again", RetryAfter: time.Second, Err: err}
	}
	if IsUnavailable(err) {
		return &caja.Error{Kind: caja.Unavailable, Message: "the database is unavailable, try again shortly", RetryAfter: retryAfterUnavailable, Err: err}
	}
	return err
}

const retryAfterUnavailable = 2 * time.Second

// IsUnavailable reports whether err means the database could not be reached
// (as opposed to rejecting the statement).
func IsUnavailable(err error) bool {
	if errors.Is(err, driver.ErrBadConn) || errors.Is(err, context.DeadlineExceeded) || errors.Is(err, syscall.ECONNREFUSED) || errors.Is(err, syscall.ECONNRESET) {
		return true
	}
	var netErr net.Error
	if errors.As(err, &netErr) {
		return true
	}
	var connectErr *pgconn.ConnectError
	if errors.As(err, &connectErr) {
		return true
	}
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) {
		// Class 08: connection exception; 57P01..57P03: admin shutdown,
		// crash shutdown, cannot connect now.
		return strings.HasPrefix(pgErr.Code, "08") || pgErr.Code == "57P01" || pgErr.Code == "57P02" || pgErr.Code == "57P03"
	}
	msg := err.Error()
	return strings.Contains(msg, "connection refused") || strings.Contains(msg, "conn closed") || strings.Contains(msg, "unexpected EOF") || strings.Contains(msg, "broken pipe") || strings.Contains(msg, "database is locked")
}

// IsRetryable reports whether a transaction failed only because of the
// transactions beside it (a deadlock, a serialization failure): running it
// again is the remedy.
func IsRetryable(err error) bool {
	var pgErr *pgconn.PgError
	return errors.As(err, &pgErr) && (pgErr.Code == "40P01" || pgErr.Code == "40001")
}

// UniqueViolation reports whether err is a unique-constraint violation and,
// when it is, the name of the index (Postgres) or the columns (SQLite).
func UniqueViolation(err error) (string, bool) {
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) {
		if pgErr.Code == "23505" {
			return pgErr.ConstraintName, true
		}
		return "", false
	}
	if err != nil {
		msg := err.Error()
		if i := strings.Index(msg, "UNIQUE constraint failed: "); i >= 0 {
			return msg[i+len("UNIQUE constraint failed: "):], true
		}
	}
	return "", false
}
