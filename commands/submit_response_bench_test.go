package commands_test

import (
	"context"
	"fmt"
	"runtime"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/cajalive/caja"
	"github.com/cajalive/caja/commands"
	"github.com/cajalive/caja/writemodel"
	"github.com/cajalive/caja/writemodel/writemodeltest"
)

// benchPoll is an open poll with n participants whose tokens are known.
type benchPoll struct {
	h       commands.Handlers
	session string
	poll    string
	options []string
	tokens  []string
}

func newBenchPoll(b *testing.B, n int) *benchPoll {
	b.Helper()
	db := writemodeltest.NewDB(b)
	store := writemodel.NewStore(db)
	h := commands.NewHandlers(store, caja.NewPresenter("https://caja.test"))
	ctx := context.Background()
	s, err := h.CreateSession.Handle(ctx, commands.CreateSession{Name: "Bench", AdminID: "b"})
	if err != nil {
		b.Fatal(err)
	}
	a, err := h.CreateActivity.Handle(ctx, commands.CreateActivity{SessionID: s.ID, AdminToken: s.AdminToken, Type: "poll", Title: "?", Options: []commands.OptionInput{{Label: "a"}, {Label: "b"}, {Label: "c"}, {Label: "d"}}})
	if err != nil {
		b.Fatal(err)
	}
	if _, err := h.UpdateActivity.Handle(ctx, commands.UpdateActivity{SessionID: s.ID, ActivityID: a.ID, AdminToken: s.AdminToken, Status: ptr("open")}); err != nil {
		b.Fatal(err)
	}
	bp := &benchPoll{h: h, session: s.ID, poll: a.ID}
	for _, o := range a.Options {
		bp.options = append(bp.options, o.ID)
	}
	// Participants go in directly, in bulk: joining is not what is measured.
	now := time.Now().UTC()
	people := make([]writemodel.Participant, n)
	for i := range people {
		token := fmt.Sprintf("bench-token-%d-%s", i, s.ID)
		bp.tokens = append(bp.tokens, token)
		people[i] = writemodel.Participant{ID: uuid.NewString(), SessionID: s.ID, Nickname: fmt.Sprint("p", i), NicknameKey: fmt.Sprint("p", i), TokenHash: caja.HashToken(token), CreatedAt: now}
	}
	if err := db.Gorm.CreateInBatches(people, 1000).Error; err != nil {
		b.Fatal(err)
	}
	return bp
}

func (bp *benchPoll) answer(b *testing.B, i int) {
	_, err := bp.h.SubmitResponse.Handle(context.Background(), commands.SubmitResponse{SessionID: bp.session, ActivityID: bp.poll, Token: bp.tokens[i], OptionIDs: []string{bp.options[i%len(bp.options)]}})
	if err != nil {
		b.Error(err)
	}
}

// BenchmarkSubmitResponse is a participant's first answer to a poll against
// real Postgres: one at a time, and from 32 concurrent phones, where group
// commit writes many answers per transaction.
func BenchmarkSubmitResponse(b *testing.B) {
	b.Run("serial", func(b *testing.B) {
		bp := newBenchPoll(b, b.N)
		b.ReportAllocs()
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			bp.answer(b, i)
		}
	})
	b.Run("concurrent32", func(b *testing.B) {
		bp := newBenchPoll(b, b.N)
		var next atomic.Int64
		b.SetParallelism(max(1, 32/runtime.GOMAXPROCS(0)))
		b.ReportAllocs()
		b.ResetTimer()
		b.RunParallel(func(pb *testing.PB) {
			for pb.Next() {
				bp.answer(b, int(next.Add(1))-1)
			}
		})
	})
}
