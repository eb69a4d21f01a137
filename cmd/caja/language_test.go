package main

import (
	"net/http"
	"testing"
	"time"
)

// sessionLanguage is settings.language of the session document in a view.
func sessionLanguage(view map[string]any) any {
	s, _ := view["session"].(map[string]any)
	settings, _ := s["settings"].(map[string]any)
	return settings["language"]
}

func TestSession_DisplayLanguage(t *testing.T) {
	t.Parallel()
	ts := startServer(t, serverEnv(t))
	s := ts.createSession(t, "Sprachen")
	sp := "/api/v1/sessions/" + s.ID
	if got := ts.do(t, "GET", sp, "").json(t)["settings"].(map[string]any)["language"]; got != "en" {
		t.Fatalf("default language %v, want en", got)
	}
	fieldProblem(t, ts.do(t, "PATCH", sp, `{"settings":{"language":"xx"}}`, ts.admin(s)...), http.StatusUnprocessableEntity, "settings.language")
	fieldProblem(t, ts.do(t, "PATCH", sp, `{"settings":{"language":null}}`, ts.admin(s)...), http.StatusUnprocessableEntity, "settings.language")
	fieldProblem(t, ts.do(t, "PATCH", sp, `{"settings":{"language":7}}`, ts.admin(s)...), http.StatusUnprocessableEntity, "settings.language")
	mustStatus(t, ts.do(t, "PATCH", sp, `{"settings":{"language":"de"}}`), http.StatusUnauthorized)

	r := ts.do(t, "PATCH", sp, `{"settings":{"language":"ar"}}`, ts.admin(s)...)
	mustStatus(t, r, http.StatusOK)
	if got := r.json(t)["settings"].(map[string]any); got["language"] != "ar" || got["profanity_filter"] != "hold" {
		t.Errorf("settings after the change %v: want ar, the filter unchanged", got)
	}
	eventually(t, 3*time.Second, "the language in the display and organizer views", func() bool {
		v := ts.views(t, s)
		return sessionLanguage(v["display"]) == "ar" && sessionLanguage(v["admin"]) == "ar"
	})

	// A new session may start in the organizer's language.
	r = ts.do(t, "POST", "/api/v1/sessions", `{"name":"Auf Deutsch","admin_id":"ana","settings":{"language":"de"}}`)
	mustStatus(t, r, http.StatusCreated)
	if got := r.json(t)["settings"].(map[string]any)["language"]; got != "de" {
		t.Errorf("created with language de: %v", got)
	}
	fieldProblem(t, ts.do(t, "POST", "/api/v1/sessions", `{"name":"x","admin_id":"ana","settings":{"language":"klingon"}}`), http.StatusUnprocessableEntity, "settings.language")
	fieldProblem(t, ts.do(t, "POST", "/api/v1/sessions", `{"name":"x","admin_id":"ana","settings":{"colour":"red"}}`), http.StatusUnprocessableEntity, "settings.colour")

	dup := ts.do(t, "POST", sp+"/duplicate", "", ts.admin(s)...)
	mustStatus(t, dup, http.StatusCreated)
	if got := dup.json(t)["settings"].(map[string]any)["language"]; got != "ar" {
		t.Errorf("duplicate's language %v, want ar", got)
	}
}
