package readmodel

import (
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strconv"
	"time"

	"github.com/cespare/xxhash/v2"

	"github.com/cajalive/caja"
	"github.com/cajalive/caja/writemodel"
)

// Renderer turns a snapshot of source rows into the JSON documents the API
// serves.
type Renderer struct {
	p *caja.Presenter
}

// NewRenderer returns a Renderer.
func NewRenderer(p *caja.Presenter) *Renderer { return &Renderer{p: p} }

// JoinBaseURL is the base of the join links and QR codes it renders.
func (r *Renderer) JoinBaseURL() string { return r.p.BaseURL() }

// displayLeaderboardSize is how many leaders the projector screen shows.
const displayLeaderboardSize = 10

// storedLeaderboardSize bounds the pre-rendered leaderboard.
const storedLeaderboardSize = 1000

type participantView struct {
	Session          caja.PhoneSession `json:"session"`
	CurrentActivity  *caja.Activity    `json:"current_activity"`
	ParticipantCount int               `json:"participant_count"`
	// MeMarker moves whenever /participants/me of some participant may
	// have changed without that phone acting (a reveal, a kick, a
	// moderated question): phones fetch /me when it differs from the last
	// one they saw instead of polling /me. It carries nothing about any
	// participant.
	MeMarker string `json:"me_marker"`
}

type displayView struct {
	Session            caja.Session        `json:"session"`
	CurrentActivity    *caja.Activity      `json:"current_activity"`
	ParticipantCount   int                 `json:"participant_count"`
	RecentParticipants []RecentParticipant `json:"recent_participants"`
	Leaderboard        []LeaderEntry       `json:"leaderboard"`
	PinnedQuestion     *caja.Question      `json:"pinned_question"`
}

type adminView struct {
	Session            caja.AdminSession   `json:"session"`
	Activities         []caja.Activity     `json:"activities"`
	CurrentActivity    *caja.Activity      `json:"current_activity"`
	ParticipantCount   int                 `json:"participant_count"`
	RecentParticipants []RecentParticipant `json:"recent_participants"`
	Leaderboard        []LeaderEntry       `json:"leaderboard"`
}

// RecentParticipant is a name in the lobby (display and organizer only:
// phones poll the same bytes, which should not grow with joins).
type RecentParticipant struct {
	ID       string    `json:"id"`
	Nickname string    `json:"nickname"`
	JoinedAt time.Time `json:"joined_at"`
}

func recentParticipants(rows []writemodel.RecentParticipant) []RecentParticipant {
	out := make([]RecentParticipant, 0, len(rows))
	for _, r := range rows {
		out = append(out, RecentParticipant{ID: r.ID, Nickname: r.Nickname, JoinedAt: r.CreatedAt.UTC()})
	}
	return out
}

// LeaderEntry is one line of the leaderboard; ties share a rank.
type LeaderEntry struct {
	ParticipantID  string `json:"participant_id"`
	Nickname       string `json:"nickname"`
	Score          int    `json:"score"`
	Rank           int    `json:"rank"`
	CorrectAnswers int    `json:"correct_answers"`
}

// Documents are everything a projection of one session writes.
type Documents struct {
	SessionID string
	JoinCode  string
	Live      bool // the join code maps to this session
	ETag      string
	Fields    []any // session hash: field, value, ...

	Activities          map[string][]any // activity id -> hash fields
	KnownActivityIDs    map[string]bool
	Me                  map[string]string // participant id -> document
	Roster              map[string]string // participant id -> organizer's list line
	ReplaceAllMe        bool              // Me covers every participant
	Tokens              map[string]string // token hash (hex) -> "sid pid"
	RemovedParticipants []string
	RemovedTokens       []string
	Scores              map[string]float64
	// Questions are, per Q&A activity, the question documents to write
	// into its paged list.
	Questions map[string]*QuestionWrites
}

func leaderboard(rows []writemodel.ScoreRow) []LeaderEntry {
	out := make([]LeaderEntry, 0, len(rows))
	for i, r := range rows {
		rank := i + 1
		if i > 0 && r.Score == rows[i-1].Score {
			rank = out[i-1].Rank
		}
		out = append(out, LeaderEntry{ParticipantID: r.ParticipantID, Nickname: r.Nickname, Score: r.Score, Rank: rank, CorrectAnswers: r.Correct})
	}
	return out
}

// meDoc is a participant's own document (rank is added when it is read).
type meDoc struct {
	ID                 string       `json:"id"`
	Nickname           string       `json:"nickname"`
	Score              int          `json:"score"`
	CorrectAnswers     int          `json:"correct_answers"`
	AnsweredActivities []string     `json:"answered_activity_ids"`
	QuestionIDs        []string     `json:"question_ids"`
	UpvotedQuestionIDs []string     `json:"upvoted_question_ids"`
	QuizResults        []quizResult `json:"quiz_results"`
}

type quizResult struct {
	ActivityID string `json:"activity_id"`
	Correct    bool   `json:"correct"`
	Points     int    `json:"points"`
}

// RosterEntry is a line of the organizer's participant list.
type RosterEntry struct {
	ID       string    `json:"id"`
	Nickname string    `json:"nickname"`
	Score    int       `json:"score"`
	JoinedAt time.Time `json:"joined_at"`
}

// Render produces every document of a session that the snapshot covers.
func (r *Renderer) Render(snap *writemodel.Snapshot) (*Documents, error) {
	s := &snap.Session
	session, err := writemodel.SessionOf(r.p, s)
	if err != nil {
		return nil, err
	}
	docs := &Documents{
		SessionID: s.ID, JoinCode: s.JoinCode, Live: s.Status != writemodel.StatusCompleted,
		Activities: map[string][]any{}, KnownActivityIDs: map[string]bool{},
	}

	revealed := map[string]bool{}
	screen := newEntryScreen(s)
	adminList := make([]caja.Activity, 0, len(snap.Activities))
	var current *activityDocs
	for i := range snap.Activities {
		a := &snap.Activities[i]
		docs.KnownActivityIDs[a.ID] = true
		if writemodel.Scored(a) && a.ResultsVisible {
			revealed[a.ID] = true
		}
		opts := snap.Options[a.ID]
		adminList = append(adminList, writemodel.OrganizerActivityOf(a, opts))
		d, ok := snap.Data[a.ID]
		if !ok {
			continue
		}
		ad := renderActivity(a, opts, d, screen)
		if s.CurrentActivityID != nil && *s.CurrentActivityID == a.ID {
			current = &ad
		}
		adminJSON, err := json.Marshal(ad.admin)
		if err != nil {
			return nil, fmt.Errorf("render activity: %w", err)
		}
		docs.Activities[a.ID] = []any{
			"type", a.Type,
			"status", a.Status,
			"results_visible", boolString(a.ResultsVisible),
			"admin_json", adminJSON,
			"results_json", []byte(ad.adminResults),
			"public_results_json", []byte(ad.publicResults),
		}
		if a.Type == writemodel.TypeQnA && noQuestions(d) {
			// An empty list is complete: from here on every question
			// comes with its own outbox row.
			docs.Activities[a.ID] = append(docs.Activities[a.ID], FieldQuestionsIndexed, "1")
		}
	}
	docs.Questions = make(map[string]*QuestionWrites, len(snap.QuestionChanges))
	for aid, c := range snap.QuestionChanges {
		w := &QuestionWrites{ReplaceAll: c.ReplaceAll, Entries: make([]QuestionEntry, 0, len(c.Rows))}
		for i := range c.Rows {
			q := &c.Rows[i]
			doc, err := json.Marshal(writemodel.QuestionOf(&q.Question, q.Upvotes))
			if err != nil {
				return nil, fmt.Errorf("render question: %w", err)
			}
			w.Entries = append(w.Entries, QuestionEntry{ID: q.ID, Member: QuestionMember(q.Pinned, q.Upvotes, q.CreatedAt, q.ID), Public: writemodel.VisibleToAudience(q.Status), Status: q.Status, Doc: doc})
		}
		docs.Questions[aid] = w
	}

	leaders := leaderboard(snap.Leaderboard)
	top := leaders[:min(len(leaders), displayLeaderboardSize)]
	scores := make(map[string]LeaderEntry, len(leaders))
	docs.Scores = make(map[string]float64, len(leaders))
	for _, l := range leaders {
		scores[l.ParticipantID] = l
		docs.Scores[l.ParticipantID] = float64(l.Score)
	}

	pv := participantView{Session: session.Phone(), ParticipantCount: snap.ParticipantCount, MeMarker: meMarker(s)}
	// The organizer's name is theirs to see: the public session document and
	// the projector screen leave it out.
	public := session
	public.AdminID = ""
	recent := recentParticipants(snap.RecentParticipants)
	dv := displayView{Session: public, ParticipantCount: snap.ParticipantCount, RecentParticipants: recent, Leaderboard: top}
	organizer := session
	organizer.Settings.ProfanityWords = writemodel.ProfanityWordsOf(s)
	av := adminView{Session: caja.AdminSession{Session: organizer, DisplayKey: s.DisplayKey}, Activities: adminList, ParticipantCount: snap.ParticipantCount, RecentParticipants: recent, Leaderboard: top}
	if current != nil {
		pv.CurrentActivity = &current.audience
		dv.CurrentActivity = &current.display
		av.CurrentActivity = &current.admin
		for i := range current.publicQuestions {
			if current.publicQuestions[i].Pinned {
				q := current.publicQuestions[i]
				dv.PinnedQuestion = &q
			}
		}
	}

	participantJSON, err := json.Marshal(pv)
	if err != nil {
		return nil, fmt.Errorf("render participant view: %w", err)
	}
	displayJSON, err := json.Marshal(dv)
	if err != nil {
		return nil, fmt.Errorf("render display view: %w", err)
	}
	adminJSON, err := json.Marshal(av)
	if err != nil {
		return nil, fmt.Errorf("render admin view: %w", err)
	}
	sessionJSON, err := json.Marshal(public)
	if err != nil {
		return nil, fmt.Errorf("render session: %w", err)
	}
	activitiesJSON, err := json.Marshal(map[string]any{"activities": adminList})
	if err != nil {
		return nil, fmt.Errorf("render activities: %w", err)
	}
	leaderJSON, err := json.Marshal(leaders[:min(len(leaders), storedLeaderboardSize)])
	if err != nil {
		return nil, fmt.Errorf("render leaderboard: %w", err)
	}
	current_ := ""
	if s.CurrentActivityID != nil {
		current_ = *s.CurrentActivityID
	}
	docs.ETag = ETagOf(participantJSON)
	docs.Fields = []any{
		FieldName, s.Name,
		FieldStatus, s.Status,
		FieldJoinCode, s.JoinCode,
		FieldJoinURL, session.JoinURL,
		FieldCurrentActivityID, current_,
		FieldParticipantCount, strconv.Itoa(snap.ParticipantCount),
		FieldETag, docs.ETag,
		FieldSessionJSON, sessionJSON,
		FieldParticipantJSON, participantJSON,
		FieldDisplayJSON, displayJSON,
		FieldDisplayETag, ETagOf(displayJSON),
		FieldAdminJSON, adminJSON,
		FieldAdminETag, ETagOf(adminJSON),
		FieldAdminTokenHash, hex.EncodeToString(s.AdminTokenHash),
		FieldDisplayKeyHash, caja.HashTokenHex(s.DisplayKey),
		FieldModeratorTokenHash, hex.EncodeToString(s.ModeratorTokenHash),
		FieldActivitiesJSON, activitiesJSON,
		FieldLeaderboardJSON, leaderJSON,
	}
	// Compressed once here, so that a 200 of the polling endpoint encodes
	// nothing per request.
	for _, v := range [...]struct {
		field string
		doc   []byte
	}{{FieldParticipantGzip, participantJSON}, {FieldDisplayGzip, displayJSON}, {FieldAdminGzip, adminJSON}} {
		gz, err := gzipped(v.doc)
		if err != nil {
			return nil, fmt.Errorf("compress %s: %w", v.field, err)
		}
		docs.Fields = append(docs.Fields, v.field, gz)
	}

	if snap.People != nil {
		if err := r.renderPeople(snap, docs, revealed, scores); err != nil {
			return nil, err
		}
	}
	return docs, nil
}

func (r *Renderer) renderPeople(snap *writemodel.Snapshot, docs *Documents, revealed map[string]bool, scores map[string]LeaderEntry) error {
	pd := snap.People
	docs.Me = make(map[string]string, len(pd.Participants))
	docs.Roster = make(map[string]string, len(pd.Participants))
	docs.Tokens = make(map[string]string, len(pd.Participants))
	docs.ReplaceAllMe = snap.AllParticipants
	answers := map[string][]writemodel.AnswerRow{}
	for _, a := range pd.Answers {
		answers[a.ParticipantID] = append(answers[a.ParticipantID], a)
	}
	for i := range pd.Participants {
		p := &pd.Participants[i]
		tokenHex := hex.EncodeToString(p.TokenHash)
		if p.KickedAt != nil {
			docs.RemovedParticipants = append(docs.RemovedParticipants, p.ID)
			docs.RemovedTokens = append(docs.RemovedTokens, tokenHex)
			continue
		}
		me := meDoc{ID: p.ID, Nickname: p.Nickname, AnsweredActivities: []string{}, QuestionIDs: nonNilStrings(pd.Questions[p.ID]), UpvotedQuestionIDs: nonNilStrings(pd.Upvotes[p.ID]), QuizResults: []quizResult{}}
		seen := map[string]bool{}
		for _, a := range answers[p.ID] {
			if !seen[a.ActivityID] {
				seen[a.ActivityID] = true
				me.AnsweredActivities = append(me.AnsweredActivities, a.ActivityID)
			}
			if revealed[a.ActivityID] && a.Correct != nil {
				me.QuizResults = append(me.QuizResults, quizResult{ActivityID: a.ActivityID, Correct: *a.Correct, Points: a.Points})
				me.Score += a.Points
				if *a.Correct {
					me.CorrectAnswers++
				}
			}
		}
		b, err := json.Marshal(me)
		if err != nil {
			return fmt.Errorf("render participant: %w", err)
		}
		docs.Me[p.ID] = string(b)
		line, err := json.Marshal(RosterEntry{ID: p.ID, Nickname: p.Nickname, Score: scores[p.ID].Score, JoinedAt: p.CreatedAt.UTC()})
		if err != nil {
			return fmt.Errorf("render participant: %w", err)
		}
		docs.Roster[p.ID] = string(line)
		docs.Tokens[tokenHex] = snap.Session.ID + " " + p.ID
	}
	return nil
}

func nonNilStrings(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

func boolString(b bool) string {
	if b {
		return "1"
	}
	return "0"
}

// ETagOf is the strong ETag of a document: it changes exactly when the bytes
// change.
func ETagOf(b []byte) string {
	var buf [18]byte
	buf[0] = '"'
	h := xxhash.Sum64(b)
	hex.Encode(buf[1:17], []byte{byte(h >> 56), byte(h >> 48), byte(h >> 40), byte(h >> 32), byte(h >> 24), byte(h >> 16), byte(h >> 8), byte(h)})
	buf[17] = '"'
	return string(buf[:])
}
