package writemodel_test

import (
	"context"
	"log/slog"
	"testing"

	"github.com/cajalive/caja/writemodel"
	"github.com/cajalive/caja/writemodel/writemodeltest"
)

// TestLoadSnapshot_BatchReadsItsParticipantsByIndex: a projector batch of
// answers reads its participants' answers through the participant index,
// even when the table has never been analysed (a fresh session's burst
// outruns ANALYZE): with "participant_id IN (…)" Postgres guessed 0.5 % of
// the table per id and read the whole table on every batch.
func TestLoadSnapshot_BatchReadsItsParticipantsByIndex(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	// One connection: the statistics this test reads are those of the
	// connection that ran the snapshot.
	db, err := writemodel.Open(ctx, writemodel.Config{DatabaseURL: writemodeltest.NewURL(t), MaxConns: 1}, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = db.Close() })
	store := writemodel.NewStore(db)
	poll := openPoll(t, store, `{}`, "a", "b")
	// 3,000 participants who answered, as a burst leaves them: unanalysed.
	if err := db.Gorm.Exec(`INSERT INTO participants (id, session_id, nickname, nickname_key, token_hash, created_at)
SELECT gen_random_uuid(), ?, 'p' || i, 'p' || i, sha256(('t' || i)::bytea), now() FROM generate_series(1, 3000) i`, poll.SessionID).Error; err != nil {
		t.Fatal(err)
	}
	if err := db.Gorm.Exec(`INSERT INTO responses (id, session_id, activity_id, participant_id, slot, points, created_at, updated_at)
SELECT gen_random_uuid(), session_id, ?, id, 0, 0, now(), now() FROM participants`, poll.ActivityID).Error; err != nil {
		t.Fatal(err)
	}
	var ids []string
	if err := db.Gorm.Raw("SELECT id FROM participants ORDER BY id LIMIT 80").Find(&ids).Error; err != nil {
		t.Fatal(err)
	}

	before := responseSeqScans(t, db)
	snap, err := store.LoadSnapshot(ctx, writemodel.SnapshotRequest{SessionID: poll.SessionID, Participants: ids})
	if err != nil {
		t.Fatal(err)
	}
	if n := len(snap.People.Answers); n != len(ids) {
		t.Fatalf("%d answers read for %d participants who answered once", n, len(ids))
	}
	if scans := responseSeqScans(t, db) - before; scans != 0 {
		t.Errorf("a batch of %d participants read the whole responses table %d time(s)", len(ids), scans)
	}
}

// responseSeqScans is how often the responses table was read whole, as
// this test's one connection reported it.
func responseSeqScans(t *testing.T, db *writemodel.DB) int64 {
	t.Helper()
	// Statistics reach the shared counters when the connection is idle;
	// this makes the next idle moment report them at once.
	if err := db.Gorm.Exec("SELECT pg_stat_force_next_flush()").Error; err != nil {
		t.Fatal(err)
	}
	var n int64
	if err := db.Gorm.Raw("SELECT seq_scan FROM pg_stat_user_tables WHERE relname = 'responses'").Find(&n).Error; err != nil {
		t.Fatal(err)
	}
	return n
}
