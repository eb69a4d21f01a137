package main

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"
)

// maxViewBytes is the bound of every view of any session.
const maxViewBytes = 256 << 10

func TestQnA_CapsAnswer409(t *testing.T) {
	t.Parallel()
	env := serverEnv(t)
	env["CAJA_QNA_MAX_QUESTIONS"] = "3"
	env["CAJA_QNA_MAX_PER_PARTICIPANT"] = "2"
	ts := startServer(t, env)
	s := ts.createSession(t, "caps")
	a := ts.createActivity(t, s, `{"type":"qna","title":"Ask"}`)
	ts.present(t, s, a.ID)
	ana, bo, cy := ts.join(t, s, "ana"), ts.join(t, s, "bo"), ts.join(t, s, "cy")
	base := "/api/v1/sessions/" + s.ID + "/activities/" + a.ID + "/questions"
	ask := func(p participant) response {
		return ts.do(t, "POST", base, `{"text":"Why?"}`, "Authorization", "Bearer "+p.Token)
	}
	tests := []struct {
		name   string
		who    participant
		want   int
		detail string
	}{
		{"first", ana, http.StatusCreated, ""},
		{"second", ana, http.StatusCreated, ""},
		{"third of one participant", ana, http.StatusConflict, "you have asked the 2 questions a participant may ask here"},
		{"another participant", bo, http.StatusCreated, ""},
		{"past the activity's cap", cy, http.StatusConflict, "this Q&A has reached its 3 questions"},
	}
	for _, tt := range tests {
		r := ask(tt.who)
		if r.Status != tt.want {
			t.Fatalf("%s: status %d, want %d: %s", tt.name, r.Status, tt.want, r.Body)
		}
		if tt.detail == "" {
			continue
		}
		if ct := r.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/problem+json") {
			t.Errorf("%s: Content-Type %q", tt.name, ct)
		}
		if d, _ := r.json(t)["detail"].(string); !strings.Contains(d, tt.detail) {
			t.Errorf("%s: detail %q, want it to say %q", tt.name, d, tt.detail)
		}
	}
	eventually(t, 2*time.Second, "three questions listed", func() bool {
		return ts.do(t, "GET", base, "", ts.admin(s)...).json(t)["total_questions"] == float64(3)
	})
}

func TestQuestions_PagedFromTheReadModel(t *testing.T) {
	t.Parallel()
	ts := startServer(t, serverEnv(t))
	s := ts.createSession(t, "pages")
	a := ts.createActivity(t, s, `{"type":"qna","title":"Ask"}`)
	ts.present(t, s, a.ID)
	base := "/api/v1/sessions/" + s.ID + "/activities/" + a.ID + "/questions"
	var people []participant
	var ids []string
	for i := range 12 {
		p := ts.join(t, s, fmt.Sprintf("p%02d", i))
		people = append(people, p)
		for j := range 10 {
			r := ts.do(t, "POST", base, fmt.Sprintf(`{"text":"question %d of %d"}`, j, i), "Authorization", "Bearer "+p.Token)
			mustStatus(t, r, http.StatusCreated)
			ids = append(ids, r.json(t)["id"].(string))
		}
	}
	// The newest question gets two upvotes, another one; one is pinned and
	// one hidden: the order is pinned, 2, 1, then oldest first.
	mustStatus(t, ts.do(t, "POST", base+"/"+ids[119]+"/upvote", "", "Authorization", "Bearer "+people[0].Token), http.StatusOK)
	mustStatus(t, ts.do(t, "POST", base+"/"+ids[119]+"/upvote", "", "Authorization", "Bearer "+people[1].Token), http.StatusOK)
	mustStatus(t, ts.do(t, "POST", base+"/"+ids[60]+"/upvote", "", "Authorization", "Bearer "+people[0].Token), http.StatusOK)
	// Pinning another question unpins the first, which goes back to its
	// place.
	mustStatus(t, ts.do(t, "PATCH", base+"/"+ids[30], `{"pinned":true}`, ts.admin(s)...), http.StatusOK)
	mustStatus(t, ts.do(t, "PATCH", base+"/"+ids[90], `{"pinned":true}`, ts.admin(s)...), http.StatusOK)
	mustStatus(t, ts.do(t, "PATCH", base+"/"+ids[5], `{"status":"hidden"}`, ts.admin(s)...), http.StatusOK)
	wantAll := append([]string{ids[90], ids[119], ids[60]}, without(ids, ids[90], ids[119], ids[60])...)
	wantPublic := without(wantAll, ids[5])

	tests := []struct {
		name    string
		headers []string
		limit   int
		status  string
		want    []string
	}{
		{"organizer, default pages", ts.admin(s), 0, "", wantAll},
		{"audience, pages of 50", nil, 50, "", wantPublic},
		{"audience, pages of 7", nil, 7, "", wantPublic},
		{"organizer, one page of 200", ts.admin(s), 200, "", wantAll},
		{"organizer, the hidden ones", ts.admin(s), 0, "hidden", []string{ids[5]}},
		{"audience, the approved ones", nil, 30, "approved", wantPublic},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			eventually(t, 3*time.Second, "every page in order", func() bool {
				got = got[:0]
				cursor := ""
				for pages := 0; pages < 200; pages++ {
					q := "?cursor=" + cursor + "&status=" + tt.status
					if tt.limit > 0 {
						q += fmt.Sprintf("&limit=%d", tt.limit)
					}
					r := ts.do(t, "GET", base+q, "", tt.headers...)
					if r.Status != http.StatusOK {
						t.Fatalf("page: %d %s", r.Status, r.Body)
					}
					var page struct {
						Questions []struct {
							ID string `json:"id"`
						} `json:"questions"`
						Total int     `json:"total_questions"`
						Next  *string `json:"next_cursor"`
					}
					if err := json.Unmarshal(r.Body, &page); err != nil {
						t.Fatal(err)
					}
					size := tt.limit
					if size == 0 {
						size = 50
					}
					if len(page.Questions) > size || page.Total != len(tt.want) {
						return false
					}
					for _, q := range page.Questions {
						got = append(got, q.ID)
					}
					if page.Next == nil {
						break
					}
					cursor = *page.Next
				}
				return strings.Join(got, ",") == strings.Join(tt.want, ",")
			})
		})
	}

	if r := ts.do(t, "GET", base+"?status=pending", ""); r.Status != http.StatusUnauthorized {
		t.Errorf("pending questions without the admin token: %d %s", r.Status, r.Body)
	}
	bad := []struct{ query, field string }{
		{"?status=deleted", "status"},
		{"?limit=0", "limit"},
		{"?limit=201", "limit"},
		{"?limit=ten", "limit"},
		{"?cursor=not-a-cursor", "cursor"},
		{"?cursor=" + strings.Repeat("A", 88), "cursor"},
	}
	for _, b := range bad {
		r := ts.do(t, "GET", base+b.query, "")
		if r.Status != http.StatusUnprocessableEntity || !strings.Contains(string(r.Body), `"field":"`+b.field+`"`) {
			t.Errorf("%s: %d %s, want 422 naming %s", b.query, r.Status, r.Body, b.field)
		}
	}
}

func without(ids []string, drop ...string) []string {
	out := make([]string, 0, len(ids))
	for _, id := range ids {
		keep := true
		for _, d := range drop {
			keep = keep && id != d
		}
		if keep {
			out = append(out, id)
		}
	}
	return out
}

// TestViews_LargestSessionStaysUnder256KB builds the largest session the
// limits allow — 2,000 questions of 300 characters that all need escaping,
// polls with 20 options of 200 characters, a word cloud of 5,000 distinct
// 40-character words (4,996), 1,000 open-text answers of 500 characters, 1,000
// participants with 30-character nicknames, one of them having upvoted
// every question — partly through HTTP and in bulk through SQL, and checks
// that every view and list stays within 256 KB.
func TestViews_LargestSessionStaysUnder256KB(t *testing.T) {
	t.Parallel()
	ts := startServer(t, serverEnv(t))
	s := ts.createSession(t, strings.Repeat("S", 200))
	label := func(i int) string { return fmt.Sprintf("%03d", i) + strings.Repeat("<", 197) }
	options := func(correct bool) string {
		var o []string
		for i := range 20 {
			o = append(o, fmt.Sprintf(`{"label":%q,"correct":%v}`, label(i), correct && i == 0))
		}
		return "[" + strings.Join(o, ",") + "]"
	}
	title := strings.Repeat("T", 255)
	poll := ts.createActivity(t, s, `{"type":"poll","title":"`+title+`","options":`+options(false)+`}`)
	quiz := ts.createActivity(t, s, `{"type":"quiz","title":"`+title+`","options":`+options(true)+`,"settings":{"time_limit_s":300}}`)
	cloud := ts.createActivity(t, s, `{"type":"word_cloud","title":"`+title+`","settings":{"max_entries_per_participant":5}}`)
	open := ts.createActivity(t, s, `{"type":"open_text","title":"`+title+`"}`)
	rating := ts.createActivity(t, s, `{"type":"rating","title":"`+title+`","settings":{"min":-50,"max":50}}`)
	qna := ts.createActivity(t, s, `{"type":"qna","title":"`+title+`"}`)
	all := []activity{poll, quiz, cloud, open, rating, qna}
	for _, a := range all {
		ts.patchActivity(t, s, a.ID, `{"status":"open"}`)
	}
	mustStatus(t, ts.do(t, "PATCH", "/api/v1/sessions/"+s.ID, `{"status":"active"}`, ts.admin(s)...), http.StatusOK)

	// Through HTTP: one participant's answers and questions.
	ana := ts.join(t, s, strings.Repeat("a", 30))
	qbase := "/api/v1/sessions/" + s.ID + "/activities/" + qna.ID + "/questions"
	for i := range 10 {
		mustStatus(t, ts.do(t, "POST", qbase, fmt.Sprintf(`{"text":%q}`, fmt.Sprintf("%03d", i)+strings.Repeat("<", 297)), "Authorization", "Bearer "+ana.Token), http.StatusCreated)
	}
	mustStatus(t, ts.answer(t, s, poll.ID, ana, `{"option_ids":["`+poll.Options[0].ID+`"]}`), http.StatusCreated)
	mustStatus(t, ts.answer(t, s, open.ID, ana, fmt.Sprintf(`{"text":%q}`, strings.Repeat("&", 500))), http.StatusCreated)
	mustStatus(t, ts.answer(t, s, cloud.ID, ana, `{"text":"`+strings.Repeat("z", 40)+`"}`), http.StatusCreated)

	// In bulk: everything else.
	db := ts.DB.Gorm
	bulk := []struct {
		what string
		sql  string
		args []any
	}{
		{"participants", `INSERT INTO participants (id, session_id, nickname, nickname_key, token_hash, created_at)
SELECT gen_random_uuid(), ?, 'participant-' || lpad(g::text, 18, '0'), 'participant-' || lpad(g::text, 18, '0'), decode(md5(? || g::text), 'hex'), now() + make_interval(secs => g)
FROM generate_series(1, 999) g`, []any{s.ID, s.ID}},
		{"questions", `INSERT INTO questions (id, session_id, activity_id, participant_id, text, status, pinned, created_at)
SELECT gen_random_uuid(), ?, ?, p.id, lpad(q::text, 3, '0') || repeat('>', 297),
       CASE WHEN q % 10 = 0 THEN 'pending' WHEN q % 10 = 1 THEN 'hidden' WHEN q % 10 = 2 THEN 'answered' ELSE 'approved' END, false, now()
FROM (SELECT id, row_number() OVER (ORDER BY created_at) AS n FROM participants WHERE session_id = ? AND nickname LIKE 'participant-%') p,
     generate_series(1, 10) q
WHERE p.n <= 199`, []any{s.ID, qna.ID, s.ID}},
		{"upvotes", `INSERT INTO question_upvotes (question_id, participant_id, created_at)
SELECT q.id, ?, now() FROM questions q WHERE q.activity_id = ? AND q.participant_id <> ?`, []any{ana.ID, qna.ID, ana.ID}},
		{"words", `INSERT INTO responses (id, session_id, activity_id, participant_id, slot, text, normalized, created_at, updated_at)
SELECT gen_random_uuid(), ?, ?, p.id, k, w, w, now(), now()
FROM (SELECT id, row_number() OVER (ORDER BY created_at) AS n FROM participants WHERE session_id = ? AND nickname LIKE 'participant-%') p,
     generate_series(0, 4) k, LATERAL (SELECT 'w' || lpad((p.n * 5 + k)::text, 39, '0') AS w) x`, []any{s.ID, cloud.ID, s.ID}},
		{"open text", `INSERT INTO responses (id, session_id, activity_id, participant_id, slot, text, created_at, updated_at)
SELECT gen_random_uuid(), ?, ?, id, 0, repeat('"', 500), now(), now() FROM participants WHERE session_id = ? AND nickname LIKE 'participant-%'`, []any{s.ID, open.ID, s.ID}},
		{"quiz answers", `INSERT INTO responses (id, session_id, activity_id, participant_id, slot, option_ids, correct, points, created_at, updated_at)
SELECT gen_random_uuid(), ?, ?, id, 0, CAST(? AS jsonb), true, 1000, now(), now() FROM participants WHERE session_id = ? AND nickname LIKE 'participant-%'`, []any{s.ID, quiz.ID, `["` + quiz.Options[0].ID + `"]`, s.ID}},
	}
	for _, b := range bulk {
		if err := db.Exec(b.sql, b.args...).Error; err != nil {
			t.Fatalf("bulk %s: %v", b.what, err)
		}
	}
	ts.patchActivity(t, s, quiz.ID, `{"status":"closed"}`)
	ts.patchActivity(t, s, quiz.ID, `{"results_visible":true}`)
	// Bulk rows bring no outbox rows: the read model is rebuilt, as after
	// a flush of Redis. (A session this size takes the projector a few
	// seconds under the race detector on a shared machine.)
	if err := ts.Redis.Client.Del(context.Background(), ts.Redis.Keys.Meta()).Err(); err != nil {
		t.Fatal(err)
	}
	eventually(t, 60*time.Second, "the bulk rows projected", func() bool {
		r := ts.do(t, "GET", qbase+"?limit=1", "", ts.admin(s)...)
		return r.Status == http.StatusOK && r.json(t)["total_questions"] == float64(2000)
	})

	check := func(t *testing.T, what string, r response) {
		t.Helper()
		if r.Status != http.StatusOK {
			t.Fatalf("%s: %d %s", what, r.Status, r.Body)
		}
		if len(r.Body) > maxViewBytes {
			t.Errorf("%s is %d bytes, more than %d", what, len(r.Body), maxViewBytes)
		}
		t.Logf("%-40s %7d bytes", what, len(r.Body))
	}
	sid := "/api/v1/sessions/" + s.ID
	admin, phone := ts.admin(s), []string{"Authorization", "Bearer " + ana.Token}
	for i, a := range all {
		t.Run([]string{"poll", "quiz", "word_cloud", "open_text", "rating", "qna"}[i], func(t *testing.T) {
			mustStatus(t, ts.do(t, "PATCH", sid, `{"current_activity_id":"`+a.ID+`"}`, admin...), http.StatusOK)
			eventually(t, 30*time.Second, "on screen", func() bool {
				cur, _ := ts.do(t, "GET", sid+"/state", "").json(t)["current_activity"].(map[string]any)
				return cur != nil && cur["id"] == a.ID
			})
			check(t, "participant view", ts.do(t, "GET", sid+"/state", ""))
			check(t, "display view", ts.do(t, "GET", sid+"/state?view=display&key="+s.DisplayKey, ""))
			check(t, "admin view", ts.do(t, "GET", sid+"/state?view=admin", "", admin...))
			check(t, "activity", ts.do(t, "GET", sid+"/activities/"+a.ID, "", admin...))
			check(t, "results (organizer)", ts.do(t, "GET", sid+"/activities/"+a.ID+"/results", "", admin...))
		})
	}
	check(t, "quiz results (audience)", ts.do(t, "GET", sid+"/activities/"+quiz.ID+"/results", ""))
	check(t, "me", ts.do(t, "GET", sid+"/participants/me", "", phone...))
	check(t, "activities", ts.do(t, "GET", sid+"/activities", "", admin...))
	check(t, "session", ts.do(t, "GET", sid, ""))
	check(t, "leaderboard", ts.do(t, "GET", sid+"/leaderboard?limit=1000", ""))
	check(t, "participants", ts.do(t, "GET", sid+"/participants", "", admin...))
	check(t, "questions, largest page (organizer)", ts.do(t, "GET", qbase+"?limit=200", "", admin...))
	check(t, "questions, largest page (audience)", ts.do(t, "GET", qbase+"?limit=200", ""))

	// The bounds keep the top of each list and the counts of all.
	res := ts.do(t, "GET", sid+"/activities/"+qna.ID+"/results", "", admin...).json(t)
	if n := len(res["questions"].([]any)); n == 0 || n > 50 || res["total_questions"] != float64(2000) {
		t.Errorf("Q&A results: %d questions of %v, want the top (at most 50) of 2000", n, res["total_questions"])
	}
	words := ts.do(t, "GET", sid+"/activities/"+cloud.ID+"/results", "", admin...).json(t)
	if n := len(words["words"].([]any)); n != 100 || words["total_responses"] != float64(4996) {
		t.Errorf("word cloud: %d words of %v answers, want the top 100 of 4996", n, words["total_responses"])
	}
	texts := ts.do(t, "GET", sid+"/activities/"+open.ID+"/results", "", admin...).json(t)
	if n := len(texts["answers"].([]any)); n == 0 || n > 200 || texts["total_responses"] != float64(1000) {
		t.Errorf("open text: %d answers of %v, want the newest (at most 200) of 1000", n, texts["total_responses"])
	}
}

// TestQnA_UpvoteTogglingIsRateLimited: a phone toggling its upvote as fast
// as it can is slowed down (upvotes and their removal share one budget);
// another participant keeps theirs.
func TestQnA_UpvoteTogglingIsRateLimited(t *testing.T) {
	t.Parallel()
	env := serverEnv(t)
	env["CAJA_VOTE_RATE"] = "2"
	ts := startServer(t, env)
	s := ts.createSession(t, "votes")
	a := ts.createActivity(t, s, `{"type":"qna","title":"Ask"}`)
	ts.present(t, s, a.ID)
	ana, bo, cy := ts.join(t, s, "ana"), ts.join(t, s, "bo"), ts.join(t, s, "cy")
	base := "/api/v1/sessions/" + s.ID + "/activities/" + a.ID + "/questions"
	r := ts.do(t, "POST", base, `{"text":"Why?"}`, "Authorization", "Bearer "+ana.Token)
	mustStatus(t, r, http.StatusCreated)
	vote := base + "/" + r.json(t)["id"].(string) + "/upvote"
	limited := 0
	for i := range 10 {
		method := "POST"
		if i%2 == 1 {
			method = "DELETE"
		}
		switch r := ts.do(t, method, vote, "", "Authorization", "Bearer "+bo.Token); r.Status {
		case http.StatusOK:
		case http.StatusTooManyRequests:
			limited++
			if r.Header.Get("Retry-After") == "" {
				t.Errorf("429 without Retry-After: %v", r.Header)
			}
		default:
			t.Fatalf("toggle %d: %d %s", i, r.Status, r.Body)
		}
	}
	if limited == 0 {
		t.Error("10 toggles at once within a 2/s budget: none limited")
	}
	mustStatus(t, ts.do(t, "POST", vote, "", "Authorization", "Bearer "+cy.Token), http.StatusOK)
}

// TestQuestions_PagedInEmbeddedMode: SQLite and the in-process Redis keep
// the same ranked, paged list (its triggers, its Lua scripts).
func TestQuestions_PagedInEmbeddedMode(t *testing.T) {
	t.Parallel()
	ts := startServer(t, map[string]string{
		"CAJA_ADDR":                "127.0.0.1:0",
		"CAJA_DATA_DIR":            t.TempDir(),
		"CAJA_EMBEDDED_REDIS_ADDR": freePort(t),
		"CAJA_QNA_MAX_QUESTIONS":   "3",
	})
	s := ts.createSession(t, "embedded")
	a := ts.createActivity(t, s, `{"type":"qna","title":"Ask"}`)
	ts.present(t, s, a.ID)
	ana, bo := ts.join(t, s, "ana"), ts.join(t, s, "bo")
	base := "/api/v1/sessions/" + s.ID + "/activities/" + a.ID + "/questions"
	var ids []string
	for i := range 3 {
		r := ts.do(t, "POST", base, fmt.Sprintf(`{"text":"q%d"}`, i), "Authorization", "Bearer "+ana.Token)
		mustStatus(t, r, http.StatusCreated)
		ids = append(ids, r.json(t)["id"].(string))
	}
	mustStatus(t, ts.do(t, "POST", base, `{"text":"one more"}`, "Authorization", "Bearer "+bo.Token), http.StatusConflict)
	mustStatus(t, ts.do(t, "POST", base+"/"+ids[2]+"/upvote", "", "Authorization", "Bearer "+bo.Token), http.StatusOK)
	want := []string{ids[2], ids[0], ids[1]}
	eventually(t, 3*time.Second, "two pages in order", func() bool {
		first := ts.do(t, "GET", base+"?limit=2", "").json(t)
		next, _ := first["next_cursor"].(string)
		if next == "" {
			return false
		}
		second := ts.do(t, "GET", base+"?limit=2&cursor="+next, "").json(t)
		var got []string
		for _, page := range []map[string]any{first, second} {
			for _, q := range page["questions"].([]any) {
				got = append(got, q.(map[string]any)["id"].(string))
			}
		}
		return second["next_cursor"] == nil && strings.Join(got, ",") == strings.Join(want, ",")
	})
}
