package commands_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"maps"
	"math/rand/v2"
	"sync"
	"testing"

	"github.com/cajalive/caja"
	"github.com/cajalive/caja/commands"
	"github.com/cajalive/caja/writemodel"
	"github.com/cajalive/caja/writemodel/writemodeltest"
)

// sqliteStore is the embedded default's write model in a temporary file.
func sqliteStore(t *testing.T) *writemodel.Store {
	t.Helper()
	ctx := context.Background()
	db, err := writemodel.Open(ctx, writemodel.Config{DataDir: t.TempDir()}, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = db.Close() })
	if _, err := writemodel.MigrateUp(ctx, db.SQL, db.Dialect); err != nil {
		t.Fatal(err)
	}
	return writemodel.NewStore(db)
}

// onBothDialects runs test in parallel on a fresh Postgres database and on a
// fresh embedded SQLite file, with the command handlers over each.
func onBothDialects(t *testing.T, test func(t *testing.T, store *writemodel.Store, h commands.Handlers)) {
	t.Helper()
	stores := map[string]func(*testing.T) *writemodel.Store{
		"postgres": func(t *testing.T) *writemodel.Store { return writemodeltest.NewStore(t) },
		"sqlite":   sqliteStore,
	}
	for name, open := range stores {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			store := open(t)
			test(t, store, commands.NewHandlers(store, caja.NewPresenter("https://caja.test")))
		})
	}
}

// recount is what the tallies must equal: every answer counted from scratch.
func recount(dialect writemodel.Dialect) string {
	chosen := "jsonb_array_elements_text(r.option_ids) AS o(value)"
	points, rated := "jsonb_each_text(r.option_points) AS p", "jsonb_each_text(r.ratings) AS s"
	if dialect == writemodel.SQLite {
		chosen = "json_each(r.option_ids) AS o"
		points, rated = "json_each(r.option_points) AS p", "json_each(r.ratings) AS s"
	}
	return `
SELECT activity_id, 'total' AS kind, '' AS key, COUNT(*) AS n FROM responses GROUP BY activity_id
UNION ALL SELECT activity_id, 'value', CAST(value AS text), COUNT(*) FROM responses WHERE value IS NOT NULL GROUP BY activity_id, value
UNION ALL SELECT activity_id, 'word', normalized, COUNT(*) FROM responses WHERE normalized IS NOT NULL GROUP BY activity_id, normalized
UNION ALL SELECT r.activity_id, 'option', o.value, COUNT(*) FROM responses r, ` + chosen + ` WHERE r.option_ids IS NOT NULL GROUP BY r.activity_id, o.value
UNION ALL SELECT r.activity_id, 'points', p.key, SUM(CAST(p.value AS bigint)) FROM responses r, ` + points + ` WHERE r.option_points IS NOT NULL GROUP BY r.activity_id, p.key
UNION ALL SELECT r.activity_id, 'scale', s.key || ':' || s.value, COUNT(*) FROM responses r, ` + rated + ` WHERE r.ratings IS NOT NULL GROUP BY r.activity_id, s.key || ':' || s.value`
}

func tallies(t *testing.T, db *writemodel.DB, query string) map[string]int {
	t.Helper()
	var rows []struct {
		ActivityID, Kind, Key string
		N                     int
	}
	if err := db.Gorm.Raw(query).Scan(&rows).Error; err != nil {
		t.Fatal(err)
	}
	out := map[string]int{}
	for _, r := range rows {
		if r.N != 0 {
			out[fmt.Sprintf("%s/%s/%s", r.ActivityID, r.Kind, r.Key)] = r.N
		}
	}
	return out
}

// TestResultTallies_EqualRecount drives every kind of answer, new and
// changed, from concurrent phones, and checks that the tallies the
// projector reads equal a count of the answers, on Postgres and on the
// embedded SQLite.
func TestResultTallies_EqualRecount(t *testing.T) {
	t.Parallel()
	onBothDialects(t, func(t *testing.T, store *writemodel.Store, h commands.Handlers) {
		ctx := context.Background()
		s := createSession(t, h)
		open := func(typ string, settings string, options ...commands.OptionInput) *caja.Activity {
			t.Helper()
			a, err := h.CreateActivity.Handle(ctx, commands.CreateActivity{SessionID: s.ID, AdminToken: s.AdminToken, Type: typ, Title: typ, Options: options, Settings: json.RawMessage(settings)})
			if err != nil {
				t.Fatalf("create %s: %v", typ, err)
			}
			if _, err := h.UpdateActivity.Handle(ctx, commands.UpdateActivity{SessionID: s.ID, ActivityID: a.ID, AdminToken: s.AdminToken, Status: ptr("open")}); err != nil {
				t.Fatalf("open %s: %v", typ, err)
			}
			return a
		}
		poll := open("poll", `{"multiple":true,"max_choices":2}`, commands.OptionInput{Label: "a"}, commands.OptionInput{Label: "b"}, commands.OptionInput{Label: "c"})
		quiz := open("quiz", `{}`, commands.OptionInput{Label: "x", Correct: true}, commands.OptionInput{Label: "y"})
		rating := open("rating", `{"min":1,"max":5}`)
		cloud := open("word_cloud", `{"max_entries_per_participant":3}`)
		text := open("open_text", `{}`)
		words := []string{"Go", "go ", "  GO", "rust", "Zig", "zig"}

		var wg sync.WaitGroup
		for i := range 24 {
			joined, err := h.JoinSession.Handle(ctx, commands.JoinSession{SessionID: s.ID, Nickname: fmt.Sprint("phone ", i)})
			if err != nil {
				t.Fatal(err)
			}
			wg.Add(1)
			go func() {
				defer wg.Done()
				rnd := rand.New(rand.NewPCG(uint64(i), 7))
				submit := func(cmd commands.SubmitResponse) {
					cmd.SessionID, cmd.Token = s.ID, joined.Token
					if _, err := h.SubmitResponse.Handle(ctx, cmd); err != nil {
						t.Errorf("phone %d answers %s: %v", i, cmd.ActivityID, err)
					}
				}
				for range 1 + rnd.IntN(3) { // a vote, then changes of mind
					picks := []string{poll.Options[rnd.IntN(3)].ID}
					if rnd.IntN(2) == 0 {
						if extra := poll.Options[rnd.IntN(3)].ID; extra != picks[0] {
							picks = append(picks, extra)
						}
					}
					submit(commands.SubmitResponse{ActivityID: poll.ID, OptionIDs: picks})
					submit(commands.SubmitResponse{ActivityID: rating.ID, Value: ptr(float64(1 + rnd.IntN(5)))})
					submit(commands.SubmitResponse{ActivityID: text.ID, Text: ptr(fmt.Sprint("thought ", rnd.IntN(4)))})
				}
				submit(commands.SubmitResponse{ActivityID: quiz.ID, OptionIDs: []string{quiz.Options[rnd.IntN(2)].ID}})
				for range 1 + rnd.IntN(3) {
					submit(commands.SubmitResponse{ActivityID: cloud.ID, Text: ptr(words[rnd.IntN(len(words))])})
				}
			}()
		}
		wg.Wait()

		want := tallies(t, store.DB(), recount(store.DB().Dialect))
		got := tallies(t, store.DB(), "SELECT activity_id, kind, key, CAST(SUM(n) AS bigint) AS n FROM result_tallies GROUP BY activity_id, kind, key")
		if !maps.Equal(got, want) {
			t.Errorf("tallies differ from a recount:\n got %v\nwant %v", got, want)
		}
		if want[quiz.ID+"/total/"] != 24 || want[cloud.ID+"/word/go"] == 0 {
			t.Errorf("the scenario did not answer as planned: %v", want)
		}

		// Removing an activity with its answers takes its tallies along.
		if err := store.DB().Gorm.Exec("DELETE FROM activities WHERE id = ?", poll.ID).Error; err != nil {
			t.Fatalf("delete an answered activity: %v", err)
		}
		if n := writemodeltest.Count(t, store.DB(), "result_tallies WHERE activity_id = '"+poll.ID+"'"); n != 0 {
			t.Errorf("%d tallies left for a deleted activity", n)
		}
	})
}

// TestSessionTallies_CountTheRoom joins phones concurrently, kicks some of
// them (twice at once, as two organizers' clicks would), and checks that the
// audience size the projector reads equals a count of the participants not
// kicked, on Postgres and on the embedded SQLite; deleting a session takes
// its tallies along.
func TestSessionTallies_CountTheRoom(t *testing.T) {
	t.Parallel()
	onBothDialects(t, func(t *testing.T, store *writemodel.Store, h commands.Handlers) {
		ctx := context.Background()
		rooms := []*commands.SessionCreated{createSession(t, h), createSession(t, h)}
		joins := map[string]int{rooms[0].ID: 30, rooms[1].ID: 7}

		var wg sync.WaitGroup
		for _, s := range rooms {
			for i := range joins[s.ID] {
				wg.Go(func() {
					joined, err := h.JoinSession.Handle(ctx, commands.JoinSession{SessionID: s.ID, Nickname: fmt.Sprint("phone ", i)})
					if err != nil {
						t.Errorf("join %d: %v", i, err)
						return
					}
					if i%3 != 0 {
						return
					}
					for range 2 {
						wg.Go(func() {
							if err := h.KickParticipant.Handle(ctx, commands.KickParticipant{SessionID: s.ID, ParticipantID: joined.ID, AdminToken: s.AdminToken}); err != nil {
								t.Errorf("kick %d: %v", i, err)
							}
						})
					}
				})
			}
		}
		wg.Wait()

		for _, s := range rooms {
			want := writemodeltest.Count(t, store.DB(), "participants WHERE kicked_at IS NULL AND session_id = '"+s.ID+"'")
			if got := writemodeltest.RoomTally(t, store.DB(), s.ID); got != want {
				t.Errorf("session %s: tally %d, recount %d", s.ID, got, want)
			}
			if kicked := int64(joins[s.ID]) - want; kicked != int64(joins[s.ID]+2)/3 {
				t.Errorf("the scenario did not kick as planned: %d of %d kicked", kicked, joins[s.ID])
			}
		}

		if err := store.DB().Gorm.Exec("DELETE FROM sessions WHERE id = ?", rooms[0].ID).Error; err != nil {
			t.Fatalf("delete a session with participants: %v", err)
		}
		if n := writemodeltest.Count(t, store.DB(), "session_tallies WHERE session_id = '"+rooms[0].ID+"'"); n != 0 {
			t.Errorf("%d tallies left for a deleted session", n)
		}
		if got := writemodeltest.RoomTally(t, store.DB(), rooms[1].ID); got != 4 {
			t.Errorf("the other session's tally is %d after a delete, want 4", got)
		}
	})
}
