package readmodel_test

import (
	"context"
	"testing"
	"time"

	"github.com/cajalive/caja/readmodel"
)

// TestLayout_UpgradeFromOldKeys: a Redis holding the read model in the old
// key layout (caja:session:<id>..., a caja:meta without layout) is
// re-projected into the hash-tagged layout and its old keys are deleted.
func TestLayout_UpgradeFromOldKeys(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	ctx := context.Background()
	s := f.session(t)
	k, c := f.redis.Keys, f.redis.Client
	old := k.LegacyKeys(s.ID, s.JoinCode, nil)
	// What the old projector left: the session's hash and lists, its join
	// code, an export pointer, and a completed session's leftovers.
	for _, key := range old[:4] {
		if err := c.HSet(ctx, key, "etag", "old").Err(); err != nil {
			t.Fatal(err)
		}
	}
	leftovers := []string{k.Prefix + "join:" + s.JoinCode, k.Prefix + "export:" + s.ID, k.Prefix + "session:completed-one", k.Prefix + "session:completed-one:me"}
	for _, key := range leftovers {
		if err := c.Set(ctx, key, "x", 0).Err(); err != nil {
			t.Fatal(err)
		}
	}
	if err := c.HSet(ctx, k.Meta(), "rebuilt_at", "yesterday", "join_base_url", "https://caja.test").Err(); err != nil {
		t.Fatal(err)
	}
	f.run(t)
	eventually(t, 20*time.Second, "re-projected into the new layout", func() bool {
		return f.hash(t, s.ID)["etag"] != "" && c.Get(ctx, k.Join(s.JoinCode)).Val() == s.ID &&
			c.HGet(ctx, k.Meta(), readmodel.MetaLayout).Val() == readmodel.LayoutVersion
	})
	eventually(t, 20*time.Second, "old keys deleted", func() bool {
		n, err := c.Exists(ctx, append(old[:4:4], leftovers...)...).Result()
		return err == nil && n == 0
	})
	if f.hash(t, s.ID)["etag"] == "old" {
		t.Error("the new layout's session hash holds the old document")
	}
}

// TestKeys_SessionKeysShareOneHashTag: every key of one session carries
// the session id as its hash tag, so a cluster keeps them on one slot.
func TestKeys_SessionKeysShareOneHashTag(t *testing.T) {
	t.Parallel()
	k := readmodel.Keys{Prefix: "caja:"}
	const id = "0190a0b0-0000-7000-8000-000000000001"
	tests := []struct{ name, key, want string }{
		{"Session", k.Session(id), "caja:{" + id + "}:session"},
		{"Activity", k.Activity(id, "a1"), "caja:{" + id + "}:activity:a1"},
		{"Me", k.Me(id), "caja:{" + id + "}:me"},
		{"Roster", k.Roster(id), "caja:{" + id + "}:roster"},
		{"Scores", k.Scores(id), "caja:{" + id + "}:scores"},
		{"Export", k.Export(id, "7"), "caja:{" + id + "}:export:7"},
		{"ExportLatest", k.ExportLatest(id), "caja:{" + id + "}:export"},
		{"Absent", k.Absent(id), "caja:{" + id + "}:absent"},
		{"Join", k.Join("123456"), "caja:join:{123456}"},
		{"JoinEnded", k.JoinEnded("123456"), "caja:joinended:{123456}"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.key != tt.want {
				t.Errorf("%s = %q, want %q", tt.name, tt.key, tt.want)
			}
		})
	}
}
