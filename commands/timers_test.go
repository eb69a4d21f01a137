package commands_test

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/cajalive/caja"
	"github.com/cajalive/caja/commands"
)

// TestUpdateActivity_EveryTypeCanBeTimed: a time limit on any type that
// takes answers starts when it opens; without one there is no deadline.
func TestUpdateActivity_EveryTypeCanBeTimed(t *testing.T) {
	t.Parallel()
	options := []commands.OptionInput{{Label: "a"}, {Label: "b"}}
	tests := []struct {
		typ      string
		settings string
		want     time.Duration // 0: no deadline
	}{
		{"poll", `{"time_limit_s":60}`, time.Minute},
		{"poll", `{}`, 0},
		{"word_cloud", `{"time_limit_s":3600}`, time.Hour},
		{"open_text", `{"time_limit_s":5}`, 5 * time.Second},
		{"rating", `{"min":1,"max":10,"time_limit_s":90}`, 90 * time.Second},
		{"quiz", `{"time_limit_s":3600}`, time.Hour},
		{"qna", `{}`, 0},
		{"ranking", `{"time_limit_s":45}`, 45 * time.Second},
		{"scales", `{"time_limit_s":30}`, 30 * time.Second},
		{"points", `{"total":100,"time_limit_s":120}`, 2 * time.Minute},
		{"points", `{}`, 0},
		{"numeric", `{"min":0,"max":10,"time_limit_s":15}`, 15 * time.Second},
		{"numeric", `{"min":0,"max":10}`, 0},
		// A numeric quiz is timed like a quiz: 20 s unless told.
		{"numeric", `{"min":0,"max":10,"correct":{"value":5}}`, 20 * time.Second},
		{"content", `{}`, 0},
	}
	for _, tt := range tests {
		t.Run(tt.typ+tt.settings, func(t *testing.T) {
			t.Parallel()
			h, store := newHandlers(t)
			ctx := context.Background()
			s := createSession(t, h)
			in := commands.CreateActivity{SessionID: s.ID, AdminToken: s.AdminToken, Type: tt.typ, Title: "?", Settings: json.RawMessage(tt.settings)}
			if tt.typ == "poll" || tt.typ == "ranking" || tt.typ == "scales" || tt.typ == "points" {
				in.Options = options
			}
			if tt.typ == "quiz" {
				in.Options = []commands.OptionInput{{Label: "a", Correct: true}, {Label: "b"}}
			}
			a, err := h.CreateActivity.Handle(ctx, in)
			if err != nil {
				t.Fatal(err)
			}
			doc, err := h.UpdateActivity.Handle(ctx, commands.UpdateActivity{SessionID: s.ID, ActivityID: a.ID, AdminToken: s.AdminToken, Status: ptr("open")})
			if err != nil {
				t.Fatal(err)
			}
			row := activityRow(t, store, a.ID)
			switch {
			case tt.want == 0 && (row.ClosesAt != nil || doc.ClosesAt != nil):
				t.Errorf("no time limit, but closes_at %v", row.ClosesAt)
			case tt.want != 0 && (row.ClosesAt == nil || !row.ClosesAt.Equal(row.OpenedAt.Add(tt.want)) || doc.ClosesAt == nil):
				t.Errorf("closes_at %v, want opened_at %v + %s", row.ClosesAt, row.OpenedAt, tt.want)
			}
		})
	}
}

// TestUpdateActivity_ExtendAddsTime: the organizer adds time to a running
// countdown; a new limit of a running activity counts from its opening;
// there is nothing to extend on an untimed or closed activity.
func TestUpdateActivity_ExtendAddsTime(t *testing.T) {
	t.Parallel()
	h, store := newHandlers(t)
	ctx := context.Background()
	s := createSession(t, h)
	poll, err := h.CreateActivity.Handle(ctx, commands.CreateActivity{SessionID: s.ID, AdminToken: s.AdminToken, Type: "poll", Title: "?",
		Options: []commands.OptionInput{{Label: "a"}, {Label: "b"}}, Settings: json.RawMessage(`{"time_limit_s":60}`)})
	if err != nil {
		t.Fatal(err)
	}
	update := func(u commands.UpdateActivity) error {
		u.SessionID, u.ActivityID, u.AdminToken = s.ID, poll.ID, s.AdminToken
		_, err := h.UpdateActivity.Handle(ctx, u)
		return err
	}
	if err := update(commands.UpdateActivity{Status: ptr("open")}); err != nil {
		t.Fatal(err)
	}
	opened := *activityRow(t, store, poll.ID).OpenedAt
	if err := update(commands.UpdateActivity{ExtendS: ptr(30)}); err != nil {
		t.Fatal(err)
	}
	if got := activityRow(t, store, poll.ID).ClosesAt; got == nil || !got.Equal(opened.Add(90*time.Second)) {
		t.Errorf("after extend_s 30: closes_at %v, want opened_at + 90 s", got)
	}
	if err := update(commands.UpdateActivity{Settings: json.RawMessage(`{"time_limit_s":120}`)}); err != nil {
		t.Fatal(err)
	}
	if got := activityRow(t, store, poll.ID).ClosesAt; got == nil || !got.Equal(opened.Add(120*time.Second)) {
		t.Errorf("after a new time limit of 120 s: closes_at %v, want opened_at + 120 s", got)
	}
	if err := update(commands.UpdateActivity{ExtendS: ptr(3601)}); caja.KindOf(err) != caja.Invalid {
		t.Errorf("extend_s 3601: %v, want invalid", err)
	}
	if err := update(commands.UpdateActivity{Status: ptr("closed")}); err != nil {
		t.Fatal(err)
	}
	conflict(t, update(commands.UpdateActivity{ExtendS: ptr(30)}), "no countdown running")
}
