package main

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/cajalive/caja/writemodel/writemodeltest"
)

// tableCounts sums the rows of every table a request could write to.
func tableCounts(t *testing.T, ts *testServer) string {
	t.Helper()
	var parts []string
	for _, table := range []string{"sessions", "activities", "activity_options", "participants", "responses", "questions", "question_upvotes"} {
		parts = append(parts, fmt.Sprintf("%s=%d", table, writemodeltest.Count(t, ts.DB, table)))
	}
	return strings.Join(parts, " ")
}

func TestEngagement_BadInput(t *testing.T) {
	t.Parallel()
	ts := startServer(t, serverEnv(t))
	s := ts.createSession(t, "Bad input")
	other := ts.createSession(t, "Other")
	poll := ts.createActivity(t, s, `{"type":"poll","title":"?","options":[{"label":"a"},{"label":"b"}]}`)
	quiz := ts.createActivity(t, s, `{"type":"quiz","title":"?","options":[{"label":"a","correct":true},{"label":"b"}]}`)
	wc := ts.createActivity(t, s, `{"type":"word_cloud","title":"?"}`)
	rating := ts.createActivity(t, s, `{"type":"rating","title":"?"}`)
	qna := ts.createActivity(t, s, `{"type":"qna","title":"?"}`)
	draft := ts.createActivity(t, s, `{"type":"open_text","title":"still a draft"}`)
	for _, a := range []activity{poll, quiz, wc, rating, qna} {
		ts.patchActivity(t, s, a.ID, `{"status":"open"}`)
	}
	p := ts.join(t, s, "ana")
	q := ts.do(t, "POST", "/api/v1/sessions/"+s.ID+"/activities/"+qna.ID+"/questions", `{"text":"a question"}`, "Authorization", "Bearer "+p.Token).json(t)["id"].(string)
	foreign := ts.join(t, other, "bo")

	admin := ts.admin(s)
	part := []string{"Authorization", "Bearer " + p.Token}
	acts := "/api/v1/sessions/" + s.ID + "/activities"
	resp := func(a activity) string { return acts + "/" + a.ID + "/responses" }
	unknown := "00000000-0000-4000-8000-000000000000"
	tests := []struct {
		name   string
		method string
		path   string
		body   string
		header []string
		status int
		field  string
	}{
		// activities
		{"CreateNoToken", "POST", acts, `{"type":"poll","title":"x"}`, nil, 401, ""},
		{"CreateWrongToken", "POST", acts, `{"type":"qna","title":"x"}`, ts.admin(other), 403, ""},
		{"CreateUnknownType", "POST", acts, `{"type":"survey","title":"x"}`, admin, 422, "type"},
		{"CreateNoTitle", "POST", acts, `{"type":"qna"}`, admin, 422, "title"},
		{"CreateLongTitle", "POST", acts, `{"type":"qna","title":"` + strings.Repeat("t", 256) + `"}`, admin, 422, "title"},
		{"CreatePollOneOption", "POST", acts, `{"type":"poll","title":"x","options":[{"label":"a"}]}`, admin, 422, "options"},
		{"CreatePollTooManyOptions", "POST", acts, `{"type":"poll","title":"x","options":[` + strings.TrimSuffix(strings.Repeat(`{"label":"o"},`, 21), ",") + `]}`, admin, 422, "options"},
		{"CreatePollEmptyLabel", "POST", acts, `{"type":"poll","title":"x","options":[{"label":"a"},{"label":""}]}`, admin, 422, "options[1].label"},
		{"CreatePollLongLabel", "POST", acts, `{"type":"poll","title":"x","options":[{"label":"a"},{"label":"` + strings.Repeat("l", 201) + `"}]}`, admin, 422, "options[1].label"},
		{"CreatePollWithCorrect", "POST", acts, `{"type":"poll","title":"x","options":[{"label":"a","correct":true},{"label":"b"}]}`, admin, 422, "options[0].correct"},
		{"CreateQuizNoCorrect", "POST", acts, `{"type":"quiz","title":"x","options":[{"label":"a"},{"label":"b"}]}`, admin, 422, "options"},
		{"CreateQuizShortLimit", "POST", acts, `{"type":"quiz","title":"x","options":[{"label":"a","correct":true},{"label":"b"}],"settings":{"time_limit_s":4}}`, admin, 422, "settings.time_limit_s"},
		{"CreateQuizLongLimit", "POST", acts, `{"type":"quiz","title":"x","options":[{"label":"a","correct":true},{"label":"b"}],"settings":{"time_limit_s":3601}}`, admin, 422, "settings.time_limit_s"},
		{"CreatePollShortLimit", "POST", acts, `{"type":"poll","title":"x","options":[{"label":"a"},{"label":"b"}],"settings":{"time_limit_s":4}}`, admin, 422, "settings.time_limit_s"},
		{"CreateQnALimit", "POST", acts, `{"type":"qna","title":"x","settings":{"time_limit_s":60}}`, admin, 422, "settings.time_limit_s"},
		{"PatchExtendNegative", "PATCH", acts + "/" + poll.ID, `{"extend_s":0}`, admin, 422, "extend_s"},
		{"PatchExtendUntimed", "PATCH", acts + "/" + poll.ID, `{"extend_s":30}`, admin, 409, "extend_s"},
		{"PatchExtendNull", "PATCH", acts + "/" + poll.ID, `{"extend_s":null}`, admin, 422, "extend_s"},
		{"CreateUnknownSetting", "POST", acts, `{"type":"rating","title":"x","settings":{"stars":true}}`, admin, 422, "settings.stars"},
		{"CreateSettingWrongType", "POST", acts, `{"type":"poll","title":"x","options":[{"label":"a"},{"label":"b"}],"settings":{"multiple":"yes"}}`, admin, 422, "settings.multiple"},
		{"CreateRatingInverted", "POST", acts, `{"type":"rating","title":"x","settings":{"min":5,"max":1}}`, admin, 422, "settings.max"},
		{"CreateOptionsOnQnA", "POST", acts, `{"type":"qna","title":"x","options":[{"label":"a"},{"label":"b"}]}`, admin, 422, "options"},
		{"CreateOptionUnknownField", "POST", acts, `{"type":"poll","title":"x","options":[{"label":"a","color":"red"},{"label":"b"}]}`, admin, 422, "color"},
		{"CreateMalformed", "POST", acts, `{"type":`, admin, 400, ""},
		{"CreateBadSessionID", "POST", "/api/v1/sessions/nope/activities", `{"type":"qna","title":"x"}`, admin, 400, "id"},
		{"PatchOptionsWhenOpen", "PATCH", acts + "/" + poll.ID, `{"options":[{"label":"x"},{"label":"y"}]}`, admin, 409, "options"},
		{"PatchBadStatus", "PATCH", acts + "/" + poll.ID, `{"status":"paused"}`, admin, 422, "status"},
		{"PatchBackToDraft", "PATCH", acts + "/" + poll.ID, `{"status":"draft"}`, admin, 409, "status"},
		{"PatchDraftToClosed", "PATCH", acts + "/" + draft.ID, `{"status":"closed"}`, admin, 409, "status"},
		{"PatchNullTitle", "PATCH", acts + "/" + poll.ID, `{"title":null}`, admin, 422, "title"},
		{"PatchNegativePosition", "PATCH", acts + "/" + poll.ID, `{"position":-1}`, admin, 422, "position"},
		{"PatchUnknownActivity", "PATCH", acts + "/" + unknown, `{"title":"x"}`, admin, 404, ""},
		{"PatchBadActivityID", "PATCH", acts + "/xyz", `{"title":"x"}`, admin, 400, "aid"},
		{"DeleteOpenActivity", "DELETE", acts + "/" + poll.ID, "", admin, 409, ""},
		{"DeleteNoToken", "DELETE", acts + "/" + draft.ID, "", nil, 401, ""},
		{"ListNoToken", "GET", acts, "", nil, 401, ""},
		{"GetWrongToken", "GET", acts + "/" + poll.ID, "", ts.admin(other), 403, ""},
		{"CurrentActivityOfNothing", "PATCH", "/api/v1/sessions/" + s.ID, `{"current_activity_id":"` + unknown + `"}`, admin, 422, "current_activity_id"},
		{"DuplicateNoToken", "POST", "/api/v1/sessions/" + s.ID + "/duplicate", "", nil, 401, ""},
		// participants
		{"JoinNoNickname", "POST", "/api/v1/sessions/" + s.ID + "/participants", `{}`, nil, 422, "nickname"},
		{"JoinLongNickname", "POST", "/api/v1/sessions/" + s.ID + "/participants", `{"nickname":"` + strings.Repeat("n", 31) + `"}`, nil, 422, "nickname"},
		{"JoinNicknameWrongType", "POST", "/api/v1/sessions/" + s.ID + "/participants", `{"nickname":7}`, nil, 422, "nickname"},
		{"JoinTakenNickname", "POST", "/api/v1/sessions/" + s.ID + "/participants", `{"nickname":"ANA"}`, nil, 409, "nickname"},
		{"JoinUnknownSession", "POST", "/api/v1/sessions/" + unknown + "/participants", `{"nickname":"x"}`, nil, 404, ""},
		{"KickNoToken", "DELETE", "/api/v1/sessions/" + s.ID + "/participants/" + p.ID, "", nil, 401, ""},
		{"KickUnknown", "DELETE", "/api/v1/sessions/" + s.ID + "/participants/" + unknown, "", admin, 404, ""},
		{"KickBadID", "DELETE", "/api/v1/sessions/" + s.ID + "/participants/me", "", admin, 400, "pid"},
		{"LeaderboardBadLimit", "GET", "/api/v1/sessions/" + s.ID + "/leaderboard?limit=0", "", nil, 422, "limit"},
		// answers
		{"AnswerNoToken", "POST", resp(poll), `{"option_ids":["` + poll.Options[0].ID + `"]}`, nil, 401, ""},
		{"AnswerBadToken", "POST", resp(poll), `{"option_ids":["` + poll.Options[0].ID + `"]}`, []string{"Authorization", "Bearer nope"}, 401, ""},
		{"AnswerAdminToken", "POST", resp(poll), `{"option_ids":["` + poll.Options[0].ID + `"]}`, admin, 401, ""},
		{"AnswerForeignToken", "POST", resp(poll), `{"option_ids":["` + poll.Options[0].ID + `"]}`, []string{"Authorization", "Bearer " + foreign.Token}, 403, ""},
		{"AnswerDraft", "POST", resp(draft), `{"text":"x"}`, part, 409, ""},
		{"AnswerUnknownActivity", "POST", acts + "/" + unknown + "/responses", `{"text":"x"}`, part, 404, ""},
		{"AnswerNoOptions", "POST", resp(poll), `{"option_ids":[]}`, part, 422, "option_ids"},
		{"AnswerForeignOption", "POST", resp(poll), `{"option_ids":["` + quiz.Options[0].ID + `"]}`, part, 422, "option_ids[0]"},
		{"AnswerNotAnOption", "POST", resp(poll), `{"option_ids":["banana"]}`, part, 422, "option_ids[0]"},
		{"AnswerTooManyOptions", "POST", resp(poll), `{"option_ids":["` + poll.Options[0].ID + `","` + poll.Options[1].ID + `"]}`, part, 422, "option_ids"},
		{"AnswerOptionIDsWrongType", "POST", resp(poll), `{"option_ids":"` + poll.Options[0].ID + `"}`, part, 422, "option_ids"},
		{"AnswerTextOnPoll", "POST", resp(poll), `{"option_ids":["` + poll.Options[0].ID + `"],"text":"x"}`, part, 422, "text"},
		{"AnswerQuizTwoOptions", "POST", resp(quiz), `{"option_ids":["` + quiz.Options[0].ID + `","` + quiz.Options[1].ID + `"]}`, part, 422, "option_ids"},
		{"AnswerWordTooLong", "POST", resp(wc), `{"text":"` + strings.Repeat("w", 41) + `"}`, part, 422, "text"},
		{"AnswerWordEmpty", "POST", resp(wc), `{"text":""}`, part, 422, "text"},
		{"AnswerWordMissing", "POST", resp(wc), `{}`, part, 422, "text"},
		{"AnswerWordControl", "POST", resp(wc), `{"text":"a\u0008b"}`, part, 422, "text"},
		{"AnswerRatingTooHigh", "POST", resp(rating), `{"value":6}`, part, 422, "value"},
		{"AnswerRatingTooLow", "POST", resp(rating), `{"value":0}`, part, 422, "value"},
		{"AnswerRatingFraction", "POST", resp(rating), `{"value":2.5}`, part, 422, "value"},
		{"AnswerRatingMissing", "POST", resp(rating), `{}`, part, 422, "value"},
		{"AnswerToQnA", "POST", resp(qna), `{"text":"x"}`, part, 409, ""},
		{"AnswerUnknownField", "POST", resp(rating), `{"value":3,"weight":2}`, part, 422, "weight"},
		{"AnswerMalformed", "POST", resp(rating), `{"value":`, part, 400, ""},
		// Q&A
		{"AskEmpty", "POST", acts + "/" + qna.ID + "/questions", `{"text":""}`, part, 422, "text"},
		{"AskTooLong", "POST", acts + "/" + qna.ID + "/questions", `{"text":"` + strings.Repeat("q", 301) + `"}`, part, 422, "text"},
		{"AskNoToken", "POST", acts + "/" + qna.ID + "/questions", `{"text":"x"}`, nil, 401, ""},
		{"AskOnPoll", "POST", acts + "/" + poll.ID + "/questions", `{"text":"x"}`, part, 409, ""},
		{"UpvoteUnknown", "POST", acts + "/" + qna.ID + "/questions/" + unknown + "/upvote", "", part, 404, ""},
		{"UpvoteOwn", "POST", acts + "/" + qna.ID + "/questions/" + q + "/upvote", "", part, 409, ""},
		{"UpvoteNoToken", "POST", acts + "/" + qna.ID + "/questions/" + q + "/upvote", "", nil, 401, ""},
		{"ModerateBadStatus", "PATCH", acts + "/" + qna.ID + "/questions/" + q, `{"status":"pending"}`, admin, 422, "status"},
		{"ModerateNoToken", "PATCH", acts + "/" + qna.ID + "/questions/" + q, `{"status":"hidden"}`, nil, 401, ""},
		{"ModerateParticipantToken", "PATCH", acts + "/" + qna.ID + "/questions/" + q, `{"status":"hidden"}`, part, 403, ""},
		{"ModerateNullPinned", "PATCH", acts + "/" + qna.ID + "/questions/" + q, `{"pinned":null}`, admin, 422, "pinned"},
		{"QuestionsOfPoll", "GET", acts + "/" + poll.ID + "/questions", "", nil, 404, ""},
		// results and export
		{"ResultsHidden", "GET", acts + "/" + poll.ID + "/results", "", nil, 403, ""},
		{"ResultsUnknown", "GET", acts + "/" + unknown + "/results", "", admin, 404, ""},
		{"ExportNoToken", "GET", "/api/v1/sessions/" + s.ID + "/export.json", "", nil, 401, ""},
		{"ExportParticipantToken", "GET", "/api/v1/sessions/" + s.ID + "/export.csv", "", part, 403, ""},
		{"ExportWorkbookNoToken", "GET", "/api/v1/sessions/" + s.ID + "/export.xlsx", "", nil, 401, ""},
		{"ExportWorkbookParticipantToken", "GET", "/api/v1/sessions/" + s.ID + "/export.xlsx", "", part, 403, ""},
		{"ExportWorkbookUnknown", "GET", "/api/v1/sessions/" + unknown + "/export.xlsx", "", admin, 404, ""},
		{"ExportBadID", "GET", "/api/v1/sessions/not-a-uuid/export.xlsx", "", admin, 400, ""},
	}
	// Let the projector catch up, so reads below answer from a settled model.
	eventually(t, 3*time.Second, "activities projected", func() bool {
		r := ts.do(t, "GET", acts, "", admin...)
		return r.Status == http.StatusOK && strings.Count(string(r.Body), `"type":`) == 6
	})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := tableCounts(t, ts)
			r := ts.do(t, tt.method, tt.path, tt.body, tt.header...)
			if r.Status != tt.status {
				t.Fatalf("status %d, want %d: %s", r.Status, tt.status, r.Body)
			}
			if ct := r.Header.Get("Content-Type"); ct != "application/problem+json" {
				t.Errorf("content type %q", ct)
			}
			if tt.field != "" && !strings.Contains(string(r.Body), `"field":"`+tt.field+`"`) {
				t.Errorf("problem does not name %q: %s", tt.field, r.Body)
			}
			if after := tableCounts(t, ts); after != before {
				t.Errorf("a bad request wrote:\n before %s\n after  %s", before, after)
			}
		})
	}
}

// TestEngagement_ProblemsAreBounded: a body of a thousand bad option ids
// gets a short problem listing the first ones, not a response larger than
// the request.
func TestEngagement_ProblemsAreBounded(t *testing.T) {
	t.Parallel()
	ts := startServer(t, serverEnv(t))
	s := ts.createSession(t, "Bounded problems")
	poll := ts.createActivity(t, s, `{"type":"poll","title":"?","options":[{"label":"a"},{"label":"b"}],"settings":{"multiple":true}}`)
	ts.patchActivity(t, s, poll.ID, `{"status":"open"}`)
	p := ts.join(t, s, "ana")
	ids := make([]string, 1400)
	for i := range ids {
		ids[i] = fmt.Sprintf(`"00000000-0000-4000-8000-%012d"`, i)
	}
	body := `{"option_ids":[` + strings.Join(ids, ",") + `]}`
	r := ts.do(t, "POST", "/api/v1/sessions/"+s.ID+"/activities/"+poll.ID+"/responses", body, "Authorization", "Bearer "+p.Token)
	if r.Status/100 != 4 {
		t.Fatalf("status %d, want a 4xx: %.300s", r.Status, r.Body)
	}
	var problem struct {
		Errors []struct{ Field string } `json:"errors"`
	}
	if err := json.Unmarshal(r.Body, &problem); err != nil {
		t.Fatal(err)
	}
	if len(problem.Errors) == 0 || len(problem.Errors) > 20 || len(r.Body) > 4096 {
		t.Errorf("%d errors in %d bytes for a %d-byte body, want 1–20 errors in a few KB", len(problem.Errors), len(r.Body), len(body))
	}
}
