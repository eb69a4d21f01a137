package commands_test

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/cajalive/caja"
	"github.com/cajalive/caja/commands"
)

// TestCreateActivity_TimerSound: settings.sound is kept on every type with
// a time limit (off and not stored by default), refused with a field name
// when it is not a boolean or on a Q&A.
func TestCreateActivity_TimerSound(t *testing.T) {
	t.Parallel()
	h, _ := newHandlers(t)
	ctx := context.Background()
	s := createSession(t, h)
	create := func(typ, settings string) (*caja.Activity, error) {
		in := commands.CreateActivity{SessionID: s.ID, AdminToken: s.AdminToken, Type: typ, Title: "?", Settings: json.RawMessage(settings)}
		switch typ {
		case "poll":
			in.Options = []commands.OptionInput{{Label: "a"}, {Label: "b"}}
		case "quiz":
			in.Options = []commands.OptionInput{{Label: "a", Correct: true}, {Label: "b"}}
		}
		return h.CreateActivity.Handle(ctx, in)
	}
	for _, typ := range []string{"poll", "quiz", "word_cloud", "open_text", "rating"} {
		a, err := create(typ, `{"time_limit_s":30,"sound":true}`)
		if err != nil {
			t.Fatalf("%s: %v", typ, err)
		}
		if !strings.Contains(string(a.Settings), `"sound":true`) {
			t.Errorf("%s: settings %s lack sound", typ, a.Settings)
		}
		if a, err = create(typ, `{}`); err != nil || strings.Contains(string(a.Settings), "sound") {
			t.Errorf("%s: default settings %s (%v) carry sound", typ, a.Settings, err)
		}
	}
	for _, bad := range []struct{ typ, settings string }{{"poll", `{"sound":"yes"}`}, {"rating", `{"sound":1}`}, {"qna", `{"sound":true}`}} {
		_, err := create(bad.typ, bad.settings)
		var ce *caja.Error
		if !errors.As(err, &ce) || ce.Kind != caja.Invalid || len(ce.Fields) != 1 || ce.Fields[0].Field != "settings.sound" {
			t.Errorf("%s %s: %v, want invalid settings.sound", bad.typ, bad.settings, err)
		}
	}
	// The same naming for the other embedded setting.
	_, err := create("poll", `{"results":7}`)
	var ce *caja.Error
	if !errors.As(err, &ce) || len(ce.Fields) != 1 || ce.Fields[0].Field != "settings.results" {
		t.Errorf("results 7: %v, want invalid settings.results", err)
	}
}
