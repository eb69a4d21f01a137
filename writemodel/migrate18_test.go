package writemodel_test

import (
	"context"
	"maps"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/cajalive/caja/writemodel"
	"github.com/cajalive/caja/writemodel/writemodeltest"
)

// TestMigration18_NewTypesKeepEverything: migration 00018 (which rebuilds
// activities and result_tallies on SQLite to widen their checks) keeps the
// activities, options, answers and tallies from before it, and the foreign
// keys that hang on activities; the new types and tally kinds are taken
// after it; rolling it back removes the new types' activities and keeps the
// rest.
func TestMigration18_NewTypesKeepEverything(t *testing.T) {
	t.Parallel()
	atVersion(t, 17, func(t *testing.T, db *writemodel.DB) {
		ctx := context.Background()
		exec := func(q string, args ...any) {
			t.Helper()
			if err := db.Gorm.Exec(q, args...).Error; err != nil {
				t.Fatalf("%s: %v", q, err)
			}
		}
		poll := openPollAt(t, db, `{}`, "a", "b")
		a, b := poll.Options[0], poll.Options[1]
		people := []person{poll.join(t, "bo"), poll.join(t, "cy"), poll.join(t, "di")}
		now := time.Now().UTC()
		for i, o := range []string{a, b} {
			exec("INSERT INTO responses (id, session_id, activity_id, participant_id, slot, points, option_ids, created_at, updated_at) VALUES (?, ?, ?, ?, 0, 0, ?, ?, ?)",
				uuid.NewString(), poll.SessionID, poll.ActivityID, people[i].ID, `["`+o+`"]`, now, now)
		}
		want := map[string]int{a: 1, b: 1}
		if got := optionTallies(t, db, poll.ActivityID); !maps.Equal(got, want) {
			t.Fatalf("before the migration: tallies %v, want %v", got, want)
		}

		if _, err := writemodel.MigrateUp(ctx, db.SQL, db.Dialect); err != nil {
			t.Fatal(err)
		}
		if n := writemodeltest.Count(t, db, "activities WHERE title = 'Lunch' AND status = 'open' AND body = ''"); n != 1 {
			t.Errorf("after the migration: %d polls", n)
		}
		if n := writemodeltest.Count(t, db, "responses"); n != 2 {
			t.Errorf("after the migration: %d answers, want 2", n)
		}
		if got := optionTallies(t, db, poll.ActivityID); !maps.Equal(got, want) {
			t.Errorf("after the migration: tallies %v, want %v", got, want)
		}
		poll.answer(t, people[2], a)
		want[a] = 2
		if got := optionTallies(t, db, poll.ActivityID); !maps.Equal(got, want) {
			t.Errorf("after a new answer: tallies %v, want %v", got, want)
		}
		// A ranking and its points are taken now.
		ranking := uuid.NewString()
		exec("INSERT INTO activities (id, session_id, type, title, settings, status, position, results_visible, created_at, updated_at) VALUES (?, ?, 'ranking', 'Rank', '{}', 'open', 1, false, ?, ?)",
			ranking, poll.SessionID, now, now)
		exec("INSERT INTO responses (id, session_id, activity_id, participant_id, slot, points, option_points, created_at, updated_at) VALUES (?, ?, ?, ?, 0, 0, ?, ?, ?)",
			uuid.NewString(), poll.SessionID, ranking, people[0].ID, `{"x":1,"y":0}`, now, now)
		if n := writemodeltest.Count(t, db, "result_tallies WHERE kind = 'points' AND key = 'x' AND n = 1"); n != 1 {
			t.Errorf("the ranking's points are not tallied (%d rows)", n)
		}
		if db.Dialect == writemodel.SQLite {
			var broken []map[string]any
			if err := db.Gorm.Raw("PRAGMA foreign_key_check").Scan(&broken).Error; err != nil || len(broken) != 0 {
				t.Errorf("foreign keys after the rebuild: %v %v", broken, err)
			}
		}

		if err := writemodel.MigrateDownTo(ctx, db.SQL, db.Dialect, 17); err != nil {
			t.Fatal(err)
		}
		if n := writemodeltest.Count(t, db, "activities"); n != 1 {
			t.Errorf("rolled back: %d activities, want the poll", n)
		}
		if n := writemodeltest.Count(t, db, "responses"); n != 3 {
			t.Errorf("rolled back: %d answers, want the poll's 3", n)
		}
		if got := optionTallies(t, db, poll.ActivityID); !maps.Equal(got, want) {
			t.Errorf("rolled back: tallies %v, want %v", got, want)
		}

		// The foreign keys still cascade from a session down to its tallies.
		exec("DELETE FROM sessions WHERE id = ?", poll.SessionID)
		for _, table := range []string{"activities", "activity_options", "responses", "result_tallies", "participants"} {
			if n := writemodeltest.Count(t, db, table); n != 0 {
				t.Errorf("%d rows left in %s after deleting their session", n, table)
			}
		}
	})
}
