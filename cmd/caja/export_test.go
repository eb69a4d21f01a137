package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/cajalive/caja"
)

// exportPath is the export of s in a format (csv, json, xlsx).
func exportPath(s created, format string) string {
	return "/api/v1/sessions/" + s.ID + "/export." + format
}

// exportFixture is a session with one activity of each type, answered,
// and a Q&A question upvoted and pinned; it returns once the export shows
// all of it.
func exportFixture(t *testing.T, ts *testServer) (created, caja.ExportDocument) {
	t.Helper()
	s := ts.createSession(t, "Team review")
	ana, bo, cy := ts.join(t, s, "ana"), ts.join(t, s, "bo"), ts.join(t, s, "cy")

	poll := ts.createActivity(t, s, `{"type":"poll","title":"Lunch?","options":[{"label":"Tacos"},{"label":"Sushi"},{"label":"Salad"}]}`)
	ts.present(t, s, poll.ID)
	for _, a := range []struct {
		p      participant
		option int
	}{{ana, 0}, {bo, 0}, {cy, 1}} {
		mustStatus(t, ts.answer(t, s, poll.ID, a.p, `{"option_ids":["`+poll.Options[a.option].ID+`"]}`), http.StatusCreated)
	}
	quiz := ts.createActivity(t, s, `{"type":"quiz","title":"Capital of France?","options":[{"label":"Lyon"},{"label":"Paris","correct":true}]}`)
	ts.present(t, s, quiz.ID)
	mustStatus(t, ts.answer(t, s, quiz.ID, ana, `{"option_ids":["`+quiz.Options[1].ID+`"]}`), http.StatusCreated)

	rating := ts.createActivity(t, s, `{"type":"rating","title":"Rate the talk","settings":{"min":0,"max":10}}`)
	ts.present(t, s, rating.ID)
	mustStatus(t, ts.answer(t, s, rating.ID, ana, `{"value":4}`), http.StatusCreated)
	mustStatus(t, ts.answer(t, s, rating.ID, bo, `{"value":7}`), http.StatusCreated)

	cloud := ts.createActivity(t, s, `{"type":"word_cloud","title":"One word"}`)
	ts.present(t, s, cloud.ID)
	mustStatus(t, ts.answer(t, s, cloud.ID, ana, `{"text":"Go"}`), http.StatusCreated)
	mustStatus(t, ts.answer(t, s, cloud.ID, bo, `{"text":"go"}`), http.StatusCreated)
	mustStatus(t, ts.answer(t, s, cloud.ID, cy, `{"text":"demos"}`), http.StatusCreated)

	text := ts.createActivity(t, s, `{"type":"open_text","title":"Anything else?"}`)
	ts.present(t, s, text.ID)
	mustStatus(t, ts.answer(t, s, text.ID, ana, `{"text":"＝SUM(A1)"}`), http.StatusCreated)
	mustStatus(t, ts.answer(t, s, text.ID, bo, `{"text":"-3"}`), http.StatusCreated)
	mustStatus(t, ts.answer(t, s, text.ID, cy, `{"text":"\u200b=1+1"}`), http.StatusCreated)

	qna := ts.createActivity(t, s, `{"type":"qna","title":"Ask us"}`)
	ts.present(t, s, qna.ID)
	base := "/api/v1/sessions/" + s.ID + "/activities/" + qna.ID + "/questions"
	r := ts.do(t, "POST", base, `{"text":"Why Go?"}`, "Authorization", "Bearer "+ana.Token)
	mustStatus(t, r, http.StatusCreated)
	qid, _ := r.json(t)["id"].(string)
	mustStatus(t, ts.do(t, "POST", base+"/"+qid+"/upvote", "", "Authorization", "Bearer "+bo.Token), http.StatusOK)
	mustStatus(t, ts.do(t, "PATCH", base+"/"+qid, `{"pinned":true}`, ts.admin(s)...), http.StatusOK)

	var doc caja.ExportDocument
	eventually(t, 10*time.Second, "the export shows every answer, the question's upvote and pin", func() bool {
		r := ts.do(t, "GET", exportPath(s, "json"), "", ts.admin(s)...)
		doc = caja.ExportDocument{}
		if r.Status != http.StatusOK || json.Unmarshal(r.Body, &doc) != nil {
			return false
		}
		return len(doc.Answers) == 13 && len(doc.Questions) == 1 && doc.Questions[0].Upvotes == 1 && doc.Questions[0].Pinned
	})
	return s, doc
}

func TestExport_AnswersQuestionsAndSummary(t *testing.T) {
	t.Parallel()
	ts := startServer(t, serverEnv(t))
	s, doc := exportFixture(t, ts)

	q := doc.Questions[0]
	if q.Activity != "Ask us" || q.Question != "Why Go?" || q.Nickname != "ana" || q.Status != "approved" || q.AskedAt.IsZero() {
		t.Errorf("question: %+v", q)
	}
	// Q&A questions stay among the answers, as before this part existed.
	if last := doc.Answers[len(doc.Answers)-1]; last.Type != "qna" || last.Answer != "Why Go?" {
		t.Errorf("last answer: %+v", last)
	}
	type option struct {
		Label   string
		Count   int
		Correct string
	}
	options := func(s caja.ExportSummary) []option {
		var out []option
		for _, o := range s.Options {
			c := ""
			if o.Correct != nil {
				c = strconv.FormatBool(*o.Correct)
			}
			out = append(out, option{o.Label, o.Count, c})
		}
		return out
	}
	if len(doc.Summary) != 6 {
		t.Fatalf("summary has %d lines, want 6 (one per activity): %+v", len(doc.Summary), doc.Summary)
	}
	byTitle := map[string]caja.ExportSummary{}
	for _, line := range doc.Summary {
		byTitle[line.Activity] = line
	}
	if got := options(byTitle["Lunch?"]); !slices.Equal(got, []option{{"Tacos", 2, ""}, {"Sushi", 1, ""}, {"Salad", 0, ""}}) || byTitle["Lunch?"].Responses != 3 || byTitle["Lunch?"].Type != "poll" {
		t.Errorf("poll summary: %+v", byTitle["Lunch?"])
	}
	if got := options(byTitle["Capital of France?"]); !slices.Equal(got, []option{{"Lyon", 0, "false"}, {"Paris", 1, "true"}}) {
		t.Errorf("quiz summary: %+v", byTitle["Capital of France?"])
	}
	if r := byTitle["Rate the talk"]; r.Average == nil || *r.Average != 5.5 || r.Responses != 2 || r.Options != nil {
		t.Errorf("rating summary: %+v", r)
	}
	if w := byTitle["One word"].Words; len(w) != 2 || w[0] != (caja.ExportWordCount{Word: "go", Count: 2}) {
		t.Errorf("word cloud summary: %+v", byTitle["One word"])
	}
	if a := byTitle["Ask us"]; a.Responses != 1 || a.Status != "open" {
		t.Errorf("Q&A summary: %+v", a)
	}

	r := ts.do(t, "GET", exportPath(s, "csv"), "", ts.admin(s)...)
	mustStatus(t, r, http.StatusOK)
	body := strings.TrimPrefix(string(r.Body), "\uFEFF")
	for _, part := range []string{
		"Answers\nactivity,type,nickname,answer,correct,score,answered_at,hidden,held\n",
		"\n\nQ&A\nactivity,question,nickname,upvotes,status,pinned,asked_at\n",
		"\n\nSummary\nactivity,type,status,responses,average,option,correct,word,count\n",
	} {
		if !strings.Contains(body, part) {
			t.Errorf("the CSV lacks %q:\n%s", part, body)
		}
	}
	if !strings.HasPrefix(body, "Answers\n") {
		t.Errorf("the CSV does not start with its answers: %q", body[:min(len(body), 40)])
	}
	cr := csv.NewReader(strings.NewReader(body))
	cr.FieldsPerRecord = -1
	records, err := cr.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	find := func(fields ...string) bool {
		for _, rec := range records {
			if len(rec) >= len(fields) && slices.Equal(rec[:len(fields)], fields) {
				return true
			}
		}
		return false
	}
	for _, want := range [][]string{
		{"Anything else?", "open_text", "ana", "'＝SUM(A1)"},
		{"Anything else?", "open_text", "bo", "-3"},
		{"Anything else?", "open_text", "cy", "'\u200b=1+1"},
		{"Rate the talk", "rating", "bo", "7"},
		{"Capital of France?", "quiz", "ana", "Paris", "true"},
		{"Ask us", "Why Go?", "ana", "1", "approved", "true"},
		{"Lunch?", "poll", "open", "3", "", "Tacos", "", "", "2"},
		{"Lunch?", "poll", "open", "3", "", "Salad", "", "", "0"},
		{"Capital of France?", "quiz", "open", "1", "", "Paris", "true", "", "1"},
		{"Rate the talk", "rating", "open", "2", "5.5", "", "", "", ""},
		{"One word", "word_cloud", "open", "3", "", "", "", "go", "2"},
	} {
		if !find(want...) {
			t.Errorf("the CSV has no row %q:\n%s", want, body)
		}
	}
}

func TestExport_Workbook(t *testing.T) {
	t.Parallel()
	ts := startServer(t, serverEnv(t))
	s, _ := exportFixture(t, ts)

	r := ts.do(t, "GET", exportPath(s, "xlsx"), "", ts.admin(s)...)
	mustStatus(t, r, http.StatusOK)
	if ct := r.Header.Get("Content-Type"); ct != "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" {
		t.Errorf("Content-Type %q", ct)
	}
	f, err := excelize.OpenReader(bytes.NewReader(r.Body))
	if err != nil {
		t.Fatalf("not a workbook: %v", err)
	}
	defer f.Close()
	if got := f.GetSheetList(); !slices.Equal(got, []string{"Answers", "Q&A", "Summary", "Reactions"}) {
		t.Errorf("sheets %q", got)
	}
	tests := []struct {
		sheet, cell string
		want        string
		raw         bool // the stored value, not the displayed one
	}{
		{"Answers", "A1", "activity", false},
		{"Answers", "G1", "answered_at", false},
		{"Q&A", "B1", "question", false},
		{"Q&A", "B2", "Why Go?", false},
		{"Q&A", "D2", "1", true},
		{"Q&A", "F2", "1", true}, // pinned: a boolean cell
		{"Summary", "I1", "count", false},
	}
	for _, tt := range tests {
		got, err := f.GetCellValue(tt.sheet, tt.cell, excelize.Options{RawCellValue: tt.raw})
		if err != nil || got != tt.want {
			t.Errorf("%s!%s = %q (%v), want %q", tt.sheet, tt.cell, got, err, tt.want)
		}
	}
	for _, sheet := range f.GetSheetList() {
		panes, err := f.GetPanes(sheet)
		if err != nil || !panes.Freeze || panes.YSplit != 1 {
			t.Errorf("%s: header row not frozen: %+v %v", sheet, panes, err)
		}
		id, err := f.GetCellStyle(sheet, "A1")
		if err != nil {
			t.Fatal(err)
		}
		if st, err := f.GetStyle(id); err != nil || st.Font == nil || !st.Font.Bold {
			t.Errorf("%s: header not bold: %+v %v", sheet, st, err)
		}
	}

	rows, err := f.GetRows("Answers", excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	var rating, quiz []string
	for _, row := range rows {
		if len(row) > 2 && row[0] == "Rate the talk" && row[2] == "bo" {
			rating = row
		}
		if len(row) > 2 && row[0] == "Capital of France?" {
			quiz = row
		}
	}
	if len(rating) < 7 || rating[3] != "7" {
		t.Fatalf("rating row %q", rating)
	}
	ref := "D" + strconv.Itoa(slices.IndexFunc(rows, func(r []string) bool { return slices.Equal(r, rating) })+1)
	if typ, _ := f.GetCellType("Answers", ref); typ == excelize.CellTypeSharedString || typ == excelize.CellTypeInlineString {
		t.Errorf("the rating %s is text, want a number", ref)
	}
	// A time is a date serial (days since 1900), shown as a date.
	if serial, err := strconv.ParseFloat(rating[6], 64); err != nil || serial < 46000 {
		t.Errorf("answered_at stored as %q, want a date serial", rating[6])
	}
	if shown, _ := f.GetCellValue("Answers", "G2"); !strings.HasPrefix(shown, time.Now().UTC().Format("2006-01-02")) {
		t.Errorf("answered_at shown as %q", shown)
	}
	if len(quiz) < 6 || quiz[4] != "1" || quiz[5] == "" {
		t.Errorf("quiz row %q: correct a boolean, score a number", quiz)
	}
	summary, _ := f.GetRows("Summary")
	if !slices.ContainsFunc(summary, func(r []string) bool {
		return slices.Equal(r, []string{"Lunch?", "poll", "open", "3", "", "Tacos", "", "", "2"})
	}) {
		t.Errorf("summary sheet: %q", summary)
	}
}

func TestExport_FileNamesKeepWholeWords(t *testing.T) {
	t.Parallel()
	ts := startServer(t, serverEnv(t))
	tests := []struct {
		name, session, format string
		want                  string // with DATE for the day of the export
		original              string // the filename* value decoded, or ""
	}{
		{"Plain", "Quarterly All-Hands", "csv", `caja-quarterly-all-hands-DATE.csv`, ""},
		{"Long", "Quarterly all hands meeting for the engineering department and friends of the company 2026", "json",
			`caja-quarterly-all-hands-meeting-for-the-engineering-department-DATE.json`, ""},
		{"Accented", "Café crème à Zürich", "xlsx", `caja-cafe-creme-a-zurich-DATE.xlsx`, "caja-Café-crème-à-Zürich-DATE.xlsx"},
		{"NotLatin", "東京 会議", "csv", `caja-ID8-DATE.csv`, "caja-東京-会議-DATE.csv"},
		{"OneLongWord", strings.Repeat("a", 70) + " b", "csv", `caja-ID8-DATE.csv`, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := ts.createSession(t, tt.session)
			var r response
			eventually(t, 5*time.Second, "export", func() bool {
				r = ts.do(t, "GET", exportPath(s, tt.format), "", ts.admin(s)...)
				return r.Status == http.StatusOK
			})
			date := time.Now().UTC().Format("2006-01-02")
			want := strings.NewReplacer("DATE", date, "ID8", s.ID[:8])
			cd := r.Header.Get("Content-Disposition")
			plain, ext, _ := strings.Cut(cd, "; filename*=UTF-8''")
			if plain != `attachment; filename="`+want.Replace(tt.want)+`"` {
				t.Errorf("Content-Disposition %q, want the file name %s", cd, want.Replace(tt.want))
			}
			decoded, err := url.PathUnescape(ext)
			if err != nil || decoded != want.Replace(tt.original) {
				t.Errorf("filename* %q (%q), want %q", ext, decoded, want.Replace(tt.original))
			}
		})
	}
}

// exportCopies lists the Redis keys holding export copies of a session:
// caja:{id}:export:<version>, not its small pointer caja:{id}:export.
func exportCopies(t *testing.T, ts *testServer, sessionID string) []string {
	t.Helper()
	keys, err := ts.Redis.Client.Keys(context.Background(), ts.Redis.Keys.ExportLatest(sessionID)+":*").Result()
	if err != nil {
		t.Fatal(err)
	}
	return keys
}

// exportRenders reads caja_export_renders_total{result="ok"} from /metrics.
func exportRenders(t *testing.T, ts *testServer) int {
	t.Helper()
	for _, line := range strings.Split(string(ts.do(t, "GET", "/metrics", "", "Authorization", "Bearer "+testMetricsToken).Body), "\n") {
		if v, ok := strings.CutPrefix(line, `caja_export_renders_total{result="ok"} `); ok {
			n, err := strconv.Atoi(v)
			if err != nil {
				t.Fatalf("metric line %q", line)
			}
			return n
		}
	}
	return 0
}

func TestExport_OneCopyPerSessionVersion(t *testing.T) {
	t.Parallel()
	ts := startServer(t, serverEnv(t))
	s := ts.createSession(t, "Repeat")
	poll := ts.createActivity(t, s, `{"type":"poll","title":"Again?","options":[{"label":"yes"},{"label":"no"}]}`)
	ts.present(t, s, poll.ID)
	mustStatus(t, ts.answer(t, s, poll.ID, ts.join(t, s, "ana"), `{"option_ids":["`+poll.Options[0].ID+`"]}`), http.StatusCreated)
	// Once the answer is projected, the session stays as it is.
	ts.waitResults(t, s, poll.ID, func(m map[string]any) bool { return m["total_responses"] == float64(1) })
	before := exportRenders(t, ts)

	seen := map[string]bool{}
	for i := range 20 {
		format := []string{"csv", "json", "xlsx"}[i%3]
		mustStatus(t, ts.do(t, "GET", exportPath(s, format), "", ts.admin(s)...), http.StatusOK)
		for _, k := range exportCopies(t, ts, s.ID) {
			seen[k] = true
		}
	}
	copies := exportCopies(t, ts, s.ID)
	if len(seen) != 1 || len(copies) != 1 {
		t.Fatalf("20 exports of an unchanged session made copies %v (now %v), want one", seen, copies)
	}
	if n := exportRenders(t, ts) - before; n != 1 {
		t.Errorf("20 exports of an unchanged session made the projector render %d times, want once", n)
	}
	if ttl := ts.Redis.Client.TTL(context.Background(), copies[0]).Val(); ttl <= 0 || ttl > 10*time.Minute {
		t.Errorf("the copy expires in %v, want a few minutes", ttl)
	}

	// A change makes a new version: its copy replaces the old one.
	mustStatus(t, ts.answer(t, s, poll.ID, ts.join(t, s, "bo"), `{"option_ids":["`+poll.Options[1].ID+`"]}`), http.StatusCreated)
	eventually(t, 5*time.Second, "the new answer in the export", func() bool {
		r := ts.do(t, "GET", exportPath(s, "csv"), "", ts.admin(s)...)
		return r.Status == http.StatusOK && strings.Contains(string(r.Body), "Again?,poll,bo,no")
	})
	if now := exportCopies(t, ts, s.ID); len(now) != 1 || now[0] == copies[0] {
		t.Errorf("after a change the copies are %v (before %v), want one new copy", now, copies)
	}
}

func TestExport_SizeCap(t *testing.T) {
	t.Parallel()
	env := serverEnv(t)
	env["CAJA_EXPORT_MAX_BYTES"] = "400"
	ts := startServer(t, env)
	s := ts.createSession(t, "Capped")
	var r response
	eventually(t, 5*time.Second, "an empty session exports", func() bool {
		r = ts.do(t, "GET", exportPath(s, "csv"), "", ts.admin(s)...)
		return r.Status == http.StatusOK
	})

	text := ts.createActivity(t, s, `{"type":"open_text","title":"Say something long"}`)
	ts.present(t, s, text.ID)
	for _, nick := range []string{"ana", "bo", "cy"} {
		mustStatus(t, ts.answer(t, s, text.ID, ts.join(t, s, nick), `{"text":"`+strings.Repeat("word ", 40)+`"}`), http.StatusCreated)
	}
	for _, format := range []string{"csv", "json", "xlsx"} {
		eventually(t, 5*time.Second, format+" export refused as too large", func() bool {
			r = ts.do(t, "GET", exportPath(s, format), "", ts.admin(s)...)
			return r.Status == http.StatusRequestEntityTooLarge
		})
		p := r.json(t)
		if ct := r.Header.Get("Content-Type"); ct != "application/problem+json" || !strings.Contains(p["detail"].(string), "CAJA_EXPORT_MAX_BYTES (400 bytes)") {
			t.Errorf("%s: %s %s", format, ct, r.Body)
		}
	}
	for _, k := range exportCopies(t, ts, s.ID) {
		if n := ts.Redis.Client.StrLen(context.Background(), k).Val(); n > 400 {
			t.Errorf("%s holds %d bytes, past the cap", k, n)
		}
	}
}

// TestExport_FiftyThousandAnswers: a large session exports in every format
// within the server's write timeout.
func TestExport_FiftyThousandAnswers(t *testing.T) {
	if testing.Short() {
		t.Skip("large export")
	}
	// Not parallel: 100,000 rows written at once would slow the other
	// tests' Postgres past their deadlines.
	ts := startServer(t, serverEnv(t))
	s := ts.createSession(t, "Big")
	poll := ts.createActivity(t, s, `{"type":"poll","title":"Big poll","options":[{"label":"a"},{"label":"b"}]}`)
	ts.present(t, s, poll.ID)
	const n = 50000
	// Rows straight into Postgres: 50,000 phones over HTTP would measure
	// joining, not exporting.
	err := ts.DB.Gorm.Exec(`
INSERT INTO participants (id, session_id, nickname, nickname_key, token_hash, created_at)
SELECT gen_random_uuid(), ?, 'p' || i, 'p' || i, decode(md5(?::text || i), 'hex'), now() FROM generate_series(1, ?) i`, s.ID, s.ID, n).Error
	if err != nil {
		t.Fatal(err)
	}
	err = ts.DB.Gorm.Exec(`
INSERT INTO responses (id, session_id, activity_id, participant_id, option_ids, created_at, updated_at)
SELECT gen_random_uuid(), ?, ?, p.id, jsonb_build_array(?::text), now(), now() FROM participants p WHERE p.session_id = ?`,
		s.ID, poll.ID, poll.Options[1].ID, s.ID).Error
	if err != nil {
		t.Fatal(err)
	}
	// A join makes the projector notice (the rows above wrote no outbox).
	ts.join(t, s, "last")
	start := time.Now()
	var doc caja.ExportDocument
	// Generous: under the race detector on a busy machine a render may
	// outlast one request's wait (the next request then finds the copy).
	eventually(t, 90*time.Second, "the large export", func() bool {
		r := ts.do(t, "GET", exportPath(s, "json"), "", ts.admin(s)...)
		doc = caja.ExportDocument{}
		return r.Status == http.StatusOK && json.Unmarshal(r.Body, &doc) == nil && len(doc.Answers) == n
	})
	if len(doc.Summary) != 1 || doc.Summary[0].Responses != n || doc.Summary[0].Options[1].Count != n {
		t.Errorf("summary %+v", doc.Summary)
	}
	t.Logf("json (rendered): %v", time.Since(start))
	mark := time.Now()
	r := ts.do(t, "GET", exportPath(s, "csv"), "", ts.admin(s)...)
	mustStatus(t, r, http.StatusOK)
	t.Logf("csv: %v", time.Since(mark))
	mark = time.Now()
	if lines := bytes.Count(r.Body, []byte("\nBig poll,poll,p")); lines != n {
		t.Errorf("CSV has %d answer rows, want %d", lines, n)
	}
	r = ts.do(t, "GET", exportPath(s, "xlsx"), "", ts.admin(s)...)
	mustStatus(t, r, http.StatusOK)
	t.Logf("xlsx: %v", time.Since(mark))
	f, err := excelize.OpenReader(bytes.NewReader(r.Body))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.Rows("Answers")
	if err != nil {
		t.Fatal(err)
	}
	count := 0
	for rows.Next() {
		count++
	}
	if count != n+1 {
		t.Errorf("the Answers sheet has %d rows, want %d and a header", count, n+1)
	}
	t.Logf("50,000 answers: three exports in %v", time.Since(start).Round(time.Millisecond))
}

// TestExport_EmbeddedMode: the embedded SQLite and Redis export the same
// parts as Postgres and Redis do, and reuse one copy too.
func TestExport_EmbeddedMode(t *testing.T) {
	t.Parallel()
	ts := startServer(t, map[string]string{
		"CAJA_ADDR":                "127.0.0.1:0",
		"CAJA_DATA_DIR":            t.TempDir(),
		"CAJA_EMBEDDED_REDIS_ADDR": freePort(t),
		"CAJA_JOIN_RATE":           "0",
		"CAJA_ANSWER_RATE":         "0",
	})
	s, doc := exportFixture(t, ts)
	if len(doc.Summary) != 6 || len(doc.Summary[0].Options) != 3 || doc.Summary[0].Options[0].Count != 2 {
		t.Errorf("poll summary: %+v", doc.Summary)
	}
	if avg := doc.Summary[2].Average; avg == nil || *avg != 5.5 {
		t.Errorf("rating summary: %+v", doc.Summary[2])
	}
	for range 5 {
		mustStatus(t, ts.do(t, "GET", exportPath(s, "xlsx"), "", ts.admin(s)...), http.StatusOK)
	}
	if copies := exportCopies(t, ts, s.ID); len(copies) != 1 {
		t.Errorf("copies %v, want one", copies)
	}
}

// TestExport_BusySessionRendersAboutOnceASecond: while the session changes
// all the time, repeated exports reuse a copy begun under a second ago
// rather than rendering each time.
func TestExport_BusySessionRendersAboutOnceASecond(t *testing.T) {
	t.Parallel()
	ts := startServer(t, serverEnv(t))
	s := ts.createSession(t, "Busy")
	eventually(t, 5*time.Second, "first export", func() bool {
		return ts.do(t, "GET", exportPath(s, "json"), "", ts.admin(s)...).Status == http.StatusOK
	})
	stop, done := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(done)
		for i := 0; ; i++ {
			select {
			case <-stop:
				return
			case <-time.After(10 * time.Millisecond):
			}
			req, _ := http.NewRequest("PATCH", ts.URL+"/api/v1/sessions/"+s.ID, strings.NewReader(`{"name":"Busy `+strconv.Itoa(i)+`"}`))
			req.Header.Set("Content-Type", "application/json")
			req.Header.Set("Authorization", "Bearer "+s.AdminToken)
			if resp, err := http.DefaultClient.Do(req); err == nil {
				resp.Body.Close()
			}
		}
	}()
	start := time.Now()
	seen := map[string]bool{}
	for range 20 {
		mustStatus(t, ts.do(t, "GET", exportPath(s, "csv"), "", ts.admin(s)...), http.StatusOK)
		for _, k := range exportCopies(t, ts, s.ID) {
			seen[k] = true
		}
		time.Sleep(50 * time.Millisecond)
	}
	elapsed := time.Since(start)
	close(stop)
	<-done
	if limit := int(elapsed/time.Second) + 2; len(seen) > limit {
		t.Errorf("20 exports in %v rendered %d copies, want at most %d", elapsed.Round(time.Millisecond), len(seen), limit)
	}
	if n := len(exportCopies(t, ts, s.ID)); n != 1 {
		t.Errorf("%d copies left, want one", n)
	}
}
