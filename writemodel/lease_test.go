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
