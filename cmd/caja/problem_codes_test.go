package main

import (
	"encoding/json"
	"net/http"
	"testing"

	"github.com/cajalive/caja"
)

// TestProblems_CarryStableCodes: the problems a phone or a dashboard meets
// most carry their own machine code, which the web app translates.
func TestProblems_CarryStableCodes(t *testing.T) {
	t.Parallel()
	ts := startServer(t, serverEnv(t))
	s := ts.createSession(t, "Codes")
	poll := ts.createActivity(t, s, `{"type":"poll","title":"p","options":[{"label":"a"},{"label":"b"}]}`)
	ana := ts.join(t, s, "ana")
	base := "/api/v1/sessions/" + s.ID
	tests := []struct {
		name         string
		method, path string
		body         string
		headers      []string
		status       int
		code         caja.Code
	}{
		{"NicknameTaken", "POST", base + "/participants", `{"nickname":"ANA"}`, nil, http.StatusConflict, caja.CodeNicknameTaken},
		{"NoSuchSession", "POST", "/api/v1/sessions/00000000-0000-4000-8000-000000000000/participants", `{"nickname":"bo"}`, nil, http.StatusNotFound, caja.CodeSessionNotFound},
		{"NoToken", "POST", base + "/activities/" + poll.ID + "/responses", `{"option_ids":[]}`, nil, http.StatusUnauthorized, caja.CodeParticipantTokenMissing},
		{"Draft", "POST", base + "/activities/" + poll.ID + "/responses", `{"option_ids":["00000000-0000-4000-8000-000000000000"]}`, []string{"Authorization", "Bearer " + ana.Token}, http.StatusConflict, caja.CodeActivityClosed},
		{"AdminTokenWrong", "PATCH", base, `{"name":"x"}`, []string{"Authorization", "Bearer " + ana.Token}, http.StatusForbidden, caja.CodeAdminTokenWrong},
		{"Validation", "POST", base + "/participants", `{"nickname":""}`, nil, http.StatusUnprocessableEntity, caja.CodeValidationFailed},
		{"BadUUID", "GET", "/api/v1/sessions/nope", "", nil, http.StatusBadRequest, caja.CodeBadRequest},
		{"NoRoute", "GET", "/api/v1/nowhere", "", nil, http.StatusNotFound, caja.CodeNotFound},
		{"NoJoinCode", "GET", "/api/v1/join/000000", "", nil, http.StatusNotFound, caja.CodeJoinCodeNotFound},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := ts.do(t, tt.method, tt.path, tt.body, tt.headers...)
			var p struct {
				Code caja.Code `json:"code"`
			}
			if r.Status != tt.status || json.Unmarshal(r.Body, &p) != nil || p.Code != tt.code {
				t.Errorf("%s %s: %d %s, want %d with code %s", tt.method, tt.path, r.Status, r.Body, tt.status, tt.code)
			}
		})
	}
}
