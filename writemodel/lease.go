package writemodel

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	"github.com/jackc/pgx/v5"
)

// projectorLockKey is the advisory-lock key that elects the one active
// projector of a deployment ("caja" in ASCII, plus 1).
const projectorLockKey int64 = 0x63616a61_0001

const outboxChannel = "caja_outbox"

// Lease is held by the active projector. While it is held, Notifications
// delivers a signal whenever another process committed outbox rows; Lost is
// closed when the lease is gone (its connection died).
type Lease struct {
	held   *atomic.Bool
	notify chan struct{}
	lost   chan struct{}
	cancel context.CancelFunc
	done   chan struct{}
	conn   *pgx.Conn
	once   sync.Once
}

// Notifications signals committed outbox rows from other processes. It is nil
// (never fires) on SQLite, where only this process writes.
func (l *Lease) Notifications() <-chan struct{} { return l.notify }

// Lost is closed when the lease can no longer be trusted.
func (l *Lease) Lost() <-chan struct{} { return l.lost }

// Release gives the lease up and waits for its listener to stop.
func (l *Lease) Release() {
	l.once.Do(func() {
		if l.held != nil {
			l.held.Store(false)
		}
		if l.cancel != nil {
			l.cancel()
			<-l.done
		}
		if l.conn != nil {
			ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
			defer cancel()
			// Closing the connection releases the session-level lock.
			_ = l.conn.Close(ctx)
		}
	})
}

// TryLease tries once to become the active projector. It returns (nil, nil)
// when another process holds the lease.
func (s *Store) TryLease(ctx context.Context) (*Lease, error) {
	if s.db.Dialect != Postgres {
		// SQLite is a single-process database: this process is the one
		// projector.
		return &Lease{lost: make(chan struct{})}, nil
	}
	connectCtx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	conn, err := pgx.Connect(connectCtx, s.db.URL)
	if err != nil {
		return nil, classify(fmt.Errorf("lease connect: %w", err))
	}
	var got bool
	if err := conn.QueryRow(connectCtx, "SELECT pg_try_advisory_lock($1)", projectorLockKey).Scan(&got); err != nil {
		_ = conn.Close(context.Background())
		return nil, classify(fmt.Errorf("lease lock: %w", err))
	}
	if !got {
		_ = conn.Close(context.Background())
		return nil, nil
	}
	if _, err := conn.Exec(connectCtx, "LISTEN "+outboxChannel); err != nil {
		_ = conn.Close(context.Background())
		return nil, classify(fmt.Errorf("lease listen: %w", err))
	}
	listenCtx, stop := context.WithCancel(context.Background())
	s.leaseHeld.Store(true)
	l := &Lease{
		held:   &s.leaseHeld,
		notify: make(chan struct{}, 1),
		lost:   make(chan struct{}),
		cancel: stop,
		done:   make(chan struct{}),
		conn:   conn,
	}
	go l.listen(listenCtx)
	return l, nil
}

// listen forwards notifications and, between them, checks every few seconds
// that the connection (and with it the lock) is still alive.
func (l *Lease) listen(ctx context.Context) {
	defer close(l.done)
	for {
		waitCtx, cancel := context.WithTimeout(ctx, 3*time.Second)
		_, err := l.conn.WaitForNotification(waitCtx)
		cancel()
		switch {
		case err == nil:
			select {
			case l.notify <- struct{}{}:
			default:
			}
		case ctx.Err() != nil:
			return
		case errors.Is(err, context.DeadlineExceeded):
			pingCtx, cancel := context.WithTimeout(ctx, 2*time.Second)
			err := l.conn.Ping(pingCtx)
			cancel()
			if err != nil && ctx.Err() == nil {
				close(l.lost)
				return
			}
		default:
			close(l.lost)
			return
		}
	}
}
