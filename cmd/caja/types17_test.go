package main

import (
	"cmp"
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"net/http"
	"reflect"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"
)

// The activity types of issue 17 over HTTP, against real Postgres and
// Redis: each is created, opened, answered by 20 concurrent phones (some of
// which change their answer), its results equal a recount from the stored
// rows, and once closed it refuses answers.

// answerRow is a stored answer, read back for a recount.
type answerRow struct {
	OptionIDs    *string
	Ratings      *string
	OptionPoints *string
	NumberValue  *float64
}

func (ts *testServer) answerRows(t *testing.T, aid string) []answerRow {
	t.Helper()
	var rows []answerRow
	if err := ts.DB.Gorm.Raw("SELECT CAST(option_ids AS text) AS option_ids, CAST(ratings AS text) AS ratings, CAST(option_points AS text) AS option_points, number_value FROM responses WHERE activity_id = ?", aid).Scan(&rows).Error; err != nil {
		t.Fatal(err)
	}
	return rows
}

// crowdAnswers has 20 phones join and answer at once, body(rnd) each time;
// every third one answers again (a change of mind), and some a third
// time. It checks the statuses: 201 for the first answer, 200 after.
func (ts *testServer) crowdAnswers(t *testing.T, s created, aid string, body func(rnd *rand.Rand) string) {
	t.Helper()
	const phones = 20
	people := make([]participant, phones)
	for i := range people {
		people[i] = ts.join(t, s, fmt.Sprintf("phone %d", i))
	}
	var wg sync.WaitGroup
	for i, p := range people {
		wg.Go(func() {
			rnd := rand.New(rand.NewPCG(uint64(i), 17))
			for round := range 1 + i%3 {
				r := ts.answer(t, s, aid, p, body(rnd))
				want := http.StatusOK
				if round == 0 {
					want = http.StatusCreated
				}
				if r.Status != want {
					t.Errorf("phone %d, answer %d: status %d, want %d: %s", i, round, r.Status, want, r.Body)
				}
			}
		})
	}
	wg.Wait()
	if n := ts.answerRows(t, aid); len(n) != phones {
		t.Fatalf("%d answers stored, want one per phone (%d)", len(n), phones)
	}
}

// closedRefuses closes the activity and checks that it takes no answer.
func (ts *testServer) closedRefuses(t *testing.T, s created, aid, body string) {
	t.Helper()
	ts.patchActivity(t, s, aid, `{"status":"closed"}`)
	late := ts.join(t, s, "late")
	mustStatus(t, ts.answer(t, s, aid, late, body), http.StatusConflict)
}

// asJSON turns v into what a JSON decoder reads back, to compare with
// results.
func asJSON(t *testing.T, v any) any {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	var out any
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatal(err)
	}
	return out
}

// waitFor polls the organizer's results until they equal want (both as
// JSON), and reports the difference if they never do.
func (ts *testServer) waitFor(t *testing.T, s created, aid string, want func() any) {
	t.Helper()
	var got, w any
	deadline := time.Now().Add(5 * time.Second)
	for {
		r := ts.do(t, "GET", "/api/v1/sessions/"+s.ID+"/activities/"+aid+"/results", "", ts.admin(s)...)
		if r.Status == http.StatusOK {
			_ = json.Unmarshal(r.Body, &got)
			w = asJSON(t, want())
			if reflect.DeepEqual(got, w) {
				return
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("results differ from a recount:\n got %v\nwant %v", got, w)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func round2(x float64) float64 { return math.Round(x*100) / 100 }

func decode[T any](t *testing.T, s *string) T {
	t.Helper()
	var v T
	if s != nil {
		if err := json.Unmarshal([]byte(*s), &v); err != nil {
			t.Fatal(err)
		}
	}
	return v
}

func TestEngagement_Ranking(t *testing.T) {
	t.Parallel()
	scenarioRanking(t, startServer(t, serverEnv(t)))
}

func scenarioRanking(t *testing.T, ts *testServer) {
	s := ts.createSession(t, "Ranking")
	a := ts.createActivity(t, s, `{"type":"ranking","title":"Best language?","options":[{"label":"Go"},{"label":"Rust"},{"label":"Zig"},{"label":"C"}]}`)
	ts.present(t, s, a.ID)
	ts.crowdAnswers(t, s, a.ID, func(rnd *rand.Rand) string {
		ids := make([]string, 0, len(a.Options))
		for _, k := range rnd.Perm(len(a.Options)) {
			ids = append(ids, fmt.Sprintf("%q", a.Options[k].ID))
		}
		return `{"option_ids":[` + strings.Join(ids, ",") + `]}`
	})
	type ranked struct {
		ID          string  `json:"id"`
		Label       string  `json:"label"`
		Points      int     `json:"points"`
		AverageRank float64 `json:"average_rank"`
	}
	ts.waitFor(t, s, a.ID, func() any {
		rows := ts.answerRows(t, a.ID)
		points, ranks := map[string]int{}, map[string]int{}
		for _, r := range rows {
			order := decode[[]string](t, r.OptionIDs)
			for i, id := range order {
				points[id] += len(order) - 1 - i
				ranks[id] += i + 1
			}
		}
		var opts []ranked
		for _, o := range a.Options {
			opts = append(opts, ranked{ID: o.ID, Label: o.Label, Points: points[o.ID], AverageRank: round2(float64(ranks[o.ID]) / float64(len(rows)))})
		}
		slices.SortStableFunc(opts, func(x, y ranked) int { return cmp.Compare(y.Points, x.Points) })
		return map[string]any{"total_responses": len(rows), "options": opts}
	})
	ts.closedRefuses(t, s, a.ID, fmt.Sprintf(`{"option_ids":[%q,%q,%q,%q]}`, a.Options[0].ID, a.Options[1].ID, a.Options[2].ID, a.Options[3].ID))
}

func TestEngagement_Scales(t *testing.T) {
	t.Parallel()
	scenarioScales(t, startServer(t, serverEnv(t)))
}

func scenarioScales(t *testing.T, ts *testServer) {
	s := ts.createSession(t, "Scales")
	a := ts.createActivity(t, s, `{"type":"scales","title":"How do you feel?","options":[{"label":"Tired"},{"label":"Curious"},{"label":"Hungry"}],"settings":{"min":0,"max":4,"min_label":"not at all","max_label":"very"}}`)
	ts.present(t, s, a.ID)
	ts.crowdAnswers(t, s, a.ID, func(rnd *rand.Rand) string {
		parts := make([]string, 0, len(a.Options))
		for _, o := range a.Options {
			parts = append(parts, fmt.Sprintf("%q:%d", o.ID, rnd.IntN(5)))
		}
		return `{"ratings":{` + strings.Join(parts, ",") + `}}`
	})
	type valueCount struct {
		Value int `json:"value"`
		Count int `json:"count"`
	}
	type statement struct {
		ID           string       `json:"id"`
		Label        string       `json:"label"`
		Average      float64      `json:"average"`
		Count        int          `json:"count"`
		Distribution []valueCount `json:"distribution"`
	}
	ts.waitFor(t, s, a.ID, func() any {
		rows := ts.answerRows(t, a.ID)
		var opts []statement
		for _, o := range a.Options {
			st := statement{ID: o.ID, Label: o.Label}
			counts, sum := map[int]int{}, 0
			for _, r := range rows {
				if v, ok := decode[map[string]int](t, r.Ratings)[o.ID]; ok {
					counts[v]++
					sum += v
					st.Count++
				}
			}
			for v := 0; v <= 4; v++ {
				st.Distribution = append(st.Distribution, valueCount{v, counts[v]})
			}
			st.Average = round2(float64(sum) / float64(st.Count))
			opts = append(opts, st)
		}
		return map[string]any{"total_responses": len(rows), "options": opts}
	})
	ts.closedRefuses(t, s, a.ID, fmt.Sprintf(`{"ratings":{%q:1,%q:1,%q:1}}`, a.Options[0].ID, a.Options[1].ID, a.Options[2].ID))
}

func TestEngagement_Points(t *testing.T) {
	t.Parallel()
	scenarioPoints(t, startServer(t, serverEnv(t)))
}

func scenarioPoints(t *testing.T, ts *testServer) {
	s := ts.createSession(t, "Points")
	a := ts.createActivity(t, s, `{"type":"points","title":"Share the budget","options":[{"label":"Parks"},{"label":"Roads"},{"label":"Schools"}],"settings":{"total":100}}`)
	ts.present(t, s, a.ID)
	ts.crowdAnswers(t, s, a.ID, func(rnd *rand.Rand) string {
		first := rnd.IntN(101)
		second := rnd.IntN(101 - first)
		return fmt.Sprintf(`{"points":{%q:%d,%q:%d,%q:0}}`, a.Options[0].ID, first, a.Options[1].ID, second, a.Options[2].ID)
	})
	type share struct {
		ID      string  `json:"id"`
		Label   string  `json:"label"`
		Points  int     `json:"points"`
		Average float64 `json:"average"`
	}
	ts.waitFor(t, s, a.ID, func() any {
		rows := ts.answerRows(t, a.ID)
		sums := map[string]int{}
		for _, r := range rows {
			for id, n := range decode[map[string]int](t, r.OptionPoints) {
				sums[id] += n
			}
		}
		var opts []share
		for _, o := range a.Options {
			opts = append(opts, share{ID: o.ID, Label: o.Label, Points: sums[o.ID], Average: round2(float64(sums[o.ID]) / float64(len(rows)))})
		}
		slices.SortStableFunc(opts, func(x, y share) int { return cmp.Compare(y.Points, x.Points) })
		return map[string]any{"total_responses": len(rows), "options": opts}
	})
	ts.closedRefuses(t, s, a.ID, fmt.Sprintf(`{"points":{%q:10}}`, a.Options[0].ID))
}

// numericRecount is a numeric activity's results computed from its rows:
// count, mean, median, extremes and 10 equal buckets over min..max.
func numericRecount(values []float64, lo, hi float64) map[string]any {
	sort.Float64s(values)
	n := len(values)
	out := map[string]any{"count": n, "mean": nil, "median": nil, "min": nil, "max": nil}
	counts := make([]int, 10)
	if n > 0 {
		sum := 0.0
		for _, v := range values {
			sum += v
			b := min(int(math.Floor((v-lo)*10/(hi-lo))), 9)
			counts[b]++
		}
		out["mean"], out["min"], out["max"] = sum/float64(n), values[0], values[n-1]
		out["median"] = (values[(n-1)/2] + values[n/2]) / 2
	}
	var hist []map[string]any
	width := (hi - lo) / 10
	for i := range 10 {
		to := lo + float64(i+1)*width
		if i == 9 {
			to = hi
		}
		hist = append(hist, map[string]any{"from": lo + float64(i)*width, "to": to, "count": counts[i]})
	}
	out["histogram"] = hist
	return out
}

// sameFigures compares numeric results, the mean within rounding.
func sameFigures(got, want map[string]any) bool {
	gm, _ := got["mean"].(float64)
	wm, _ := want["mean"].(float64)
	if math.Abs(gm-wm) > 1e-9 {
		return false
	}
	g, w := maps(got), maps(want)
	delete(g, "mean")
	delete(w, "mean")
	return reflect.DeepEqual(g, w)
}

func maps(m map[string]any) map[string]any {
	c := make(map[string]any, len(m))
	for k, v := range m {
		c[k] = v
	}
	return c
}

func TestEngagement_Numeric(t *testing.T) {
	t.Parallel()
	scenarioNumeric(t, startServer(t, serverEnv(t)))
}

func scenarioNumeric(t *testing.T, ts *testServer) {
	s := ts.createSession(t, "Numeric")
	a := ts.createActivity(t, s, `{"type":"numeric","title":"How many jelly beans?","settings":{"min":0,"max":100,"unit":"beans"}}`)
	ts.present(t, s, a.ID)
	ts.crowdAnswers(t, s, a.ID, func(rnd *rand.Rand) string {
		// Bucket edges (10, 20, …, 100) among them, for [from, to).
		if rnd.IntN(3) == 0 {
			return fmt.Sprintf(`{"value":%d}`, 10*rnd.IntN(11))
		}
		return fmt.Sprintf(`{"value":%.1f}`, float64(rnd.IntN(1001))/10)
	})
	var got, want map[string]any
	eventually(t, 5*time.Second, "numeric results equal a recount", func() bool {
		var values []float64
		for _, r := range ts.answerRows(t, a.ID) {
			values = append(values, *r.NumberValue)
		}
		want = asJSON(t, numericRecount(values, 0, 100)).(map[string]any)
		r := ts.do(t, "GET", "/api/v1/sessions/"+s.ID+"/activities/"+a.ID+"/results", "", ts.admin(s)...)
		got = nil
		_ = json.Unmarshal(r.Body, &got)
		return r.Status == http.StatusOK && sameFigures(got, want)
	})
	if got["count"] != float64(20) {
		t.Errorf("results: %v (want %v)", got, want)
	}
	ts.closedRefuses(t, s, a.ID, `{"value":5}`)
}

// TestEngagement_NumericQuiz: a numeric activity with a right answer is
// scored like a quiz (timed by the server, the first answer stands), its
// right answer stays out of the participants' and the display's views
// until revealed, and the scores join the leaderboard then.
func TestEngagement_NumericQuiz(t *testing.T) {
	t.Parallel()
	ts := startServer(t, serverEnv(t))
	s := ts.createSession(t, "Numeric quiz")
	a := ts.createActivity(t, s, `{"type":"numeric","title":"Year of the moon landing?","settings":{"min":1900,"max":2000,"correct":{"value":1969,"tolerance":1},"time_limit_s":30}}`)
	right, close, wrong := ts.join(t, s, "right"), ts.join(t, s, "close"), ts.join(t, s, "wrong")
	ts.present(t, s, a.ID)
	mustStatus(t, ts.answer(t, s, a.ID, right, `{"value":1969}`), http.StatusCreated)
	mustStatus(t, ts.answer(t, s, a.ID, right, `{"value":1950}`), http.StatusConflict) // the first answer stands
	mustStatus(t, ts.answer(t, s, a.ID, close, `{"value":1970}`), http.StatusCreated)
	mustStatus(t, ts.answer(t, s, a.ID, wrong, `{"value":1980.5}`), http.StatusCreated)
	ts.waitResults(t, s, a.ID, func(m map[string]any) bool { return m["count"] == float64(3) })

	views := map[string][]string{
		"participant": {"/api/v1/sessions/" + s.ID + "/state"},
		"display":     {"/api/v1/sessions/" + s.ID + "/state?view=display&key=" + s.DisplayKey},
		"session":     {"/api/v1/sessions/" + s.ID},
		"leaderboard": {"/api/v1/sessions/" + s.ID + "/leaderboard"},
		"me":          {"/api/v1/sessions/" + s.ID + "/participants/me", "Authorization", "Bearer " + right.Token},
	}
	for name, v := range views {
		r := ts.do(t, "GET", v[0], "", v[1:]...)
		// (The answers' figures may show live, as a quiz's counts do.)
		if strings.Contains(string(r.Body), `"tolerance"`) || strings.Contains(string(r.Body), `"correct"`) {
			t.Errorf("the %s view shows the right answer before the reveal: %s", name, r.Body)
		}
	}
	if r := ts.do(t, "GET", "/api/v1/sessions/"+s.ID+"/state?view=admin", "", ts.admin(s)...); !strings.Contains(string(r.Body), `"correct":{"value":1969,"tolerance":1}`) {
		t.Errorf("the organizer's view lacks the right answer: %s", r.Body)
	}

	ts.patchActivity(t, s, a.ID, `{"status":"closed"}`)
	ts.patchActivity(t, s, a.ID, `{"results_visible":true}`)
	var board []any
	eventually(t, 3*time.Second, "leaderboard", func() bool {
		board, _ = ts.do(t, "GET", "/api/v1/sessions/"+s.ID+"/leaderboard", "").json(t)["entries"].([]any)
		return len(board) == 3
	})
	scores := map[string]float64{}
	for _, e := range board {
		m := e.(map[string]any)
		scores[m["nickname"].(string)] = m["score"].(float64)
	}
	if scores["right"] < 500 || scores["close"] < 500 || scores["right"] < scores["close"] || scores["wrong"] != 0 {
		t.Errorf("leaderboard: %v", board)
	}
	me := ts.do(t, "GET", "/api/v1/sessions/"+s.ID+"/participants/me", "", "Authorization", "Bearer "+right.Token).json(t)
	if me["score"] != scores["right"] || len(me["quiz_results"].([]any)) != 1 {
		t.Errorf("me after the reveal: %v", me)
	}
	eventually(t, 3*time.Second, "the right answer in the participant view", func() bool {
		return strings.Contains(string(ts.do(t, "GET", "/api/v1/sessions/"+s.ID+"/state", "").Body), `"correct":{"value":1969`)
	})
	// Revealed, it cannot open again.
	if r := ts.do(t, "PATCH", "/api/v1/sessions/"+s.ID+"/activities/"+a.ID, `{"status":"open"}`, ts.admin(s)...); r.Status != http.StatusConflict {
		t.Errorf("reopen a revealed numeric quiz: %d %s", r.Status, r.Body)
	}
}

// TestEngagement_Content: a content slide carries its Markdown body to
// every view and takes no answers.
func TestEngagement_Content(t *testing.T) {
	t.Parallel()
	ts := startServer(t, serverEnv(t))
	s := ts.createSession(t, "Content")
	body := "# Welcome\n\nSee [the agenda](https://example.com) <script>alert(1)</script>"
	r := ts.do(t, "POST", "/api/v1/sessions/"+s.ID+"/activities", fmt.Sprintf(`{"type":"content","title":"Hello","body":%q}`, body), ts.admin(s)...)
	mustStatus(t, r, http.StatusCreated)
	a := r.json(t)
	if a["body"] != body || a["type"] != "content" {
		t.Errorf("created: %v", a)
	}
	aid := a["id"].(string)
	ts.present(t, s, aid)
	p := ts.join(t, s, "ana")
	mustStatus(t, ts.answer(t, s, aid, p, `{"text":"hi"}`), http.StatusConflict)
	mustStatus(t, ts.answer(t, s, aid, p, `{}`), http.StatusConflict)
	eventually(t, 3*time.Second, "the body in the participant and display views", func() bool {
		for _, path := range []string{"/api/v1/sessions/" + s.ID + "/state", "/api/v1/sessions/" + s.ID + "/state?view=display&key=" + s.DisplayKey} {
			var v struct {
				Current *struct {
					Body string `json:"body"`
				} `json:"current_activity"`
			}
			if err := json.Unmarshal(ts.do(t, "GET", path, "").Body, &v); err != nil || v.Current == nil || v.Current.Body != body {
				return false
			}
		}
		return true
	})
	ts.patchActivity(t, s, aid, `{"body":"Changed"}`)
	got := ts.do(t, "GET", "/api/v1/sessions/"+s.ID+"/activities/"+aid, "", ts.admin(s)...)
	eventually(t, 3*time.Second, "the new body", func() bool {
		got = ts.do(t, "GET", "/api/v1/sessions/"+s.ID+"/activities/"+aid, "", ts.admin(s)...)
		return got.Status == http.StatusOK && got.json(t)["body"] == "Changed"
	})
	if n := len(ts.answerRows(t, aid)); n != 0 {
		t.Errorf("a content slide stored %d answers", n)
	}
}

// TestEngagement_NewTypesDuplicateAndExport: the export has one row per
// answer of each new type in readable form and their results; a duplicate
// copies each new type with its options, settings and body.
func TestEngagement_NewTypesDuplicateAndExport(t *testing.T) {
	t.Parallel()
	ts := startServer(t, serverEnv(t))
	s := ts.createSession(t, "Deck of new types")
	ranking := ts.createActivity(t, s, `{"type":"ranking","title":"Rank","options":[{"label":"Go"},{"label":"Rust"},{"label":"Zig"}]}`)
	scales := ts.createActivity(t, s, `{"type":"scales","title":"Feel","options":[{"label":"Tired"},{"label":"Curious"}],"settings":{"min":1,"max":5,"min_label":"no","max_label":"yes"}}`)
	points := ts.createActivity(t, s, `{"type":"points","title":"Budget","options":[{"label":"Parks"},{"label":"Roads"},{"label":"Schools"}],"settings":{"total":100}}`)
	numeric := ts.createActivity(t, s, `{"type":"numeric","title":"Guess","settings":{"min":0,"max":100,"unit":"kg","correct":{"value":42,"tolerance":0.5}}}`)
	ts.createActivity(t, s, `{"type":"content","title":"Intro","body":"# Hello\n\n*world*"}`)
	p := ts.join(t, s, "ana")
	for _, a := range []activity{ranking, scales, points, numeric} {
		ts.patchActivity(t, s, a.ID, `{"status":"open"}`)
	}
	mustStatus(t, ts.answer(t, s, ranking.ID, p, fmt.Sprintf(`{"option_ids":[%q,%q,%q]}`, ranking.Options[0].ID, ranking.Options[2].ID, ranking.Options[1].ID)), http.StatusCreated)
	mustStatus(t, ts.answer(t, s, scales.ID, p, fmt.Sprintf(`{"ratings":{%q:2,%q:4}}`, scales.Options[1].ID, scales.Options[0].ID)), http.StatusCreated)
	mustStatus(t, ts.answer(t, s, points.ID, p, fmt.Sprintf(`{"points":{%q:40,%q:60}}`, points.Options[1].ID, points.Options[0].ID)), http.StatusCreated)
	mustStatus(t, ts.answer(t, s, numeric.ID, p, `{"value":42.25}`), http.StatusCreated)

	var csv response
	eventually(t, 5*time.Second, "export has the answers", func() bool {
		csv = ts.do(t, "GET", "/api/v1/sessions/"+s.ID+"/export.csv", "", ts.admin(s)...)
		return csv.Status == http.StatusOK && strings.Contains(string(csv.Body), "42.25")
	})
	for _, want := range []string{
		"Rank,ranking,ana,Go > Zig > Rust,,,",
		"Feel,scales,ana,Tired: 4; Curious: 2,,,",
		"Budget,points,ana,Parks: 60; Roads: 40,,,",
		"Guess,numeric,ana,42.25,true,",
		"Rank,ranking,open,1,,Go,,,2\n",      // Borda points in the summary
		"Feel,scales,open,1,4,Tired,,,1\n",   // a statement's average and count
		"Budget,points,open,1,,Parks,,,60\n", // summed points
		"Guess,numeric,open,1,42.25,,,,\n",   // the mean
	} {
		if !strings.Contains(string(csv.Body), want) {
			t.Errorf("csv lacks %q:\n%s", want, csv.Body)
		}
	}
	js := ts.do(t, "GET", "/api/v1/sessions/"+s.ID+"/export.json", "", ts.admin(s)...)
	mustStatus(t, js, http.StatusOK)
	answers := map[string]string{}
	for _, r := range js.json(t)["answers"].([]any) {
		m := r.(map[string]any)
		answers[m["type"].(string)] = m["answer"].(string)
	}
	if answers["ranking"] != "Go > Zig > Rust" || answers["scales"] != "Tired: 4; Curious: 2" || answers["points"] != "Parks: 60; Roads: 40" || answers["numeric"] != "42.25" {
		t.Errorf("json export answers: %v", answers)
	}

	dup := ts.do(t, "POST", "/api/v1/sessions/"+s.ID+"/duplicate", "", ts.admin(s)...)
	mustStatus(t, dup, http.StatusCreated)
	var copied created
	_ = json.Unmarshal(dup.Body, &copied)
	var acts []map[string]any
	eventually(t, 3*time.Second, "copied activities", func() bool {
		r := ts.do(t, "GET", "/api/v1/sessions/"+copied.ID+"/activities", "", ts.admin(copied)...)
		var v struct {
			Activities []map[string]any `json:"activities"`
		}
		_ = json.Unmarshal(r.Body, &v)
		acts = v.Activities
		return r.Status == http.StatusOK && len(acts) == 5
	})
	want := []struct {
		typ, settings string
		options       int
	}{
		{"ranking", `{}`, 3},
		{"scales", `{"min":1,"max":5,"min_label":"no","max_label":"yes"}`, 2},
		{"points", `{"total":100}`, 3},
		{"numeric", `{"min":0,"max":100,"unit":"kg","correct":{"value":42,"tolerance":0.5},"points":1000,"time_limit_s":20}`, 0},
		{"content", `{}`, 0},
	}
	for i, w := range want {
		a := acts[i]
		if a["type"] != w.typ || a["status"] != "draft" || len(a["options"].([]any)) != w.options || !reflect.DeepEqual(a["settings"], asJSON(t, json.RawMessage(w.settings))) {
			t.Errorf("copy %d: %v, want %+v", i, a, w)
		}
	}
	if acts[4]["body"] != "# Hello\n\n*world*" {
		t.Errorf("copied content slide: %v", acts[4])
	}
}

// TestEngagement_NewTypesEmbedded runs the scenarios of the new types on
// the embedded default (SQLite and the in-process Redis), which make run
// uses without servers: its tallies, aggregates and views must agree too.
func TestEngagement_NewTypesEmbedded(t *testing.T) {
	t.Parallel()
	env := serverEnv(t)
	delete(env, "DATABASE_URL")
	delete(env, "REDIS_URL")
	delete(env, "CAJA_REDIS_PREFIX")
	env["CAJA_DATA_DIR"] = t.TempDir()
	env["CAJA_EMBEDDED_REDIS_ADDR"] = freePort(t)
	ts := startServer(t, env)
	if !strings.Contains(ts.Logs.String(), "mode: embedded") {
		t.Fatalf("not in embedded mode:\n%s", ts.Logs.String())
	}
	for name, scenario := range map[string]func(*testing.T, *testServer){
		"Ranking": scenarioRanking, "Scales": scenarioScales, "Points": scenarioPoints, "Numeric": scenarioNumeric,
	} {
		t.Run(name, func(t *testing.T) { scenario(t, ts) })
	}
}
