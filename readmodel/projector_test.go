package readmodel_test

import (
	"context"
	"encoding/json"
	"log/slog"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/cajalive/caja/commands"
	"github.com/cajalive/caja/readmodel"
	"github.com/cajalive/caja/readmodel/readmodeltest"
	"github.com/cajalive/caja/writemodel"
	"github.com/cajalive/caja/writemodel/views"
	"github.com/cajalive/caja/writemodel/writemodeltest"
)

type fixture struct {
	store     *writemodel.Store
	redis     *readmodel.Redis
	projector *readmodel.Projector
	cmd       commands.Handlers
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	return newFixtureTB(t)
}

func newFixtureTB(t testing.TB) *fixture {
	t.Helper()
	store := writemodeltest.NewStore(t)
	r := readmodeltest.NewRedis(t)
	presenter := views.NewPresenter("https://caja.test")
	cfg := readmodel.DefaultProjectorConfig()
	cfg.Fallback = 100 * time.Millisecond
	cfg.MetaCheck = 100 * time.Millisecond
	p := readmodel.NewProjector(store, r, readmodel.NewRenderer(presenter), slog.New(slog.DiscardHandler), nil, cfg)
	return &fixture{store: store, redis: r, projector: p, cmd: commands.NewHandlers(store, presenter)}
}

// run runs the projector until the test ends.
func (f *fixture) run(t *testing.T) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	wg.Add(1)
	go func() { defer wg.Done(); _ = f.projector.Run(ctx) }()
	t.Cleanup(func() { cancel(); wg.Wait() })
}

func (f *fixture) hash(t *testing.T, id string) map[string]string {
	t.Helper()
	m, err := f.redis.Client.HGetAll(context.Background(), f.redis.Keys.Session(id)).Result()
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func (f *fixture) drain(t *testing.T) {
	t.Helper()
	if err := f.projector.Drain(context.Background()); err != nil {
		t.Fatalf("drain: %v", err)
	}
}

// eventually polls cond until it holds or the deadline passes.
func eventually(t *testing.T, within time.Duration, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(within)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("%s: not within %s", what, within)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func ptr[T any](v T) *T { return &v }

func TestProjector_WritesSessionHash(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	ctx := context.Background()
	s, err := f.cmd.CreateSession.Handle(ctx, commands.CreateSession{Name: "Town hall", AdminID: "ana"})
	if err != nil {
		t.Fatal(err)
	}
	f.drain(t)

	h := f.hash(t, s.ID)
	want := map[string]string{"name": "Town hall", "status": "draft", "join_code": s.JoinCode, "current_activity_id": "", "participant_count": "0"}
	for k, v := range want {
		if h[k] != v {
			t.Errorf("field %s = %q, want %q", k, h[k], v)
		}
	}
	for _, k := range []string{"etag", "updated_at", "session_json", "participant_json", "display_json", "admin_json", "display_etag", "admin_etag"} {
		if h[k] == "" {
			t.Errorf("field %s is missing", k)
		}
	}
	if id, _ := f.redis.Client.Get(ctx, f.redis.Keys.Join(s.JoinCode)).Result(); id != s.ID {
		t.Errorf("join key points to %q, want %q", id, s.ID)
	}
	if n, _ := f.store.OutboxBacklog(ctx); n != 0 {
		t.Errorf("outbox backlog after drain = %d, want 0", n)
	}
}

func TestProjector_ETagChangesOnlyWithBytes(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	ctx := context.Background()
	s, err := f.cmd.CreateSession.Handle(ctx, commands.CreateSession{Name: "Town hall", AdminID: "ana"})
	if err != nil {
		t.Fatal(err)
	}
	f.drain(t)
	before := f.hash(t, s.ID)

	// Re-projecting unchanged rows must not change the ETag nor updated_at.
	if err := f.projector.ProjectSessions(ctx, []string{s.ID}); err != nil {
		t.Fatal(err)
	}
	again := f.hash(t, s.ID)
	if again["etag"] != before["etag"] || again["updated_at"] != before["updated_at"] {
		t.Errorf("re-projection changed etag/updated_at: %q→%q, %q→%q", before["etag"], again["etag"], before["updated_at"], again["updated_at"])
	}

	if _, err := f.cmd.UpdateSession.Handle(ctx, commands.UpdateSession{SessionID: s.ID, AdminToken: s.AdminToken, Status: ptr("active")}); err != nil {
		t.Fatal(err)
	}
	f.drain(t)
	after := f.hash(t, s.ID)
	if after["etag"] == before["etag"] || after["status"] != "active" {
		t.Errorf("after a change: etag %q (was %q), status %q", after["etag"], before["etag"], after["status"])
	}
	if after["updated_at"] <= before["updated_at"] {
		t.Errorf("updated_at did not move: %q → %q", before["updated_at"], after["updated_at"])
	}
}

func TestProjector_CompletedSessionReleasesJoinCode(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	ctx := context.Background()
	s, err := f.cmd.CreateSession.Handle(ctx, commands.CreateSession{Name: "Town hall", AdminID: "ana"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.cmd.UpdateSession.Handle(ctx, commands.UpdateSession{SessionID: s.ID, AdminToken: s.AdminToken, Status: ptr("completed")}); err != nil {
		t.Fatal(err)
	}
	f.drain(t)
	if n, _ := f.redis.Client.Exists(ctx, f.redis.Keys.Join(s.JoinCode)).Result(); n != 0 {
		t.Error("a completed session still holds its join code")
	}
	if f.hash(t, s.ID)["status"] != "completed" {
		t.Error("completed session not projected")
	}
}

func TestProjector_RebuildsAfterFlush(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	f.run(t)
	ctx := context.Background()
	s, err := f.cmd.CreateSession.Handle(ctx, commands.CreateSession{Name: "Town hall", AdminID: "ana"})
	if err != nil {
		t.Fatal(err)
	}
	eventually(t, 2*time.Second, "session projected", func() bool { return f.hash(t, s.ID)["etag"] != "" })

	readmodeltest.DeletePrefix(t, f.redis) // this test's FLUSHALL
	eventually(t, 2*time.Second, "session re-projected after flush", func() bool {
		return f.hash(t, s.ID)["etag"] != "" && f.redis.Client.Get(ctx, f.redis.Keys.Join(s.JoinCode)).Val() == s.ID
	})
}

func TestProjector_RepairsOnRequest(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	f.run(t)
	ctx := context.Background()
	s, err := f.cmd.CreateSession.Handle(ctx, commands.CreateSession{Name: "Town hall", AdminID: "ana"})
	if err != nil {
		t.Fatal(err)
	}
	eventually(t, 2*time.Second, "session projected", func() bool { return f.hash(t, s.ID)["etag"] != "" })
	reader := readmodel.NewReader(f.redis)

	// One evicted hash (the marker stays, so no full rebuild happens).
	f.redis.Client.Del(ctx, f.redis.Keys.Session(s.ID))
	if err := reader.AwaitRepair(ctx, s.ID); err != nil {
		t.Fatalf("repair of a known session: %v", err)
	}
	if f.hash(t, s.ID)["name"] != "Town hall" {
		t.Error("session not re-projected")
	}

	// An id Postgres does not know is marked absent: NotFound, quickly.
	if err := reader.AwaitRepair(ctx, "00000000-0000-4000-8000-000000000042"); err == nil {
		t.Fatal("repair of an unknown session must fail")
	}
	if n, _ := f.redis.Client.Exists(ctx, f.redis.Keys.Absent("00000000-0000-4000-8000-000000000042")).Result(); n != 1 {
		t.Error("unknown session not marked absent")
	}
}

func TestProjector_CoalescesBursts(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	ctx := context.Background()
	s, err := f.cmd.CreateSession.Handle(ctx, commands.CreateSession{Name: "Burst", AdminID: "ana"})
	if err != nil {
		t.Fatal(err)
	}
	a, err := f.cmd.CreateActivity.Handle(ctx, commands.CreateActivity{SessionID: s.ID, AdminToken: s.AdminToken, Type: "poll", Title: "?", Options: []commands.OptionInput{{Label: "a"}, {Label: "b"}}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.cmd.UpdateActivity.Handle(ctx, commands.UpdateActivity{SessionID: s.ID, ActivityID: a.ID, AdminToken: s.AdminToken, Status: ptr("open")}); err != nil {
		t.Fatal(err)
	}
	f.drain(t)
	const answers = 1500
	var wg sync.WaitGroup
	sem := make(chan struct{}, 16)
	for i := 0; i < answers; i++ {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			p, err := f.cmd.JoinSession.Handle(ctx, commands.JoinSession{SessionID: s.ID, Nickname: "p" + strconv.Itoa(i)})
			if err != nil {
				t.Error(err)
				return
			}
			if _, err := f.cmd.SubmitResponse.Handle(ctx, commands.SubmitResponse{SessionID: s.ID, ActivityID: a.ID, Token: p.Token, OptionIDs: []string{a.Options[i%2].ID}}); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	before := f.projector.Renders()
	f.drain(t)
	// 3,000 outbox rows (joins and answers) in batches of 1,000: three
	// renders of the session, not 3,000.
	if n := f.projector.Renders() - before; n > 3 {
		t.Errorf("%d renders for a burst of %d answers", n, answers)
	}
	participant := f.hash(t, s.ID)["participant_json"]
	if !strings.Contains(participant, `"participant_count":1500`) {
		t.Errorf("participant view after the burst: %s", participant)
	}
	var totals struct {
		Options []struct{ Count int } `json:"options"`
	}
	res, _ := f.redis.Client.HGet(ctx, f.redis.Keys.Activity(s.ID, a.ID), "results_json").Result()
	if err := json.Unmarshal([]byte(res), &totals); err != nil || totals.Options[0].Count != 750 || totals.Options[1].Count != 750 {
		t.Errorf("results after the burst: %s", res)
	}
}
