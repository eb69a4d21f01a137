package main

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"
)

// TestEngagement_NewTypesBadInput: every malformed activity or answer of
// the types of issue 17 is a 4xx problem naming its field, and stores
// nothing.
func TestEngagement_NewTypesBadInput(t *testing.T) {
	t.Parallel()
	ts := startServer(t, serverEnv(t))
	s := ts.createSession(t, "Bad input, new types")
	ranking := ts.createActivity(t, s, `{"type":"ranking","title":"?","options":[{"label":"a"},{"label":"b"},{"label":"c"}]}`)
	scales := ts.createActivity(t, s, `{"type":"scales","title":"?","options":[{"label":"x"},{"label":"y"}],"settings":{"min":1,"max":5}}`)
	points := ts.createActivity(t, s, `{"type":"points","title":"?","options":[{"label":"p"},{"label":"q"}],"settings":{"total":100}}`)
	numeric := ts.createActivity(t, s, `{"type":"numeric","title":"?","settings":{"min":0,"max":10}}`)
	content := ts.createActivity(t, s, `{"type":"content","title":"?","body":"# Hi"}`)
	for _, a := range []activity{ranking, scales, points, numeric, content} {
		ts.patchActivity(t, s, a.ID, `{"status":"open"}`)
	}
	p := ts.join(t, s, "ana")

	admin := ts.admin(s)
	part := []string{"Authorization", "Bearer " + p.Token}
	acts := "/api/v1/sessions/" + s.ID + "/activities"
	resp := func(a activity) string { return acts + "/" + a.ID + "/responses" }
	r0, r1, r2 := ranking.Options[0].ID, ranking.Options[1].ID, ranking.Options[2].ID
	x, y := scales.Options[0].ID, scales.Options[1].ID
	pp, pq := points.Options[0].ID, points.Options[1].ID
	opts := func(n int) string {
		return `[` + strings.TrimSuffix(strings.Repeat(`{"label":"o"},`, n), ",") + `]`
	}
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
		{"RankingOneOption", "POST", acts, `{"type":"ranking","title":"x","options":` + opts(1) + `}`, admin, 422, "options"},
		{"RankingElevenOptions", "POST", acts, `{"type":"ranking","title":"x","options":` + opts(11) + `}`, admin, 422, "options"},
		{"RankingNoOptions", "POST", acts, `{"type":"ranking","title":"x"}`, admin, 422, "options"},
		{"RankingCorrectOption", "POST", acts, `{"type":"ranking","title":"x","options":[{"label":"a","correct":true},{"label":"b"}]}`, admin, 422, "options[0].correct"},
		{"RankingEmptyLabel", "POST", acts, `{"type":"ranking","title":"x","options":[{"label":"a"},{"label":" "}]}`, admin, 422, "options[1].label"},
		{"ScalesNoStatements", "POST", acts, `{"type":"scales","title":"x"}`, admin, 422, "options"},
		{"ScalesElevenStatements", "POST", acts, `{"type":"scales","title":"x","options":` + opts(11) + `}`, admin, 422, "options"},
		{"ScalesMinTwo", "POST", acts, `{"type":"scales","title":"x","options":` + opts(2) + `,"settings":{"min":2,"max":5}}`, admin, 422, "settings.min"},
		{"ScalesMaxOne", "POST", acts, `{"type":"scales","title":"x","options":` + opts(2) + `,"settings":{"min":0,"max":1}}`, admin, 422, "settings.max"},
		{"ScalesMaxEleven", "POST", acts, `{"type":"scales","title":"x","options":` + opts(2) + `,"settings":{"max":11}}`, admin, 422, "settings.max"},
		{"ScalesLabelWrongType", "POST", acts, `{"type":"scales","title":"x","options":` + opts(2) + `,"settings":{"min_label":5}}`, admin, 422, "settings.min_label"},
		{"ScalesLongLabel", "POST", acts, `{"type":"scales","title":"x","options":` + opts(2) + `,"settings":{"max_label":"` + strings.Repeat("l", 101) + `"}}`, admin, 422, "settings.max_label"},
		{"PointsOneOption", "POST", acts, `{"type":"points","title":"x","options":` + opts(1) + `}`, admin, 422, "options"},
		{"PointsTotalTooSmall", "POST", acts, `{"type":"points","title":"x","options":` + opts(2) + `,"settings":{"total":9}}`, admin, 422, "settings.total"},
		{"PointsTotalTooLarge", "POST", acts, `{"type":"points","title":"x","options":` + opts(2) + `,"settings":{"total":1001}}`, admin, 422, "settings.total"},
		{"PointsTotalFraction", "POST", acts, `{"type":"points","title":"x","options":` + opts(2) + `,"settings":{"total":99.5}}`, admin, 422, "settings.total"},
		{"NumericInverted", "POST", acts, `{"type":"numeric","title":"x","settings":{"min":10,"max":0}}`, admin, 422, "settings.max"},
		{"NumericHuge", "POST", acts, `{"type":"numeric","title":"x","settings":{"min":0,"max":1e13}}`, admin, 422, "settings.max"},
		{"NumericMinString", "POST", acts, `{"type":"numeric","title":"x","settings":{"min":"0","max":10}}`, admin, 422, "settings.min"},
		{"NumericCorrectOutside", "POST", acts, `{"type":"numeric","title":"x","settings":{"min":0,"max":10,"correct":{"value":11,"tolerance":0}}}`, admin, 422, "settings.correct.value"},
		{"NumericCorrectMissing", "POST", acts, `{"type":"numeric","title":"x","settings":{"min":0,"max":10,"correct":{"tolerance":1}}}`, admin, 422, "settings.correct.value"},
		{"NumericNegativeTolerance", "POST", acts, `{"type":"numeric","title":"x","settings":{"min":0,"max":10,"correct":{"value":5,"tolerance":-1}}}`, admin, 422, "settings.correct.tolerance"},
		{"NumericCorrectWrongType", "POST", acts, `{"type":"numeric","title":"x","settings":{"correct":{"value":"five"}}}`, admin, 422, "settings.correct.value"},
		{"NumericPointsWithoutCorrect", "POST", acts, `{"type":"numeric","title":"x","settings":{"points":100}}`, admin, 422, "settings.points"},
		{"NumericLongUnit", "POST", acts, `{"type":"numeric","title":"x","settings":{"unit":"` + strings.Repeat("u", 21) + `"}}`, admin, 422, "settings.unit"},
		{"NumericOptions", "POST", acts, `{"type":"numeric","title":"x","options":` + opts(2) + `}`, admin, 422, "options"},
		{"NumericUnknownSetting", "POST", acts, `{"type":"numeric","title":"x","settings":{"step":1}}`, admin, 422, "settings.step"},
		{"ContentOptions", "POST", acts, `{"type":"content","title":"x","options":` + opts(2) + `}`, admin, 422, "options"},
		{"ContentLongBody", "POST", acts, `{"type":"content","title":"x","body":"` + strings.Repeat("b", 10001) + `"}`, admin, 422, "body"},
		{"ContentBodyWrongType", "POST", acts, `{"type":"content","title":"x","body":5}`, admin, 422, "body"},
		{"ContentBodyControl", "POST", acts, `{"type":"content","title":"x","body":"a\u0000b"}`, admin, 422, "body"},
		{"ContentSetting", "POST", acts, `{"type":"content","title":"x","settings":{"time_limit_s":30}}`, admin, 422, "settings.time_limit_s"},
		{"BodyOnPoll", "POST", acts, `{"type":"poll","title":"x","options":` + opts(2) + `,"body":"text"}`, admin, 422, "body"},
		{"PatchLongBody", "PATCH", acts + "/" + content.ID, `{"body":"` + strings.Repeat("b", 10001) + `"}`, admin, 422, "body"},
		{"PatchBodyOnRanking", "PATCH", acts + "/" + ranking.ID, `{"body":"text"}`, admin, 422, "body"},
		{"PatchRankingOptionsWhenOpen", "PATCH", acts + "/" + ranking.ID, `{"options":[{"label":"x"},{"label":"y"}]}`, admin, 409, "options"},
		{"PatchScalesInverted", "PATCH", acts + "/" + scales.ID, `{"settings":{"min":1,"max":1}}`, admin, 422, "settings.max"},
		// ranking answers
		{"RankingMissingOption", "POST", resp(ranking), fmt.Sprintf(`{"option_ids":[%q,%q]}`, r0, r1), part, 422, "option_ids"},
		{"RankingTwice", "POST", resp(ranking), fmt.Sprintf(`{"option_ids":[%q,%q,%q]}`, r0, r0, r1), part, 422, "option_ids[1]"},
		{"RankingTooMany", "POST", resp(ranking), fmt.Sprintf(`{"option_ids":[%q,%q,%q,%q]}`, r0, r1, r2, r0), part, 422, "option_ids"},
		{"RankingForeignOption", "POST", resp(ranking), fmt.Sprintf(`{"option_ids":[%q,%q,%q]}`, x, r1, r2), part, 422, "option_ids[0]"},
		{"RankingNoOptions", "POST", resp(ranking), `{"option_ids":[]}`, part, 422, "option_ids"},
		{"RankingMissing", "POST", resp(ranking), `{}`, part, 422, "option_ids"},
		{"RankingWrongType", "POST", resp(ranking), `{"option_ids":{"a":1}}`, part, 422, "option_ids"},
		{"RankingWithText", "POST", resp(ranking), fmt.Sprintf(`{"option_ids":[%q,%q,%q],"text":"x"}`, r0, r1, r2), part, 422, "text"},
		{"RankingWithRatings", "POST", resp(ranking), fmt.Sprintf(`{"option_ids":[%q,%q,%q],"ratings":{}}`, r0, r1, r2), part, 422, "ratings"},
		// scales answers
		{"ScalesMissingStatement", "POST", resp(scales), fmt.Sprintf(`{"ratings":{%q:3}}`, x), part, 422, "ratings." + y},
		{"ScalesTooHigh", "POST", resp(scales), fmt.Sprintf(`{"ratings":{%q:6,%q:3}}`, x, y), part, 422, "ratings." + x},
		{"ScalesTooLow", "POST", resp(scales), fmt.Sprintf(`{"ratings":{%q:3,%q:0}}`, x, y), part, 422, "ratings." + y},
		{"ScalesFraction", "POST", resp(scales), fmt.Sprintf(`{"ratings":{%q:2.5,%q:3}}`, x, y), part, 422, "ratings." + x},
		{"ScalesUnknownStatement", "POST", resp(scales), fmt.Sprintf(`{"ratings":{%q:3,%q:3,"banana":3}}`, x, y), part, 422, "ratings.banana"},
		{"ScalesOtherActivitysOption", "POST", resp(scales), fmt.Sprintf(`{"ratings":{%q:3,%q:3,%q:3}}`, x, y, r0), part, 422, "ratings." + r0},
		{"ScalesWrongType", "POST", resp(scales), `{"ratings":[3,3]}`, part, 422, "ratings"},
		{"ScalesMissing", "POST", resp(scales), `{}`, part, 422, "ratings"},
		{"ScalesNull", "POST", resp(scales), `{"ratings":null}`, part, 422, "ratings"},
		{"ScalesWithValue", "POST", resp(scales), `{"value":3}`, part, 422, "value"},
		// points answers
		{"PointsOverTotal", "POST", resp(points), fmt.Sprintf(`{"points":{%q:60,%q:41}}`, pp, pq), part, 422, "points"},
		{"PointsNegative", "POST", resp(points), fmt.Sprintf(`{"points":{%q:-1,%q:50}}`, pp, pq), part, 422, "points." + pp},
		{"PointsFraction", "POST", resp(points), fmt.Sprintf(`{"points":{%q:10.5}}`, pp), part, 422, "points." + pp},
		{"PointsString", "POST", resp(points), fmt.Sprintf(`{"points":{%q:"10"}}`, pp), part, 422, "points." + pp},
		{"PointsHuge", "POST", resp(points), fmt.Sprintf(`{"points":{%q:1e30}}`, pp), part, 422, "points." + pp},
		{"PointsUnknownOption", "POST", resp(points), `{"points":{"banana":10}}`, part, 422, "points.banana"},
		{"PointsWrongType", "POST", resp(points), `{"points":100}`, part, 422, "points"},
		{"PointsMissing", "POST", resp(points), `{}`, part, 422, "points"},
		{"PointsWithOptionIDs", "POST", resp(points), fmt.Sprintf(`{"points":{%q:10},"option_ids":[%q]}`, pp, pp), part, 422, "option_ids"},
		// numeric answers
		{"NumericBelow", "POST", resp(numeric), `{"value":-0.5}`, part, 422, "value"},
		{"NumericAbove", "POST", resp(numeric), `{"value":10.01}`, part, 422, "value"},
		{"NumericString", "POST", resp(numeric), `{"value":"5"}`, part, 422, "value"},
		{"NumericHugeNumber", "POST", resp(numeric), `{"value":1e400}`, part, 422, "value"},
		{"NumericMissing", "POST", resp(numeric), `{}`, part, 422, "value"},
		{"NumericNull", "POST", resp(numeric), `{"value":null}`, part, 422, "value"},
		{"NumericWithPoints", "POST", resp(numeric), fmt.Sprintf(`{"value":5,"points":{%q:1}}`, pp), part, 422, "points"},
		// content slides
		{"AnswerContent", "POST", resp(content), `{"text":"x"}`, part, 409, ""},
		{"AnswerContentEmpty", "POST", resp(content), `{}`, part, 409, ""},
	}
	eventually(t, 3*time.Second, "activities projected", func() bool {
		r := ts.do(t, "GET", acts, "", admin...)
		return r.Status == http.StatusOK && strings.Count(string(r.Body), `"type":`) == 5
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
