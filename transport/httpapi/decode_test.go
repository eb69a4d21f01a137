package httpapi

import (
	"errors"
	"net/http"
	"sort"
	"strings"
	"testing"

	"github.com/cajalive/caja"
)

// decoders are every JSON request body the API reads.
var decoders = map[string]func() any{
	"createSession":  func() any { return &createSessionRequest{} },
	"updateSession":  func() any { return &updateSessionRequest{} },
	"createActivity": func() any { return &createActivityRequest{} },
	"updateActivity": func() any { return &updateActivityRequest{} },
	"join":           func() any { return &joinRequest{} },
	"response":       func() any { return &responseRequest{} },
	"question":       func() any { return &questionRequest{} },
	"moderate":       func() any { return &moderateRequest{} },
}

// badBodies seed the fuzzers: the bad-input tables' bodies.
var badBodies = []string{
	``, `{`, `[]`, `null`, `"x"`, `{"name":`, `{"name":5}`, `{"a":1}{}`, `{"name":"a","x":1}`,
	`{"title":null}`, `{"options":[{"label":"a","color":1}]}`, `{"settings":{"x":1}}`, `{"option_ids":"x"}`,
	`{"value":2.5}`, `{"value":"4"}`, `{"status":1}`, `{"pinned":"yes"}`, "{\"text\":\"\xff\"}", `{"current_activity_id":7}`,
	`{"name":"ok","admin_id":"a"}`, `{"nickname":"ana"}`, `{"option_ids":["x"]}`, `{"text":"hi"}`, `{"status":"hidden","pinned":true}`,
	// Ranking, scales, points, numeric and content answers and activities.
	`{"option_ids":["a","a"]}`, `{"ratings":{"a":2.5}}`, `{"ratings":[1]}`, `{"ratings":{"":1}}`, `{"points":{"a":-1}}`,
	`{"points":{"a":1e30}}`, `{"points":null}`, `{"value":1e400}`, `{"value":-0.5}`, `{"body":5}`, `{"type":"content","title":"x","body":"# hi"}`,
	`{"type":"numeric","title":"x","settings":{"min":0,"max":10,"correct":{"value":"x"}}}`, `{"type":"scales","title":"x","settings":{"min_label":7}}`,
	`{"image_id":7}`, `{"image_id":null}`, `{"image_id":"` + strings.Repeat("a", 64) + `"}`, `{"options":[{"label":"a","image_id":["x"]}]}`,
}

// checkDecodeError asserts that a decoding error is one transport answers
// with a 4xx: malformed (400), invalid naming a field (422), or too large.
func checkDecodeError(t *testing.T, body string, err error) {
	t.Helper()
	if err == nil {
		return
	}
	var br errBadRequest
	var mbe *http.MaxBytesError
	if errors.As(err, &br) || errors.As(err, &mbe) {
		return
	}
	e, ok := caja.AsError(err)
	if !ok || e.Kind != caja.Invalid || len(e.Fields) == 0 || e.Fields[0].Field == "" {
		t.Fatalf("body %q: error %v is neither malformed nor an invalid field", body, err)
	}
}

func TestDecodeJSON_BadBodies(t *testing.T) {
	t.Parallel()
	tests := []struct {
		body  string
		dst   func() any
		field string // "" = malformed (400)
	}{
		{`{"name":5}`, decoders["createSession"], "name"},
		{`{"name":"a","owner":"x"}`, decoders["createSession"], "owner"},
		{`{"":0}`, decoders["createSession"], `""`},
		{`{"options":[{"label":"a"},{"label":3}]}`, decoders["createActivity"], "options[1].label"},
		{`{"value":"2.5"}`, decoders["response"], "value"},
		{`{"value":1e400}`, decoders["response"], "value"},
		{`{"ratings":{"a":2.5}}`, decoders["response"], "ratings.a"},
		{`{"ratings":[4]}`, decoders["response"], "ratings"},
		{`{"points":{"a":"10"}}`, decoders["response"], "points.a"},
		{`{"points":{"a":1e30}}`, decoders["response"], "points.a"},
		{`{"type":"content","title":"x","body":5}`, decoders["createActivity"], "body"},
		{`{"body":["x"]}`, decoders["updateActivity"], "body"},
		{`{"option_ids":["a",5]}`, decoders["response"], "option_ids[1]"},
		{`{"type":"poll","title":["x"]}`, decoders["createActivity"], "title"},
		{`{"options":[{"label":"a","correct":"yes"}]}`, decoders["createActivity"], "options[0].correct"},
		{`{"type":"poll","image_id":7}`, decoders["createActivity"], "image_id"},
		{`{"image_id":{}}`, decoders["updateActivity"], "image_id"},
		{`{"options":[{"label":"a"},{"label":"b","image_id":5}]}`, decoders["createActivity"], "options[1].image_id"},
		{`null`, decoders["join"], ""},
		{`[]`, decoders["join"], ""},
		{`{"nickname":"a"} {}`, decoders["join"], ""},
		{"{\"nickname\":\"\xff\"}", decoders["join"], ""},
	}
	for _, tt := range tests {
		err := DecodeJSON(strings.NewReader(tt.body), tt.dst())
		var br errBadRequest
		if tt.field == "" {
			if !errors.As(err, &br) {
				t.Errorf("%q: got %v, want malformed", tt.body, err)
			}
			continue
		}
		e, ok := caja.AsError(err)
		if !ok || len(e.Fields) == 0 || e.Fields[0].Field != tt.field {
			t.Errorf("%q: got %v, want field %s", tt.body, err, tt.field)
		}
	}
}

func FuzzDecodeJSON(f *testing.F) {
	names := make([]string, 0, len(decoders))
	for name := range decoders {
		names = append(names, name)
	}
	sort.Strings(names) // a failing input must replay the same decoder
	for i, b := range badBodies {
		f.Add(b, uint8(i))
	}
	f.Fuzz(func(t *testing.T, body string, which uint8) {
		name := names[int(which)%len(names)]
		err := DecodeJSON(strings.NewReader(body), decoders[name]())
		checkDecodeError(t, body, err)
	})
}
