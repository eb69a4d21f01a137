package main

import (
	"net/http"
	"strings"
	"testing"
	"time"
)

// TestImages_ImageIDMustBeAnImageOfTheSession: an activity's and an
// option's image_id are checked on create and update; a bad one is a 422
// naming the field and changes nothing.
func TestImages_ImageIDMustBeAnImageOfTheSession(t *testing.T) {
	t.Parallel()
	ts := startServer(t, serverEnv(t))
	s := ts.createSession(t, "Mine")
	other := ts.createSession(t, "Theirs")
	mine := ts.upload(t, s, "m.png", "image/png", imageBytes(t, "png", gradientImage(16, 16)))
	theirs := ts.upload(t, other, "t.png", "image/png", imageBytes(t, "png", gradientImage(17, 16)))
	poll := ts.createActivity(t, s, `{"type":"poll","title":"?","options":[{"label":"a"},{"label":"b"}]}`)
	unknown := strings.Repeat("ab", 32)
	acts := "/api/v1/sessions/" + s.ID + "/activities"
	pollPath := acts + "/" + poll.ID
	tests := []struct {
		name, method, path, body, field string
	}{
		{"CreateOtherSessionsImage", "POST", acts, `{"type":"rating","title":"x","image_id":"` + theirs.ID + `"}`, "image_id"},
		{"CreateUnknownImage", "POST", acts, `{"type":"qna","title":"x","image_id":"` + unknown + `"}`, "image_id"},
		{"CreateMalformedImage", "POST", acts, `{"type":"qna","title":"x","image_id":"../etc/passwd"}`, "image_id"},
		{"CreateImageNotAString", "POST", acts, `{"type":"qna","title":"x","image_id":7}`, "image_id"},
		{"CreateOptionOtherSessionsImage", "POST", acts, `{"type":"quiz","title":"x","options":[{"label":"a","correct":true},{"label":"b","image_id":"` + theirs.ID + `"}]}`, "options[1].image_id"},
		{"CreateOptionMalformedImage", "POST", acts, `{"type":"poll","title":"x","options":[{"label":"a","image_id":"X"},{"label":"b"}]}`, "options[0].image_id"},
		{"UpdateOtherSessionsImage", "PATCH", pollPath, `{"image_id":"` + theirs.ID + `"}`, "image_id"},
		{"UpdateMalformedImage", "PATCH", pollPath, `{"image_id":"` + strings.ToUpper(mine.ID) + `"}`, "image_id"},
		{"UpdateOptionUnknownImage", "PATCH", pollPath, `{"options":[{"label":"a"},{"label":"b","image_id":"` + unknown + `"}]}`, "options[1].image_id"},
	}
	before := tableCounts(t, ts)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := ts.do(t, tt.method, tt.path, tt.body, ts.admin(s)...)
			if r.Status < 400 || r.Status >= 500 {
				t.Fatalf("got %d %s, want a 4xx", r.Status, r.Body)
			}
			errs, _ := r.json(t)["errors"].([]any)
			if len(errs) == 0 || errs[0].(map[string]any)["field"] != tt.field {
				t.Errorf("problem %s does not name %s", r.Body, tt.field)
			}
		})
	}
	if after := tableCounts(t, ts); after != before {
		t.Errorf("refused changes wrote rows: %s, then %s", before, after)
	}
	var got response
	eventually(t, 3*time.Second, "the poll projected", func() bool {
		got = ts.do(t, "GET", pollPath, "", ts.admin(s)...)
		return got.Status == http.StatusOK
	})
	if m := got.json(t); m["image_id"] != nil || m["options"].([]any)[1].(map[string]any)["image_id"] != nil {
		t.Errorf("the poll changed: %s", got.Body)
	}

	// Set, replace options with images, then remove with null.
	set := ts.do(t, "PATCH", pollPath, `{"image_id":"`+mine.ID+`","options":[{"label":"a","image_id":"`+mine.ID+`"},{"label":"b"}]}`, ts.admin(s)...)
	mustStatus(t, set, http.StatusOK)
	m := set.json(t)
	if m["image_id"] != mine.ID || m["options"].([]any)[0].(map[string]any)["image_id"] != mine.ID {
		t.Errorf("after setting: %s", set.Body)
	}
	if _, has := m["options"].([]any)[1].(map[string]any)["image_id"]; has {
		t.Errorf("an option without image carries image_id: %s", set.Body)
	}
	cleared := ts.do(t, "PATCH", pollPath, `{"image_id":null}`, ts.admin(s)...)
	mustStatus(t, cleared, http.StatusOK)
	if c := cleared.json(t); c["image_id"] != nil || c["options"].([]any)[0].(map[string]any)["image_id"] != mine.ID {
		t.Errorf("after clearing the activity's image: %s", cleared.Body)
	}
	created := ts.do(t, "POST", acts, `{"type":"open_text","title":"With a picture","image_id":"`+mine.ID+`"}`, ts.admin(s)...)
	mustStatus(t, created, http.StatusCreated)
	if created.json(t)["image_id"] != mine.ID {
		t.Errorf("created: %s", created.Body)
	}
}

// TestImages_InEveryViewDuplicateAndExport: the image ids are in the
// participant, display and organizer views, survive a duplicate (whose
// images are served for it) and are in the JSON export.
func TestImages_InEveryViewDuplicateAndExport(t *testing.T) {
	t.Parallel()
	ts := startServer(t, serverEnv(t))
	s := ts.createSession(t, "Deck with pictures")
	q := ts.upload(t, s, "q.jpg", "image/jpeg", imageBytes(t, "jpeg", gradientImage(32, 24)))
	o := ts.upload(t, s, "o.png", "image/png", imageBytes(t, "png", gradientImage(24, 24)))
	quiz := ts.createActivity(t, s, `{"type":"quiz","title":"Which one?","image_id":"`+q.ID+`","options":[{"label":"this","correct":true,"image_id":"`+o.ID+`"},{"label":"that"}]}`)
	ts.present(t, s, quiz.ID)

	base := "/api/v1/sessions/" + s.ID + "/state"
	views := map[string][]string{
		base: nil,
		base + "?view=display&key=" + s.DisplayKey: nil,
		base + "?view=admin":                       ts.admin(s),
	}
	for path, header := range views {
		var cur map[string]any
		eventually(t, 3*time.Second, "the quiz on screen in "+path, func() bool {
			r := ts.do(t, "GET", path, "", header...)
			if r.Status != http.StatusOK {
				return false
			}
			cur, _ = r.json(t)["current_activity"].(map[string]any)
			return cur != nil && cur["id"] == quiz.ID
		})
		opts := cur["options"].([]any)
		if cur["image_id"] != q.ID || opts[0].(map[string]any)["image_id"] != o.ID || opts[1].(map[string]any)["image_id"] != nil {
			t.Errorf("%s: current activity %v", path, cur)
		}
	}

	var export map[string]any
	eventually(t, 5*time.Second, "export", func() bool {
		r := ts.do(t, "GET", "/api/v1/sessions/"+s.ID+"/export.json", "", ts.admin(s)...)
		if r.Status != http.StatusOK {
			return false
		}
		export = r.json(t)
		return true
	})
	line := export["summary"].([]any)[0].(map[string]any)
	if line["image_id"] != q.ID || line["options"].([]any)[0].(map[string]any)["image_id"] != o.ID {
		t.Errorf("export summary: %v", line)
	}

	dup := ts.do(t, "POST", "/api/v1/sessions/"+s.ID+"/duplicate", "", ts.admin(s)...)
	mustStatus(t, dup, http.StatusCreated)
	var c created
	dup.decode(t, &c)
	var acts []any
	eventually(t, 3*time.Second, "copied activities", func() bool {
		r := ts.do(t, "GET", "/api/v1/sessions/"+c.ID+"/activities", "", ts.admin(c)...)
		if r.Status != http.StatusOK {
			return false
		}
		acts, _ = r.json(t)["activities"].([]any)
		return len(acts) == 1
	})
	copied := acts[0].(map[string]any)
	if copied["image_id"] != q.ID || copied["options"].([]any)[0].(map[string]any)["image_id"] != o.ID {
		t.Errorf("the copy: %v", copied)
	}
	// The copy's images are its own to use: an activity of the copy may
	// name them.
	ts.createActivity(t, c, `{"type":"rating","title":"Again","image_id":"`+o.ID+`"}`)
	if got := imageRows(t, ts); got != "images=2 session_images=4" {
		t.Errorf("after the duplicate: %s", got)
	}
}

// TestImages_EmbeddedMode: upload, serve and delete with the session on
// SQLite, the default without DATABASE_URL.
func TestImages_EmbeddedMode(t *testing.T) {
	t.Parallel()
	ts := startServer(t, map[string]string{
		"CAJA_ADDR":                "127.0.0.1:0",
		"CAJA_DATA_DIR":            t.TempDir(),
		"CAJA_EMBEDDED_REDIS_ADDR": freePort(t),
	})
	s := ts.createSession(t, "Offline pictures")
	data := imageBytes(t, "png", gradientImage(2400, 600))
	u := ts.upload(t, s, "wide.png", "image/png", data)
	if again := ts.upload(t, s, "wide.png", "", data); again != u || u.Width != 1920 || u.Height != 480 {
		t.Errorf("uploads %+v and %+v", u, again)
	}
	webp := ts.upload(t, s, "w.webp", "image/webp", webpFixture(t, "lossy.webp"))
	mustStatus(t, ts.uploadRaw(t, s, "bomb.png", "image/png", pngDeclaring(50000, 50000)), http.StatusRequestEntityTooLarge)
	ts.createActivity(t, s, `{"type":"poll","title":"?","image_id":"`+u.ID+`","options":[{"label":"a","image_id":"`+webp.ID+`"},{"label":"b"}]}`)
	g := ts.do(t, "GET", "/api/v1/images/"+u.ID, "")
	if g.Status != http.StatusOK || g.Header.Get("Content-Type") != "image/png" || g.Header.Get("Etag") != `"`+u.ID+`"` {
		t.Errorf("GET: %d %v", g.Status, g.Header)
	}
	mustStatus(t, ts.do(t, "GET", "/api/v1/images/"+u.ID, "", "If-None-Match", `"`+u.ID+`"`), http.StatusNotModified)
	dup := ts.do(t, "POST", "/api/v1/sessions/"+s.ID+"/duplicate", "", ts.admin(s)...)
	mustStatus(t, dup, http.StatusCreated)
	var c created
	dup.decode(t, &c)
	if got := imageRows(t, ts); got != "images=2 session_images=4" {
		t.Errorf("after the duplicate: %s", got)
	}
	deleteSession(t, ts, s.ID)
	deleteSession(t, ts, c.ID)
	if got := imageRows(t, ts); got != "images=0 session_images=0" {
		t.Errorf("after deleting both sessions: %s", got)
	}
	mustStatus(t, ts.do(t, "GET", "/api/v1/images/"+u.ID, ""), http.StatusNotFound)

}
