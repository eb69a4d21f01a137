package writemodel_test

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"maps"
	"slices"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/cajalive/caja/writemodel"
	"github.com/cajalive/caja/writemodel/writemodeltest"
)

// TestMigration6_ChosenOptionsMoveIntoTheAnswer: answers stored before
// migration 00006 (a row per chosen option in response_options) keep their
// choices and their counts through it, new answers are counted on top, and
// rolling it back gives the rows back.
func TestMigration6_ChosenOptionsMoveIntoTheAnswer(t *testing.T) {
	t.Parallel()
	atVersion(t, 5, func(t *testing.T, db *writemodel.DB) {
		ctx := context.Background()
		poll := openPollAt(t, db, `{"multiple":true}`, "a", "b", "c")
		a, b, c := poll.Options[0], poll.Options[1], poll.Options[2]
		people := []person{poll.join(t, "bo"), poll.join(t, "cy"), poll.join(t, "di")}
		// Two answers as version 5 stored them.
		before := map[string][]string{"00000000-0000-4000-8000-000000000001": {a, b}, "00000000-0000-4000-8000-000000000002": {b}}
		for i, rid := range []string{"00000000-0000-4000-8000-000000000001", "00000000-0000-4000-8000-000000000002"} {
			now := time.Now().UTC()
			if err := db.Gorm.Exec("INSERT INTO responses (id, session_id, activity_id, participant_id, slot, points, created_at, updated_at) VALUES (?, ?, ?, ?, 0, 0, ?, ?)",
				rid, poll.SessionID, poll.ActivityID, people[i].ID, now, now).Error; err != nil {
				t.Fatal(err)
			}
			for _, o := range before[rid] {
				if err := db.Gorm.Exec("INSERT INTO response_options (response_id, activity_id, option_id) VALUES (?, ?, ?)", rid, poll.ActivityID, o).Error; err != nil {
					t.Fatal(err)
				}
			}
		}
		want := map[string]int{a: 1, b: 2}
		if got := optionTallies(t, db, poll.ActivityID); !maps.Equal(got, want) {
			t.Fatalf("before the migration: tallies %v, want %v", got, want)
		}

		if _, err := writemodel.MigrateUp(ctx, db.SQL, db.Dialect); err != nil {
			t.Fatal(err)
		}
		var rows []struct {
			ID        string
			OptionIDs string
		}
		if err := db.Gorm.Raw("SELECT id, CAST(option_ids AS text) AS option_ids FROM responses").Find(&rows).Error; err != nil {
			t.Fatal(err)
		}
		for _, r := range rows {
			var ids []string
			if err := json.Unmarshal([]byte(r.OptionIDs), &ids); err != nil {
				t.Fatalf("answer %s: options %q: %v", r.ID, r.OptionIDs, err)
			}
			slices.Sort(ids)
			w := slices.Sorted(slices.Values(before[r.ID]))
			if !slices.Equal(ids, w) {
				t.Errorf("answer %s: options %v, want %v", r.ID, ids, w)
			}
		}
		if got := optionTallies(t, db, poll.ActivityID); !maps.Equal(got, want) {
			t.Errorf("after the migration: tallies %v, want %v", got, want)
		}
		poll.answer(t, people[2], c, a)
		want = map[string]int{a: 2, b: 2, c: 1}
		if got := optionTallies(t, db, poll.ActivityID); !maps.Equal(got, want) {
			t.Errorf("after a new answer: tallies %v, want %v", got, want)
		}

		if err := writemodel.MigrateDownTo(ctx, db.SQL, db.Dialect, 5); err != nil {
			t.Fatal(err)
		}
		if n := writemodeltest.Count(t, db, "response_options"); n != 5 {
			t.Errorf("rolled back: %d chosen-option rows, want 5", n)
		}
		if got := optionTallies(t, db, poll.ActivityID); !maps.Equal(got, want) {
			t.Errorf("rolled back: tallies %v, want %v", got, want)
		}
	})
}

// TestMigration7_TheDatabaseCountsTheRoom: a session's participants from
// before migration 00007, some kicked, are counted by it; joins and kicks
// after it move the count; rolling it back leaves the participants alone.
func TestMigration7_TheDatabaseCountsTheRoom(t *testing.T) {
	t.Parallel()
	atVersion(t, 6, func(t *testing.T, db *writemodel.DB) {
		ctx := context.Background()
		poll := openPollAt(t, db, `{}`, "a", "b")
		poll.join(t, "bo")
		poll.kick(t, poll.join(t, "cy"))
		poll.join(t, "di")

		if _, err := writemodel.MigrateUp(ctx, db.SQL, db.Dialect); err != nil {
			t.Fatal(err)
		}
		if got := writemodeltest.RoomTally(t, db, poll.SessionID); got != 2 {
			t.Errorf("after the migration: %d in the room, want 2", got)
		}
		eve := poll.join(t, "eve")
		poll.join(t, "cy") // the kicked nickname is free again
		poll.kick(t, eve)
		if got := writemodeltest.RoomTally(t, db, poll.SessionID); got != 3 {
			t.Errorf("after joins and a kick: %d in the room, want 3", got)
		}

		if err := writemodel.MigrateDownTo(ctx, db.SQL, db.Dialect, 6); err != nil {
			t.Fatal(err)
		}
		if n := writemodeltest.Count(t, db, "participants"); n != 5 {
			t.Errorf("rolled back: %d participants, want 5", n)
		}
	})
}

// TestMigration8_DeadlinesAndOpenOnPresent: sessions from before migration
// 00008 get open_on_present true; on Postgres a quiz open at the upgrade
// gets its deadline (opened_at + time_limit_s) so the server still closes
// it; rolling back and migrating again works.
func TestMigration8_DeadlinesAndOpenOnPresent(t *testing.T) {
	t.Parallel()
	atVersion(t, 7, func(t *testing.T, db *writemodel.DB) {
		ctx := context.Background()
		poll := openPollAt(t, db, `{}`, "a", "b")
		opened := time.Now().Add(-5 * time.Second).UTC().Truncate(time.Millisecond)
		quiz := "00000000-0000-4000-8000-0000000000aa"
		if err := db.Gorm.Exec("INSERT INTO activities (id, session_id, type, title, settings, status, position, results_visible, opened_at, created_at, updated_at) VALUES (?, ?, 'quiz', 'Q', ?, 'open', 1, false, ?, ?, ?)",
			quiz, poll.SessionID, `{"time_limit_s":30,"points":1000}`, opened, opened, opened).Error; err != nil {
			t.Fatal(err)
		}

		if _, err := writemodel.MigrateUp(ctx, db.SQL, db.Dialect); err != nil {
			t.Fatal(err)
		}
		row, err := writemodel.NewStore(db).GetSession(ctx, poll.SessionID)
		if err != nil || !row.OpenOnPresent {
			t.Errorf("an existing session: open_on_present %v (%v), want true", row, err)
		}
		var acts []writemodel.Activity
		if err := db.Gorm.Order("position").Find(&acts).Error; err != nil {
			t.Fatal(err)
		}
		if acts[0].ID != poll.ActivityID || acts[0].ClosesAt != nil {
			t.Errorf("an untimed poll got a deadline: %v", acts[0].ClosesAt)
		}
		want := opened.Add(30 * time.Second)
		if db.Dialect == writemodel.SQLite {
			if acts[1].ClosesAt != nil {
				t.Errorf("SQLite: closes_at %v, want none", acts[1].ClosesAt)
			}
		} else if acts[1].ClosesAt == nil || !acts[1].ClosesAt.Equal(want) {
			t.Errorf("the open quiz: closes_at %v, want %v", acts[1].ClosesAt, want)
		}

		if err := writemodel.MigrateDownTo(ctx, db.SQL, db.Dialect, 7); err != nil {
			t.Fatal(err)
		}
		if _, err := writemodel.MigrateUp(ctx, db.SQL, db.Dialect); err != nil {
			t.Fatalf("up after down: %v", err)
		}
	})
}

// atVersion runs test in parallel on an empty Postgres database and on an
// empty SQLite file, each with the schema of that migration.
func atVersion(t *testing.T, version int64, test func(t *testing.T, db *writemodel.DB)) {
	t.Helper()
	dbs := map[string]writemodel.Config{
		"postgres": {DatabaseURL: writemodeltest.NewEmptyURL(t)},
		"sqlite":   {DataDir: t.TempDir()},
	}
	for name, cfg := range dbs {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			ctx := context.Background()
			db, err := writemodel.Open(ctx, cfg, slog.New(slog.DiscardHandler))
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { _ = db.Close() })
			if err := writemodel.MigrateUpTo(ctx, db.SQL, db.Dialect, version); err != nil {
				t.Fatal(err)
			}
			test(t, db)
		})
	}
}

func optionTallies(t *testing.T, db *writemodel.DB, activityID string) map[string]int {
	t.Helper()
	var rows []struct {
		Key string
		N   int
	}
	if err := db.Gorm.Raw("SELECT key, SUM(n) AS n FROM result_tallies WHERE activity_id = ? AND kind = 'option' GROUP BY key", activityID).Find(&rows).Error; err != nil {
		t.Fatal(err)
	}
	out := map[string]int{}
	for _, r := range rows {
		if r.N != 0 {
			out[r.Key] = r.N
		}
	}
	return out
}

// TestMigration10_QuestionUpvotes: questions from before migration 00010
// get their upvotes counted; from then on the database keeps the count
// with every upvote and its removal; rolling back and migrating again works.
func TestMigration10_QuestionUpvotes(t *testing.T) {
	t.Parallel()
	atVersion(t, 9, func(t *testing.T, db *writemodel.DB) {
		ctx := context.Background()
		poll := openPollAt(t, db, `{}`, "a", "b")
		now := time.Now().UTC()
		exec := func(q string, args ...any) {
			t.Helper()
			if err := db.Gorm.Exec(q, args...).Error; err != nil {
				t.Fatalf("%s: %v", q, err)
			}
		}
		qna, question := uuid.NewString(), uuid.NewString()
		people := []string{uuid.NewString(), uuid.NewString(), uuid.NewString()}
		exec("INSERT INTO activities (id, session_id, type, title, settings, status, position, results_visible, created_at, updated_at) VALUES (?, ?, 'qna', 'Ask', '{}', 'open', 1, false, ?, ?)", qna, poll.SessionID, now, now)
		for i, p := range people {
			exec("INSERT INTO participants (id, session_id, nickname, nickname_key, token_hash, created_at) VALUES (?, ?, ?, ?, ?, ?)", p, poll.SessionID, fmt.Sprint("p", i), fmt.Sprint("p", i), []byte(p), now)
		}
		exec("INSERT INTO questions (id, session_id, activity_id, participant_id, text, status, pinned, created_at) VALUES (?, ?, ?, ?, 'Why', 'approved', false, ?)", question, poll.SessionID, qna, people[0], now)
		for _, p := range people[1:] {
			exec("INSERT INTO question_upvotes (question_id, participant_id, created_at) VALUES (?, ?, ?)", question, p, now)
		}
		upvotes := func() int {
			t.Helper()
			var n int
			if err := db.Gorm.Raw("SELECT upvotes FROM questions WHERE id = ?", question).Scan(&n).Error; err != nil {
				t.Fatal(err)
			}
			return n
		}

		if _, err := writemodel.MigrateUp(ctx, db.SQL, db.Dialect); err != nil {
			t.Fatal(err)
		}
		if n := upvotes(); n != 2 {
			t.Errorf("after the upgrade: %d upvotes, want the 2 there were", n)
		}
		exec("DELETE FROM question_upvotes WHERE question_id = ? AND participant_id = ?", question, people[1])
		exec("INSERT INTO question_upvotes (question_id, participant_id, created_at) VALUES (?, ?, ?)", question, people[0], now)
		exec("INSERT INTO question_upvotes (question_id, participant_id, created_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING", question, people[0], now)
		if n := upvotes(); n != 2 {
			t.Errorf("one removed, one added, one duplicate: %d upvotes, want 2", n)
		}

		if err := writemodel.MigrateDownTo(ctx, db.SQL, db.Dialect, 9); err != nil {
			t.Fatal(err)
		}
		if _, err := writemodel.MigrateUp(ctx, db.SQL, db.Dialect); err != nil {
			t.Fatalf("up after down: %v", err)
		}
		if n := upvotes(); n != 2 {
			t.Errorf("after down and up: %d upvotes, want 2", n)
		}
	})
}

// TestMigration11_RevealedQuizzesStayRevealed: a quiz revealed before
// migration 00011 counts as revealed (it must never open again); others
// do not; rolling back and migrating again works.
func TestMigration11_RevealedQuizzesStayRevealed(t *testing.T) {
	t.Parallel()
	atVersion(t, 10, func(t *testing.T, db *writemodel.DB) {
		ctx := context.Background()
		poll := openPollAt(t, db, `{}`, "a", "b")
		now := time.Now().UTC()
		for i, revealed := range []bool{true, false} {
			if err := db.Gorm.Exec("INSERT INTO activities (id, session_id, type, title, settings, status, position, results_visible, opened_at, created_at, updated_at) VALUES (?, ?, 'quiz', 'Q', '{}', 'closed', ?, ?, ?, ?, ?)",
				fmt.Sprintf("00000000-0000-4000-8000-00000000000%d", i), poll.SessionID, i+1, revealed, now, now, now).Error; err != nil {
				t.Fatal(err)
			}
		}
		if _, err := writemodel.MigrateUp(ctx, db.SQL, db.Dialect); err != nil {
			t.Fatal(err)
		}
		var acts []writemodel.Activity
		if err := db.Gorm.Order("position").Find(&acts).Error; err != nil {
			t.Fatal(err)
		}
		if acts[0].RevealedAt != nil || acts[1].RevealedAt == nil || acts[2].RevealedAt != nil {
			t.Errorf("revealed_at: poll %v, revealed quiz %v, quiz %v; want only the revealed quiz's set", acts[0].RevealedAt, acts[1].RevealedAt, acts[2].RevealedAt)
		}
		if err := writemodel.MigrateDownTo(ctx, db.SQL, db.Dialect, 10); err != nil {
			t.Fatal(err)
		}
		if _, err := writemodel.MigrateUp(ctx, db.SQL, db.Dialect); err != nil {
			t.Fatalf("up after down: %v", err)
		}
	})
}
