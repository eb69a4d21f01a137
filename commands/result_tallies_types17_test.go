package commands_test

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"math/rand/v2"
	"sync"
	"testing"

	"github.com/cajalive/caja"
	"github.com/cajalive/caja/commands"
	"github.com/cajalive/caja/writemodel"
	"github.com/cajalive/caja/writemodel/writemodeltest"
)

// TestResultTallies_NewTypesEqualRecount drives answers of rankings,
// scales and points, new and changed, from concurrent phones, and checks
// that the tallies the database keeps (Borda points, ratings per
// statement, points per option) equal a recount of the answers, on
// Postgres and on the embedded SQLite; numeric answers are stored as they
// came.
func TestResultTallies_NewTypesEqualRecount(t *testing.T) {
	t.Parallel()
	onBothDialects(t, func(t *testing.T, store *writemodel.Store, h commands.Handlers) {
		ctx := context.Background()
		s := createSession(t, h)
		open := func(typ string, settings string, labels ...string) *caja.Activity {
			t.Helper()
			var opts []commands.OptionInput
			for _, l := range labels {
				opts = append(opts, commands.OptionInput{Label: l})
			}
			a, err := h.CreateActivity.Handle(ctx, commands.CreateActivity{SessionID: s.ID, AdminToken: s.AdminToken, Type: typ, Title: typ, Options: opts, Settings: json.RawMessage(settings)})
			if err != nil {
				t.Fatalf("create %s: %v", typ, err)
			}
			if _, err := h.UpdateActivity.Handle(ctx, commands.UpdateActivity{SessionID: s.ID, ActivityID: a.ID, AdminToken: s.AdminToken, Status: ptr("open")}); err != nil {
				t.Fatalf("open %s: %v", typ, err)
			}
			return a
		}
		ranking := open("ranking", `{}`, "a", "b", "c", "d")
		scales := open("scales", `{"min":0,"max":4}`, "x", "y", "z")
		points := open("points", `{"total":100}`, "p", "q", "r")
		numeric := open("numeric", `{"min":0,"max":10}`)

		var wg sync.WaitGroup
		for i := range 24 {
			joined, err := h.JoinSession.Handle(ctx, commands.JoinSession{SessionID: s.ID, Nickname: fmt.Sprint("phone ", i)})
			if err != nil {
				t.Fatal(err)
			}
			wg.Go(func() {
				rnd := rand.New(rand.NewPCG(uint64(i), 17))
				submit := func(cmd commands.SubmitResponse) {
					cmd.SessionID, cmd.Token = s.ID, joined.Token
					if _, err := h.SubmitResponse.Handle(ctx, cmd); err != nil {
						t.Errorf("phone %d answers %s: %v", i, cmd.ActivityID, err)
					}
				}
				for range 1 + rnd.IntN(3) { // an answer, then changes of mind
					order := make([]string, 0, 4)
					for _, k := range rnd.Perm(4) {
						order = append(order, ranking.Options[k].ID)
					}
					submit(commands.SubmitResponse{ActivityID: ranking.ID, OptionIDs: order})
					ratings := map[string]int{}
					for _, o := range scales.Options {
						ratings[o.ID] = rnd.IntN(5)
					}
					submit(commands.SubmitResponse{ActivityID: scales.ID, Ratings: ratings})
					first := rnd.IntN(101)
					second := rnd.IntN(101 - first)
					submit(commands.SubmitResponse{ActivityID: points.ID, Points: map[string]int{points.Options[0].ID: first, points.Options[2].ID: second}})
					submit(commands.SubmitResponse{ActivityID: numeric.ID, Value: ptr(float64(rnd.IntN(101)) / 10)})
				}
			})
		}
		wg.Wait()

		want := tallies(t, store.DB(), recount(store.DB().Dialect))
		got := tallies(t, store.DB(), "SELECT activity_id, kind, key, CAST(SUM(n) AS bigint) AS n FROM result_tallies GROUP BY activity_id, kind, key")
		if !maps.Equal(got, want) {
			t.Errorf("tallies differ from a recount:\n got %v\nwant %v", got, want)
		}
		bordaTotal := 0
		for _, o := range ranking.Options {
			bordaTotal += want[ranking.ID+"/points/"+o.ID]
		}
		if want[ranking.ID+"/total/"] != 24 || bordaTotal != 24*6 || want[scales.ID+"/total/"] != 24 || want[numeric.ID+"/total/"] != 24 {
			t.Errorf("the scenario did not answer as planned: %v", want)
		}
		if n := writemodeltest.Count(t, store.DB(), "responses WHERE number_value IS NOT NULL"); n != 24 {
			t.Errorf("%d numeric answers stored, want 24", n)
		}

		// Removing an activity with its answers takes its tallies along.
		if err := store.DB().Gorm.Exec("DELETE FROM activities WHERE id = ?", ranking.ID).Error; err != nil {
			t.Fatalf("delete an answered activity: %v", err)
		}
		if n := writemodeltest.Count(t, store.DB(), "result_tallies WHERE activity_id = '"+ranking.ID+"'"); n != 0 {
			t.Errorf("%d tallies left for a deleted activity", n)
		}
	})
}
