package readmodel_test

import (
	"context"
	"fmt"
	"sync"
	"testing"

	"github.com/cajalive/caja/commands"
)

// BenchmarkProjector_ApplyBatch measures one projector batch after a burst
// of 200 answers to a poll of a 1,000-participant session: fetch the
// outbox rows, recompute the session from Postgres, write Redis, delete the
// rows. Each op is one such batch.
func BenchmarkProjector_ApplyBatch(b *testing.B) {
	const participants, burst = 1000, 200
	f := newFixtureTB(b)
	ctx := context.Background()
	s, err := f.cmd.CreateSession.Handle(ctx, commands.CreateSession{Name: "Bench", AdminID: "b"})
	if err != nil {
		b.Fatal(err)
	}
	a, err := f.cmd.CreateActivity.Handle(ctx, commands.CreateActivity{SessionID: s.ID, AdminToken: s.AdminToken, Type: "poll", Title: "?", Options: []commands.OptionInput{{Label: "a"}, {Label: "b"}, {Label: "c"}}})
	if err != nil {
		b.Fatal(err)
	}
	if _, err := f.cmd.UpdateActivity.Handle(ctx, commands.UpdateActivity{SessionID: s.ID, ActivityID: a.ID, AdminToken: s.AdminToken, Status: ptr("open")}); err != nil {
		b.Fatal(err)
	}
	if _, err := f.cmd.UpdateSession.Handle(ctx, commands.UpdateSession{SessionID: s.ID, AdminToken: s.AdminToken, CurrentActivityID: commands.Optional[string]{Set: true, Value: ptr(a.ID)}}); err != nil {
		b.Fatal(err)
	}
	tokens := make([]string, participants)
	for i := range tokens {
		p, err := f.cmd.JoinSession.Handle(ctx, commands.JoinSession{SessionID: s.ID, Nickname: fmt.Sprint("p", i)})
		if err != nil {
			b.Fatal(err)
		}
		tokens[i] = p.Token
	}
	if err := f.projector.Drain(ctx); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		var wg sync.WaitGroup
		for k := 0; k < burst; k++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				p := (i*burst + k) % participants
				_, err := f.cmd.SubmitResponse.Handle(ctx, commands.SubmitResponse{SessionID: s.ID, ActivityID: a.ID, Token: tokens[p], OptionIDs: []string{a.Options[(i+k)%3].ID}})
				if err != nil {
					b.Error(err)
				}
			}()
		}
		wg.Wait()
		b.StartTimer()
		if err := f.projector.Drain(ctx); err != nil {
			b.Fatal(err)
		}
	}
}
