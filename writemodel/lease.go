package writemodel

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"sync"
	"sync/atomic"
	"time"

	"github.com/jackc/pgx/v5"
)

const outboxChannel = "caja_outbox"

// LeaseConfig bounds how long a projector that stopped renewing (frozen,
// partitioned, stuck) keeps the lease.
type LeaseConfig struct {
	// TTL is how long one renewal holds the lease.
	TTL time.Duration
	// Renew is how often the holder renews; well under TTL.
	Renew time.Duration
}

// DefaultLeaseConfig lets a standby take over within TTL plus its own retry
// interval of a leader that stopped.
func DefaultLeaseConfig() LeaseConfig { return LeaseConfig{TTL: 5 * time.Second, Renew: time.Second} }

// Lease is held by the active projector. It is time-bound: a row in
// projector_lease that the holder renews every Renew; a holder that stops
// renewing loses it after TTL, whatever its connections still hold. Epoch
// is the fencing token: it grows with every new holder, and the projector
// checks it with each Redis write, so a holder that resumes after losing
// the lease writes nothing.
//
// While it is held, Notifications delivers a signal whenever another process
// committed outbox rows; Lost is closed when the lease is gone.
type Lease struct {
	Epoch  int64
	store  *Store
	held   *atomic.Bool
	notify chan struct{}
	lost   chan struct{}
	cancel context.CancelFunc
	wg     sync.WaitGroup
	conn   *pgx.Conn
	once   sync.Once
	// renewed is when the last renewal was sent that succeeded (UnixNano
	// of the local clock: a frozen process finds it old when it wakes).
	renewed  atomic.Int64
	lostOnce sync.Once
}

// Notifications signals committed outbox rows from other processes. It is nil
// (never fires) on SQLite, where only this process writes.
func (l *Lease) Notifications() <-chan struct{} { return l.notify }

// Lost is closed when the lease can no longer be trusted.
func (l *Lease) Lost() <-chan struct{} { return l.lost }

// Valid reports whether the lease is still held as far as this process can
// tell: not lost, and renewed less than a TTL ago. A process resumed after
// a freeze sees an old renewal and stops before writing.
func (l *Lease) Valid() bool {
	select {
	case <-l.lost:
		return false
	default:
	}
	if l.store == nil {
		return true
	}
	return time.Since(time.Unix(0, l.renewed.Load())) < l.store.leaseCfg.TTL
}

func (l *Lease) markLost() { l.lostOnce.Do(func() { close(l.lost) }) }

// Release gives the lease up (a standby may take it at once) and waits for
// its renewer and listener to stop.
func (l *Lease) Release() {
	l.once.Do(func() {
		if l.held != nil {
			l.held.Store(false)
		}
		if l.cancel != nil {
			l.cancel()
			l.wg.Wait()
		}
		l.markLost()
		if l.store == nil {
			return
		}
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		// Best effort: if it fails the lease simply expires.
		_ = l.store.db.Projection.WithContext(ctx).Exec("UPDATE projector_lease SET expires_at = ? WHERE id = 1 AND holder = ? AND epoch = ?",
			time.Unix(0, 0).UTC(), l.store.holder, l.Epoch).Error
		if l.conn != nil {
			_ = l.conn.Close(ctx)
		}
	})
}

// LeaseRenewals counts the lease renewals this process made.
func (s *Store) LeaseRenewals() int64 { return s.leaseRenewals.Load() }

// LeaseHeld reports whether this process holds the projector lease.
func (s *Store) LeaseHeld() bool { return s.leaseHeld.Load() }

// LeaseHolder names this process in projector_lease.
func (s *Store) LeaseHolder() string { return s.holder }

// SetLeaseConfig tunes the lease; call it before the Store is used.
func (s *Store) SetLeaseConfig(cfg LeaseConfig) { s.leaseCfg = cfg }

func newHolderID() string {
	host, _ := os.Hostname()
	b := make([]byte, 4)
	_, _ = rand.Read(b)
	return fmt.Sprintf("%s:%d:%s", host, os.Getpid(), hex.EncodeToString(b))
}

// liveLockKey is a session advisory lock the holder keeps on its LISTEN
// connection: not the lease (a frozen process keeps its connections, and
// with them the lock), only a sign of life. When no connection holds it and
// the lease went unrenewed for over a second and a half, the holder is gone
// (killed, crashed: its connections closed) and a standby need not wait for
// the TTL. ("caja" in ASCII, plus 1.)
const liveLockKey int64 = 0x63616a61_0001

// acquireSQL takes the lease when it is free (expired, already this
// holder's, or its holder's connections are gone) and moves the epoch on.
// The clock is the database's, so replicas with skewed clocks agree on
// expiry.
const acquireSQL = `
INSERT INTO projector_lease (id, holder, epoch, expires_at) VALUES (1, @holder, 1, now() + @ttl * interval '1 millisecond')
ON CONFLICT (id) DO UPDATE SET holder = EXCLUDED.holder, epoch = projector_lease.epoch + 1, expires_at = EXCLUDED.expires_at
WHERE projector_lease.expires_at < now() OR projector_lease.holder = EXCLUDED.holder
   OR (projector_lease.expires_at < now() + (@ttl - 1500) * interval '1 millisecond'
       AND NOT EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND granted
           AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
           AND classid = @lockhi AND objid = @locklo AND objsubid = 1))
RETURNING epoch`

const renewSQL = `UPDATE projector_lease SET expires_at = now() + @ttl * interval '1 millisecond' WHERE id = 1 AND holder = @holder AND epoch = @epoch`

// SQLite is one process: the clock is this process's.
const acquireSQLite = `
INSERT INTO projector_lease (id, holder, epoch, expires_at) VALUES (1, @holder, 1, @expires)
ON CONFLICT (id) DO UPDATE SET holder = excluded.holder, epoch = projector_lease.epoch + 1, expires_at = excluded.expires_at
RETURNING epoch`

// TryLease tries once to become the active projector, through the pool (a
// standby opens no connection of its own). It returns (nil, nil) when
// another process holds the lease.
func (s *Store) TryLease(ctx context.Context) (*Lease, error) {
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	sent := time.Now()
	var epochs []int64
	var err error
	if s.db.Dialect != Postgres {
		err = s.db.Projection.WithContext(ctx).Raw(acquireSQLite, map[string]any{"holder": s.holder, "expires": time.Now().Add(s.leaseCfg.TTL).UTC()}).Scan(&epochs).Error
	} else {
		err = s.db.Projection.WithContext(ctx).Raw(acquireSQL, map[string]any{"holder": s.holder, "ttl": s.leaseCfg.TTL.Milliseconds(),
			"lockhi": liveLockKey >> 32, "locklo": liveLockKey & 0xffffffff}).Scan(&epochs).Error
	}
	if err != nil {
		return nil, classify(fmt.Errorf("lease acquire: %w", err))
	}
	if len(epochs) == 0 {
		return nil, nil
	}
	l := &Lease{Epoch: epochs[0], store: s, held: &s.leaseHeld, lost: make(chan struct{})}
	l.renewed.Store(sent.UnixNano())
	runCtx, stop := context.WithCancel(context.Background())
	l.cancel = stop
	if s.db.Dialect == Postgres {
		// LISTEN needs a connection of its own, opened once per term.
		conn, err := pgx.Connect(ctx, s.db.URL)
		if err != nil {
			stop()
			l.cancel = nil
			l.Release()
			return nil, classify(fmt.Errorf("lease listen connect: %w", err))
		}
		// The sign of life; held by a frozen predecessor it is simply
		// not taken (then a crash of this holder costs a standby the TTL).
		if _, err := conn.Exec(ctx, "SELECT pg_try_advisory_lock($1)", liveLockKey); err != nil {
			_ = conn.Close(context.Background())
			stop()
			l.cancel = nil
			l.Release()
			return nil, classify(fmt.Errorf("lease live lock: %w", err))
		}
		if _, err := conn.Exec(ctx, "LISTEN "+outboxChannel); err != nil {
			_ = conn.Close(context.Background())
			stop()
			l.cancel = nil
			l.Release()
			return nil, classify(fmt.Errorf("lease listen: %w", err))
		}
		l.conn = conn
		l.notify = make(chan struct{}, 1)
		l.wg.Add(1)
		go l.listen(runCtx)
	}
	s.leaseHeld.Store(true)
	l.wg.Add(1)
	go l.renew(runCtx)
	return l, nil
}

// renew keeps the lease until it is refused, or until no renewal has
// succeeded for a TTL (then another process may hold it already).
func (l *Lease) renew(ctx context.Context) {
	defer l.wg.Done()
	cfg := l.store.leaseCfg
	t := time.NewTicker(cfg.Renew)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		if !l.Valid() {
			l.markLost()
			return
		}
		sent := time.Now()
		rctx, cancel := context.WithTimeout(ctx, cfg.Renew)
		var res int64
		var err error
		if l.store.db.Dialect != Postgres {
			tx := l.store.db.Projection.WithContext(rctx).Exec("UPDATE projector_lease SET expires_at = ? WHERE id = 1 AND holder = ? AND epoch = ?", sent.Add(cfg.TTL).UTC(), l.store.holder, l.Epoch)
			res, err = tx.RowsAffected, tx.Error
		} else {
			tx := l.store.db.Projection.WithContext(rctx).Exec(renewSQL, map[string]any{"holder": l.store.holder, "epoch": l.Epoch, "ttl": cfg.TTL.Milliseconds()})
			res, err = tx.RowsAffected, tx.Error
		}
		cancel()
		switch {
		case err != nil:
			// Try again next tick; Valid turns false once a TTL passed.
			continue
		case res == 0:
			// Another process took it: this one's term is over.
			l.markLost()
			return
		}
		l.renewed.Store(sent.UnixNano())
		l.store.leaseRenewals.Add(1)
	}
}

// listen forwards notifications and, between them, checks every few seconds
// that the connection is still alive.
func (l *Lease) listen(ctx context.Context) {
	defer l.wg.Done()
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
				// Without notifications the fallback poll still finds
				// rows, but a dead connection usually means a dead
				// database: give the term up and campaign again.
				l.markLost()
				return
			}
		default:
			l.markLost()
			return
		}
	}
}
