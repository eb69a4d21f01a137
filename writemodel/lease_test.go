package writemodel_test

import (
	"context"
	"testing"
	"time"

	"github.com/cajalive/caja/writemodel"
	"github.com/cajalive/caja/writemodel/writemodeltest"
)

func TestLease_OneHolderAtATime(t *testing.T) {
	t.Parallel()
	db := writemodeltest.NewDB(t)
	a := writemodel.NewStore(db)
	b := writemodel.NewStore(db)
	ctx := context.Background()

	la, err := a.TryLease(ctx)
	if err != nil || la == nil {
		t.Fatalf("first lease: %v %v", la, err)
	}
	lb, err := b.TryLease(ctx)
	if err != nil || lb != nil {
		t.Fatalf("second lease while the first is held: %v %v", lb, err)
	}
	la.Release()
	// Postgres frees the lock when the released connection's backend has
	// ended, a moment after the client closed it.
	for deadline := time.Now().Add(3 * time.Second); ; time.Sleep(20 * time.Millisecond) {
		lb, err = b.TryLease(ctx)
		if err != nil || lb != nil || time.Now().After(deadline) {
			break
		}
	}
	if err != nil || lb == nil {
		t.Fatalf("lease after release: %v %v", lb, err)
	}
	defer lb.Release()
}

func TestLease_NotifiedOfOtherProcessesCommits(t *testing.T) {
	t.Parallel()
	db := writemodeltest.NewDB(t)
	store := writemodel.NewStore(db)
	ctx := context.Background()
	l, err := store.TryLease(ctx)
	if err != nil || l == nil {
		t.Fatalf("lease: %v", err)
	}
	defer l.Release()

	// Another replica commits an outbox row; its notifier wakes us.
	other := writemodel.NewStore(db)
	notifierCtx, stop := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() {
		defer close(done)
		other.RunNotifier(notifierCtx)
	}()
	defer func() { stop(); <-done }()
	err = other.Transact(ctx, func(tx *writemodel.Tx) error {
		return tx.Publish("00000000-0000-4000-8000-000000000001", "", writemodel.TopicSession)
	})
	if err != nil {
		t.Fatal(err)
	}
	select {
	case <-l.Notifications():
	case <-time.After(3 * time.Second):
		t.Fatal("no notification for another process's committed outbox row")
	}
}

// TestLease_AHolderThatStopsRenewingLosesIt: the lease is time-bound. A
// holder that does not renew (frozen, partitioned) loses it after its TTL
// whatever its connections still hold; the next holder gets a higher epoch
// (the fencing token), and the old holder finds its lease invalid.
func TestLease_AHolderThatStopsRenewingLosesIt(t *testing.T) {
	t.Parallel()
	db := writemodeltest.NewDB(t)
	frozen := writemodel.NewStore(db)
	// Renewals an hour apart: it never renews within the TTL.
	frozen.SetLeaseConfig(writemodel.LeaseConfig{TTL: time.Second, Renew: time.Hour})
	next := writemodel.NewStore(db)
	ctx := context.Background()

	la, err := frozen.TryLease(ctx)
	if err != nil || la == nil {
		t.Fatalf("first lease: %v %v", la, err)
	}
	defer la.Release()
	if lb, err := next.TryLease(ctx); err != nil || lb != nil {
		t.Fatalf("a second lease within the TTL: %v %v", lb, err)
	}
	var lb *writemodel.Lease
	for deadline := time.Now().Add(3 * time.Second); lb == nil && time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		if lb, err = next.TryLease(ctx); err != nil {
			t.Fatal(err)
		}
	}
	if lb == nil {
		t.Fatal("the lease of a holder that stopped renewing was not taken over")
	}
	defer lb.Release()
	if lb.Epoch <= la.Epoch {
		t.Errorf("epoch %d after %d: the fencing token must grow", lb.Epoch, la.Epoch)
	}
	if la.Valid() {
		t.Error("the old holder still thinks its lease valid")
	}
	if !lb.Valid() {
		t.Error("the new holder's lease is not valid")
	}
}

// TestLease_RenewedLeaseIsKept: a holder that renews keeps the lease past
// many TTLs; standbys keep asking through the pool and get nothing.
func TestLease_RenewedLeaseIsKept(t *testing.T) {
	t.Parallel()
	db := writemodeltest.NewDB(t)
	holder := writemodel.NewStore(db)
	holder.SetLeaseConfig(writemodel.LeaseConfig{TTL: 500 * time.Millisecond, Renew: 100 * time.Millisecond})
	standby := writemodel.NewStore(db)
	ctx := context.Background()
	l, err := holder.TryLease(ctx)
	if err != nil || l == nil {
		t.Fatalf("lease: %v %v", l, err)
	}
	defer l.Release()
	for end := time.Now().Add(2 * time.Second); time.Now().Before(end); time.Sleep(100 * time.Millisecond) {
		if other, err := standby.TryLease(ctx); err != nil || other != nil {
			t.Fatalf("a standby took a renewed lease: %v %v", other, err)
		}
	}
	if !l.Valid() || holder.LeaseRenewals() < 5 {
		t.Errorf("valid %v after %d renewals", l.Valid(), holder.LeaseRenewals())
	}
}
