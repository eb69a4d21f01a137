package readmodel_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"io"
	"testing"

	"github.com/cajalive/caja/commands"
)

// TestProjector_StoresGzipCopiesOfEveryView: the polling endpoint's 200 to
// a client accepting gzip is the projector's copy, so the copy must be
// exactly the plain view, compressed.
func TestProjector_StoresGzipCopiesOfEveryView(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	s := f.session(t)
	f.drain(t)
	h := f.hash(t, s.ID)
	for plain, gz := range map[string]string{"participant_json": "participant_json_gz", "display_json": "display_json_gz", "admin_json": "admin_json_gz"} {
		zr, err := gzip.NewReader(bytes.NewReader([]byte(h[gz])))
		if err != nil {
			t.Errorf("%s is not gzip: %v", gz, err)
			continue
		}
		b, err := io.ReadAll(zr)
		if err != nil || string(b) != h[plain] {
			t.Errorf("%s does not decompress to %s (%v)", gz, plain, err)
		}
	}
}

// TestRender_MeMarkerFollowsMeVersion: the participant view's me_marker is
// the session's me_version, which a kick moves (and an answer does not).
func TestRender_MeMarkerFollowsMeVersion(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	ctx := context.Background()
	s := f.session(t)
	marker := func() string {
		t.Helper()
		f.drain(t)
		var v struct {
			MeMarker *string `json:"me_marker"`
		}
		if err := json.Unmarshal([]byte(f.hash(t, s.ID)["participant_json"]), &v); err != nil || v.MeMarker == nil {
			t.Fatalf("participant view without me_marker: %v", err)
		}
		return *v.MeMarker
	}
	first := marker()
	p, err := f.cmd.JoinSession.Handle(ctx, commands.JoinSession{SessionID: s.ID, Nickname: "ana"})
	if err != nil {
		t.Fatal(err)
	}
	if got := marker(); got != first {
		t.Errorf("a join moved me_marker from %q to %q", first, got)
	}
	if err := f.cmd.KickParticipant.Handle(ctx, commands.KickParticipant{SessionID: s.ID, ParticipantID: p.ID, AdminToken: s.AdminToken}); err != nil {
		t.Fatal(err)
	}
	if got := marker(); got == first {
		t.Errorf("a kick left me_marker at %q", got)
	}
}
