package readmodel_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/cajalive/caja/commands"
	"github.com/cajalive/caja/readmodel"
	"github.com/cajalive/caja/readmodel/readmodeltest"
)

// TestProjector_AntiEntropyRepairsAnOlderCopy: an older copy of one
// session's keys is restored over the current one (DUMP before a change,
// RESTORE ... REPLACE after it), as a failover that lost writes leaves it.
// Within 10 s every view of that session is current again, without a
// restart, and no other session is re-projected.
func TestProjector_AntiEntropyRepairsAnOlderCopy(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	f.run(t)
	ctx := context.Background()
	s, other := f.session(t), f.session(t)
	eventually(t, 3*time.Second, "both sessions projected", func() bool {
		return f.hash(t, s.ID)["version"] != "" && f.hash(t, other.ID)["version"] != ""
	})
	keys, err := f.redis.Client.Keys(ctx, f.redis.Keys.Session(s.ID)[:len(f.redis.Keys.Session(s.ID))-len("session")]+"*").Result()
	if err != nil || len(keys) == 0 {
		t.Fatalf("keys of the session: %v %v", keys, err)
	}
	dumps := map[string]string{}
	for _, k := range keys {
		dumps[k] = f.redis.Client.Dump(ctx, k).Val()
	}
	old := f.hash(t, s.ID)

	if _, err := f.cmd.UpdateSession.Handle(ctx, commands.UpdateSession{SessionID: s.ID, AdminToken: s.AdminToken, Name: ptr("Town hall, renamed")}); err != nil {
		t.Fatal(err)
	}
	eventually(t, 3*time.Second, "the change projected", func() bool { return f.hash(t, s.ID)["name"] == "Town hall, renamed" })
	current := f.hash(t, s.ID)
	otherBefore := f.hash(t, other.ID)["projected_at"]

	for k, d := range dumps {
		if err := f.redis.Client.RestoreReplace(ctx, k, 0, d).Err(); err != nil {
			t.Fatal(err)
		}
	}
	if got := f.hash(t, s.ID); got["name"] != "Town hall" || got["etag"] != old["etag"] {
		t.Fatalf("the old copy was not restored: %v", got["name"])
	}
	restored := time.Now()
	eventually(t, 10*time.Second, "the restored old copy repaired", func() bool {
		h := f.hash(t, s.ID)
		return h["name"] == "Town hall, renamed" && h["etag"] == current["etag"] && h["display_etag"] == current["display_etag"] && h["admin_etag"] == current["admin_etag"]
	})
	t.Logf("repaired %s after the restore", time.Since(restored).Round(time.Millisecond))
	if got := f.hash(t, other.ID)["projected_at"]; got != otherBefore {
		t.Errorf("the other session was re-projected too (projected_at %s -> %s)", otherBefore, got)
	}
}

// TestProjector_OneBrokenSessionDoesNotHoldBackTheOthers: a session whose
// keys cannot be written (its hash replaced by a string: every write fails
// with WRONGTYPE) backs off; the other sessions' changes are projected at
// once; when the key is fixed the broken session catches up by itself.
func TestProjector_OneBrokenSessionDoesNotHoldBackTheOthers(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	f.run(t)
	ctx := context.Background()
	broken, healthy := f.session(t), f.session(t)
	eventually(t, 3*time.Second, "both sessions projected", func() bool {
		return f.hash(t, broken.ID)["version"] != "" && f.hash(t, healthy.ID)["version"] != ""
	})
	if err := f.redis.Client.Set(ctx, f.redis.Keys.Session(broken.ID), "not a hash", 0).Err(); err != nil {
		t.Fatal(err)
	}
	rename := func(s *commands.SessionCreated, name string) {
		t.Helper()
		if _, err := f.cmd.UpdateSession.Handle(ctx, commands.UpdateSession{SessionID: s.ID, AdminToken: s.AdminToken, Name: ptr(name)}); err != nil {
			t.Fatal(err)
		}
	}
	rename(broken, "broken, renamed")
	for i := range 5 {
		rename(healthy, "healthy "+strings.Repeat("!", i+1))
		want := "healthy " + strings.Repeat("!", i+1)
		eventually(t, 3*time.Second, "the healthy session's change", func() bool { return f.hash(t, healthy.ID)["name"] == want })
	}
	eventually(t, 2*time.Second, "the broken session backs off", func() bool { return f.projector.SessionsBackingOff() == 1 })
	if n, _ := f.store.OutboxBacklog(ctx); n == 0 {
		t.Error("the broken session's change left the outbox without being projected")
	}

	f.redis.Client.Del(ctx, f.redis.Keys.Session(broken.ID))
	eventually(t, 5*time.Second, "the broken session catches up once it can be written", func() bool {
		return f.hash(t, broken.ID)["name"] == "broken, renamed"
	})
	eventually(t, 2*time.Second, "its backoff ends and its rows are done", func() bool {
		n, _ := f.store.OutboxBacklog(ctx)
		return f.projector.SessionsBackingOff() == 0 && n == 0
	})
}

// TestProjector_RebuildIsNotHeldBackByABrokenSession: after a flush, a
// session that cannot be written fails alone; the rebuild writes the others
// and then the caja:meta marker.
func TestProjector_RebuildIsNotHeldBackByABrokenSession(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	ctx := context.Background()
	broken, healthy := f.session(t), f.session(t)
	f.drain(t)
	readmodeltest.DeletePrefix(t, f.redis)
	if err := f.redis.Client.Set(ctx, f.redis.Keys.Session(broken.ID), "not a hash", 0).Err(); err != nil {
		t.Fatal(err)
	}
	n, err := f.projector.RebuildAll(ctx, false)
	if n != 2 || !strings.Contains(errString(err), "1 of 2") {
		t.Fatalf("rebuild: %d sessions, %v; want 2 and one failure", n, err)
	}
	if f.hash(t, healthy.ID)["name"] != "Town hall" {
		t.Error("the healthy session was not rebuilt")
	}
	if f.redis.Client.Exists(ctx, f.redis.Keys.Meta()).Val() != 1 {
		t.Error("caja:meta was not written")
	}
	if f.projector.SessionsBackingOff() != 1 {
		t.Errorf("%d sessions backing off, want the broken one", f.projector.SessionsBackingOff())
	}
}

func errString(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

// TestProjector_FencedWriteChangesNothing: once a projector with a newer
// lease epoch wrote a session, one with an older epoch (a leader that was
// frozen and woke) writes nothing to it and is told it was fenced.
func TestProjector_FencedWriteChangesNothing(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	ctx := context.Background()
	s := f.session(t)
	stale := f.newProjector(readmodel.DefaultProjectorConfig())
	stale.SetEpoch(1)
	if err := stale.ProjectSessions(ctx, []string{s.ID}); err != nil {
		t.Fatal(err)
	}
	leader := f.newProjector(readmodel.DefaultProjectorConfig())
	leader.SetEpoch(2)
	if _, err := f.cmd.UpdateSession.Handle(ctx, commands.UpdateSession{SessionID: s.ID, AdminToken: s.AdminToken, Name: ptr("new name")}); err != nil {
		t.Fatal(err)
	}
	if err := leader.Drain(ctx); err != nil {
		t.Fatal(err)
	}
	before := f.hash(t, s.ID)
	if before["fence"] != "2" || before["name"] != "new name" {
		t.Fatalf("leader's write: fence %q name %q", before["fence"], before["name"])
	}
	err := stale.ProjectSessions(ctx, []string{s.ID})
	if err == nil || !strings.Contains(err.Error(), "fenced") {
		t.Fatalf("a stale projector's write: %v, want fenced", err)
	}
	after := f.hash(t, s.ID)
	for k, v := range before {
		if after[k] != v {
			t.Errorf("field %s changed under a fenced write: %q -> %q", k, v, after[k])
		}
	}
}

// TestProjector_ReadyFailsWhenItCannotProject: the active projector whose
// Redis hangs says so on /readyz after 10 s, and is ready again once Redis
// answers.
func TestProjector_ReadyFailsWhenItCannotProject(t *testing.T) {
	t.Parallel()
	proc := readmodeltest.StartProcess(t)
	cfg := readmodeltest.Config()
	cfg.RedisURL = proc.URL()
	r, err := readmodel.Open(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = r.Close() })
	f := newFixture(t)
	f.redis = r
	f.projector = f.newProjector(readmodel.DefaultProjectorConfig())
	f.run(t)
	ctx := context.Background()
	s := f.session(t)
	eventually(t, 3*time.Second, "projected", func() bool { return f.hash(t, s.ID)["version"] != "" })
	if err := f.projector.Ready(ctx); err != nil {
		t.Fatalf("ready while projecting: %v", err)
	}
	proc.Pause()
	if _, err := f.cmd.UpdateSession.Handle(ctx, commands.UpdateSession{SessionID: s.ID, AdminToken: s.AdminToken, Name: ptr("renamed")}); err != nil {
		t.Fatal(err)
	}
	time.Sleep(5 * time.Second)
	if err := f.projector.Ready(ctx); err != nil {
		t.Fatalf("not ready after 5 s of failures (the bound is 10 s): %v", err)
	}
	eventually(t, 10*time.Second, "not ready after 10 s of failures", func() bool {
		err := f.projector.Ready(ctx)
		return err != nil && strings.Contains(err.Error(), "failed to project")
	})
	proc.Resume()
	eventually(t, 10*time.Second, "ready again", func() bool { return f.projector.Ready(ctx) == nil && f.hash(t, s.ID)["name"] == "renamed" })
}
