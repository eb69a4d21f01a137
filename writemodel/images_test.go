package writemodel_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/cajalive/caja"
	"github.com/cajalive/caja/writemodel"
	"github.com/cajalive/caja/writemodel/writemodeltest"
)

func newSessionRow(t *testing.T, store *writemodel.Store, code string) *writemodel.Session {
	t.Helper()
	now := time.Now().UTC()
	sess := &writemodel.Session{
		ID: uuid.NewString(), Name: "Deck", Status: writemodel.StatusDraft, AdminID: "ana", JoinCode: code,
		AdminTokenHash: caja.HashToken(caja.NewToken()), DisplayKey: caja.NewToken(), CreatedAt: now, UpdatedAt: now,
	}
	if err := store.InsertSession(context.Background(), sess); err != nil {
		t.Fatal(err)
	}
	return sess
}

func fakeImage(n int) *writemodel.Image {
	data := []byte(fmt.Sprintf("image %d", n))
	sum := sha256.Sum256(data)
	return &writemodel.Image{ID: hex.EncodeToString(sum[:]), ContentType: "image/png", Width: 1, Height: 1, Data: data, CreatedAt: time.Now().UTC()}
}

// TestAddSessionImage_RacesTheLastOtherSessionsDeletion: an image linked
// only to session B is uploaded to session A while B is deleted. Whichever
// commits first, A ends up linking a stored image (the trigger of
// migration 00019 must not delete it under A's new link, nor A's insert
// fail on a row being deleted).
func TestAddSessionImage_RacesTheLastOtherSessionsDeletion(t *testing.T) {
	t.Parallel()
	store := writemodeltest.NewStore(t)
	ctx := context.Background()
	for i := range 30 {
		a, b := newSessionRow(t, store, fmt.Sprintf("%07d", 2*i)), newSessionRow(t, store, fmt.Sprintf("%07d", 2*i+1))
		img := fakeImage(i)
		if err := store.Transact(ctx, func(tx *writemodel.Tx) error { return tx.AddSessionImage(b.ID, img) }); err != nil {
			t.Fatal(err)
		}
		var wg sync.WaitGroup
		var uploadErr, deleteErr error
		wg.Go(func() {
			uploadErr = store.Transact(ctx, func(tx *writemodel.Tx) error { return tx.AddSessionImage(a.ID, fakeImage(i)) })
		})
		wg.Go(func() {
			deleteErr = store.DB().Gorm.Exec("DELETE FROM sessions WHERE id = ?", b.ID).Error
		})
		wg.Wait()
		if uploadErr != nil || deleteErr != nil {
			t.Fatalf("round %d: upload %v, delete %v", i, uploadErr, deleteErr)
		}
		var n int64
		if err := store.DB().SQL.QueryRow("SELECT count(*) FROM session_images s JOIN images i ON i.id = s.image_id WHERE s.session_id = $1", a.ID).Scan(&n); err != nil || n != 1 {
			t.Fatalf("round %d: session A links %d stored images (%v), want 1", i, n, err)
		}
	}
}
