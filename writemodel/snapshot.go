package writemodel

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"gorm.io/gorm"

	"github.com/cajalive/caja"
)

// SnapshotRequest says what to read for one session. Activities and
// Participants narrow the expensive parts to what a batch touched; All reads
// everything (a rebuild or repair).
type SnapshotRequest struct {
	SessionID    string
	All          bool
	Activities   []string
	Participants []string
	// Structural changes (activity edits, reveals) re-render every
	// participant's document, since scores may change.
	Structural bool
	// SessionChanged: the session row changed. RosterChanged: someone
	// joined or was kicked.
	SessionChanged bool
	RosterChanged  bool
	// ChangedParticipants are the participants whose own row changed
	// (joined, kicked): they are read again even when Previous knows them.
	ChangedParticipants []string
	// Questions are the Q&A questions the batch changed (asked, moderated,
	// upvoted): their documents in the paged list are re-read; All re-reads
	// every question of every Q&A.
	Questions []string
	// Previous is the last snapshot of this session, if the caller kept
	// one: whatever this request's changes cannot have touched is taken
	// from it instead of being read again (an answer changes neither the
	// session, nor its activities, nor who is in it). Every change comes
	// with its own outbox row and flags, so nothing stale outlives the batch
	// that brings its change.
	Previous *Snapshot
}

// OptionCount is the number of responses that chose an option.
type OptionCount struct {
	OptionID string
	Count    int
}

// WordCount is how often a normalised word-cloud entry was sent.
type WordCount struct {
	Text  string
	Count int
}

// TextAnswer is one open-text answer.
type TextAnswer struct {
	ID        string
	Text      string
	UpdatedAt time.Time
}

// ValueCount is how often a rating value was given.
type ValueCount struct {
	Value int
	Count int
}

// QuestionRow is a question with its upvote count.
type QuestionRow struct {
	Question
	Upvotes int
}

// ActivityData is what results are computed from.
type ActivityData struct {
	Total   int
	Options []OptionCount
	Words   []WordCount
	Texts   []TextAnswer
	Values  []ValueCount
	// Questions are the top TopQuestions of a Q&A (pinned first, then by
	// upvotes, then oldest), PublicQuestions the top visible to the
	// audience (approved and answered); QuestionCounts counts every
	// question by status.
	Questions       []QuestionRow
	PublicQuestions []QuestionRow
	QuestionCounts  map[string]int
}

// TopQuestions bounds the questions a Q&A's views carry; the rest are in
// the paged list.
const TopQuestions = 50

// TopWords bounds the words of a word cloud's results.
const TopWords = 100

// NewestTexts bounds the open-text answers of an activity's results.
const NewestTexts = 200

// maxQuestionsRead bounds a full re-read of one Q&A's questions (a rebuild
// or repair; commands cap a Q&A well below it).
const maxQuestionsRead = 20000

// QuestionChanges are question rows to write into a Q&A's paged list.
// ReplaceAll: Rows are every question, and the list is rebuilt from them.
type QuestionChanges struct {
	ReplaceAll bool
	Rows       []QuestionRow
}

// ScoreRow is a participant's standing over revealed quizzes.
type ScoreRow struct {
	ParticipantID string
	Nickname      string
	Score         int
	Correct       int
}

// AnswerRow is one answer of a participant, for their own document.
type AnswerRow struct {
	ParticipantID string
	ActivityID    string
	Correct       *bool
	Points        int
}

// ParticipantData is what per-participant documents are rendered from.
type ParticipantData struct {
	Participants []Participant // includes kicked ones (to remove them)
	Answers      []AnswerRow
	Questions    map[string][]string // participant -> question ids
	Upvotes      map[string][]string // participant -> upvoted question ids
}

// Snapshot is everything the projector needs to render one session's
// documents, read in one consistent transaction.
type Snapshot struct {
	Session          Session
	Activities       []Activity
	Options          map[string][]ActivityOption
	ParticipantCount int
	Data             map[string]*ActivityData // for the requested activities
	Leaderboard      []ScoreRow
	People           *ParticipantData // nil when no participant documents are needed
	AllParticipants  bool
	// RecentParticipants are the newest participants not kicked, newest
	// first, at most RecentParticipantsLimit: the lobby's names.
	RecentParticipants []RecentParticipant
	// QuestionChanges are, per Q&A activity, the questions to write into
	// its paged list (never taken from a previous snapshot).
	QuestionChanges map[string]*QuestionChanges
	// participants are the session's participant rows read so far, kept
	// for the next batch: an answer changes its participant's answers, not
	// the participant, so a burst of answers reads each participant once.
	// A row that changes comes with an outbox row of its own (a join, a
	// kick), which lists it in ChangedParticipants.
	participants map[string]Participant
}

// RecentParticipant is a name in the lobby.
type RecentParticipant struct {
	ID        string
	Nickname  string
	CreatedAt time.Time
}

// RecentParticipantsLimit bounds the lobby's names.
const RecentParticipantsLimit = 50

// LoadSnapshot reads a session's source rows. A session that does not exist
// comes back as a NotFound error.
func (s *Store) LoadSnapshot(ctx context.Context, req SnapshotRequest) (*Snapshot, error) {
	snap := &Snapshot{Options: map[string][]ActivityOption{}, Data: map[string]*ActivityData{}, QuestionChanges: map[string]*QuestionChanges{}}
	opts := &sql.TxOptions{ReadOnly: true}
	if s.db.Dialect == Postgres {
		opts.Isolation = sql.LevelRepeatableRead
	}
	err := s.db.Gorm.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		return loadSnapshot(tx, req, snap)
	}, opts)
	if err != nil {
		return nil, classify(fmt.Errorf("snapshot %s: %w", req.SessionID, err))
	}
	return snap, nil
}

func loadSnapshot(tx *gorm.DB, req SnapshotRequest, snap *Snapshot) error {
	prev := req.Previous
	if req.All {
		prev = nil
	}
	if prev != nil && !req.SessionChanged {
		snap.Session = prev.Session
	} else {
		err := tx.Where("id = ?", req.SessionID).Take(&snap.Session).Error
		if errors.Is(err, gorm.ErrRecordNotFound) {
			return caja.Errorf(caja.NotFound, "session not found")
		}
		if err != nil {
			return fmt.Errorf("load session: %w", err)
		}
	}
	if prev != nil && !req.Structural {
		snap.Activities, snap.Options = prev.Activities, prev.Options
	} else if err := loadActivities(tx, req.SessionID, snap); err != nil {
		return err
	}
	if prev != nil && !req.RosterChanged {
		snap.ParticipantCount, snap.RecentParticipants = prev.ParticipantCount, prev.RecentParticipants
	} else {
		// Kept by the database with every join and kick (migration 00007):
		// a few rows, where counting the participants grew with the room.
		var count struct{ N int64 }
		if err := tx.Raw("SELECT COALESCE(CAST(SUM(participants) AS bigint), 0) AS n FROM session_tallies WHERE session_id = ?", req.SessionID).Find(&count).Error; err != nil {
			return fmt.Errorf("count participants: %w", err)
		}
		snap.ParticipantCount = int(count.N)
		// The newest few, by index (migration 00008), only when someone
		// joined or was kicked.
		if err := tx.Raw("SELECT id, nickname, created_at FROM participants WHERE session_id = ? AND kicked_at IS NULL ORDER BY created_at DESC, id DESC LIMIT ?",
			req.SessionID, RecentParticipantsLimit).Find(&snap.RecentParticipants).Error; err != nil {
			return fmt.Errorf("recent participants: %w", err)
		}
	}

	touched := map[string]bool{}
	for _, id := range req.Activities {
		touched[id] = true
	}
	current := ""
	if c := snap.Session.CurrentActivityID; c != nil {
		current = *c
	}
	revealedQuiz, touchedRevealed := false, false
	for i := range snap.Activities {
		a := &snap.Activities[i]
		revealed := a.Type == TypeQuiz && a.ResultsVisible
		revealedQuiz = revealedQuiz || revealed
		touchedRevealed = touchedRevealed || (revealed && touched[a.ID])
		if !req.All && !touched[a.ID] && a.ID != current {
			continue
		}
		// The current activity's results are on every screen; untouched,
		// they are what the previous snapshot read.
		if d, ok := prev.data(a.ID); ok && !touched[a.ID] && !req.Structural {
			snap.Data[a.ID] = d
			continue
		}
		d, err := loadActivityData(tx, a)
		if err != nil {
			return err
		}
		snap.Data[a.ID] = d
	}
	if err := loadQuestionChanges(tx, req, snap); err != nil {
		return err
	}
	if revealedQuiz && prev != nil && !req.Structural && !req.RosterChanged && !touchedRevealed {
		snap.Leaderboard = prev.Leaderboard
	} else if revealedQuiz {
		if err := tx.Raw(`
SELECT p.id AS participant_id, p.nickname, SUM(r.points) AS score,
       SUM(CASE WHEN r.correct THEN 1 ELSE 0 END) AS correct
FROM responses r
JOIN participants p ON p.id = r.participant_id AND p.kicked_at IS NULL
JOIN activities a ON a.id = r.activity_id AND a.type = 'quiz' AND a.results_visible
WHERE r.session_id = ?
GROUP BY p.id, p.nickname, p.created_at
ORDER BY score DESC, p.created_at ASC`, req.SessionID).Find(&snap.Leaderboard).Error; err != nil {
			return fmt.Errorf("leaderboard: %w", err)
		}
	}

	// Participants' own documents and their lines in the organizer's list
	// are re-rendered for the participants a batch touched (joined, kicked,
	// answered), or for everyone after a structural change: a join storm
	// costs each batch its new participants, not the whole room.
	all := req.All || req.Structural
	if prev != nil {
		snap.participants = prev.participants
	}
	if !all && len(req.Participants) == 0 {
		return nil
	}
	snap.AllParticipants = all
	people, err := loadParticipantData(tx, req, all, snap)
	if err != nil {
		return err
	}
	snap.People = people
	return nil
}

func loadActivities(tx *gorm.DB, sessionID string, snap *Snapshot) error {
	if err := tx.Where("session_id = ?", sessionID).Order("position, created_at").Find(&snap.Activities).Error; err != nil {
		return fmt.Errorf("load activities: %w", err)
	}
	var opts []ActivityOption
	if err := tx.Where("activity_id IN (SELECT id FROM activities WHERE session_id = ?)", sessionID).Order("activity_id, position").Find(&opts).Error; err != nil {
		return fmt.Errorf("load options: %w", err)
	}
	for _, o := range opts {
		snap.Options[o.ActivityID] = append(snap.Options[o.ActivityID], o)
	}
	return nil
}

// data returns an activity's data from a previous snapshot, if it has it.
func (s *Snapshot) data(activityID string) (*ActivityData, bool) {
	if s == nil {
		return nil, false
	}
	d, ok := s.Data[activityID]
	return d, ok
}

// Reusable is the snapshot without its per-participant part, to be passed
// as the next request's Previous.
func (s *Snapshot) Reusable() *Snapshot {
	c := *s
	c.People, c.AllParticipants, c.QuestionChanges = nil, false, nil
	return &c
}

// totalColumn adds the number of responses to every row of a results
// query, so that results and total come in one round trip (no rows: no
// responses).
const totalColumn = "COALESCE((SELECT CAST(SUM(n) AS bigint) FROM result_tallies t WHERE t.activity_id = ? AND t.kind = 'total'), 0) AS total"

// Results come from result_tallies, which the database keeps in step with
// the answers (migration 00004): a batch reads a few rows per activity
// however large the audience. A count is the sum of its shards; one that
// fell to zero is no result.
func loadActivityData(tx *gorm.DB, a *Activity) (*ActivityData, error) {
	d := &ActivityData{}
	var err error
	switch a.Type {
	case TypePoll, TypeQuiz:
		d.Options, d.Total, err = withTotal[OptionCount](tx, "SELECT key AS option_id, CAST(SUM(n) AS bigint) AS count, "+totalColumn+" FROM result_tallies WHERE activity_id = ? AND kind = 'option' GROUP BY key HAVING SUM(n) > 0", a.ID)
	case TypeWordCloud:
		d.Words, d.Total, err = withTotal[WordCount](tx, "SELECT key AS text, CAST(SUM(n) AS bigint) AS count, "+totalColumn+" FROM result_tallies WHERE activity_id = ? AND kind = 'word' GROUP BY key HAVING SUM(n) > 0 ORDER BY count DESC, key LIMIT "+strconv.Itoa(TopWords), a.ID)
	case TypeOpenText:
		d.Texts, d.Total, err = withTotal[TextAnswer](tx, "SELECT id, text, updated_at, "+totalColumn+" FROM responses WHERE activity_id = ? ORDER BY updated_at DESC, id LIMIT "+strconv.Itoa(NewestTexts), a.ID)
	case TypeRating:
		d.Values, d.Total, err = withTotal[ValueCount](tx, "SELECT CAST(key AS integer) AS value, CAST(SUM(n) AS bigint) AS count, "+totalColumn+" FROM result_tallies WHERE activity_id = ? AND kind = 'value' GROUP BY key HAVING SUM(n) > 0", a.ID)
	case TypeQnA:
		err = loadTopQuestions(tx, a.ID, d)
	}
	if err != nil {
		return nil, fmt.Errorf("results of %s: %w", a.ID, err)
	}
	return d, nil
}

// questionRank is the views' order of questions, which the questions_rank
// and questions_public_rank indexes (migration 00009) follow.
const questionRank = " ORDER BY pinned DESC, upvotes DESC, created_at, id"

// loadTopQuestions reads a Q&A's top questions (all, and those the audience
// sees) from the ranked indexes, and its count per status: three bounded
// reads, however many questions it has.
func loadTopQuestions(tx *gorm.DB, activityID string, d *ActivityData) error {
	top := "SELECT * FROM questions WHERE activity_id = ?"
	if err := tx.Raw(top+questionRank+" LIMIT ?", activityID, TopQuestions).Find(&d.Questions).Error; err != nil {
		return err
	}
	if err := tx.Raw(top+" AND status IN ('approved', 'answered')"+questionRank+" LIMIT ?", activityID, TopQuestions).Find(&d.PublicQuestions).Error; err != nil {
		return err
	}
	var counts []struct {
		Status string
		N      int
	}
	if err := tx.Raw("SELECT status, COUNT(*) AS n FROM questions WHERE activity_id = ? GROUP BY status", activityID).Find(&counts).Error; err != nil {
		return err
	}
	d.QuestionCounts = map[string]int{QuestionPending: 0, QuestionApproved: 0, QuestionHidden: 0, QuestionAnswered: 0}
	for _, c := range counts {
		d.QuestionCounts[c.Status] = c.N
	}
	return nil
}

// loadQuestionChanges reads the questions whose documents the paged lists
// need: the batch's changed questions by id, or, for a full projection,
// every question of every Q&A (bounded by the commands' cap).
func loadQuestionChanges(tx *gorm.DB, req SnapshotRequest, snap *Snapshot) error {
	if req.All {
		for i := range snap.Activities {
			a := &snap.Activities[i]
			if a.Type != TypeQnA {
				continue
			}
			c := &QuestionChanges{ReplaceAll: true}
			if err := tx.Raw("SELECT * FROM questions WHERE activity_id = ?"+questionRank+" LIMIT ?", a.ID, maxQuestionsRead).Find(&c.Rows).Error; err != nil {
				return fmt.Errorf("questions of %s: %w", a.ID, err)
			}
			snap.QuestionChanges[a.ID] = c
		}
		return nil
	}
	if len(req.Questions) == 0 {
		return nil
	}
	var rows []QuestionRow
	if err := tx.Raw("SELECT * FROM questions WHERE id IN ? AND session_id = ?", req.Questions, req.SessionID).Find(&rows).Error; err != nil {
		return fmt.Errorf("changed questions: %w", err)
	}
	for _, r := range rows {
		c := snap.QuestionChanges[r.ActivityID]
		if c == nil {
			c = &QuestionChanges{}
			snap.QuestionChanges[r.ActivityID] = c
		}
		c.Rows = append(c.Rows, r)
	}
	return nil
}

// withTotal runs a results query whose every row also carries the
// activity's total (totalColumn, then the activity's id).
func withTotal[T any](tx *gorm.DB, query, activityID string) ([]T, int, error) {
	var rows []struct {
		Row   T `gorm:"embedded"`
		Total int
	}
	if err := tx.Raw(query, activityID, activityID).Find(&rows).Error; err != nil {
		return nil, 0, err
	}
	var out []T
	total := 0
	for _, r := range rows {
		out, total = append(out, r.Row), r.Total
	}
	return out, total, nil
}

// batchParticipants puts the batch's participants in pd, reading by id
// (each with its own index lookup, whatever the statistics say) only those
// the previous batches did not read or whose row changed since. The ids
// come from the session's own outbox rows; the participants are still kept
// to the session here.
func batchParticipants(tx *gorm.DB, req SnapshotRequest, snap *Snapshot, pd *ParticipantData) error {
	if snap.participants == nil {
		snap.participants = make(map[string]Participant, len(req.Participants))
	}
	changed := make(map[string]bool, len(req.ChangedParticipants))
	for _, id := range req.ChangedParticipants {
		changed[id] = true
	}
	var missing []string
	for _, id := range req.Participants {
		if _, ok := snap.participants[id]; !ok || changed[id] {
			missing = append(missing, id)
		}
	}
	if len(missing) > 0 {
		var read []Participant
		if err := tx.Where("id IN ?", missing).Find(&read).Error; err != nil {
			return fmt.Errorf("load participants: %w", err)
		}
		for _, id := range missing {
			delete(snap.participants, id) // gone when not read again
		}
		for _, p := range read {
			if p.SessionID == req.SessionID {
				snap.participants[p.ID] = p
			}
		}
	}
	for _, id := range req.Participants {
		if p, ok := snap.participants[id]; ok {
			pd.Participants = append(pd.Participants, p)
		}
	}
	slices.SortFunc(pd.Participants, func(a, b Participant) int {
		return cmp.Or(a.CreatedAt.Compare(b.CreatedAt), strings.Compare(a.ID, b.ID))
	})
	return nil
}

// participantRow is one answer, question or upvote of a participant.
type participantRow struct {
	Kind, ParticipantID, Ref string
	Correct                  *bool
	Points                   int
}

func loadParticipantData(tx *gorm.DB, req SnapshotRequest, all bool, snap *Snapshot) (*ParticipantData, error) {
	sessionID, ids := req.SessionID, req.Participants
	pd := &ParticipantData{Questions: map[string][]string{}, Upvotes: map[string][]string{}}
	if all {
		if err := tx.Where("session_id = ?", sessionID).Order("created_at, id").Find(&pd.Participants).Error; err != nil {
			return nil, fmt.Errorf("load participants: %w", err)
		}
		snap.participants = make(map[string]Participant, len(pd.Participants))
		for _, p := range pd.Participants {
			snap.participants[p.ID] = p
		}
	} else if err := batchParticipants(tx, req, snap, pd); err != nil {
		return nil, err
	}
	// Their answers, questions and upvotes, in one round trip.
	var rows []participantRow
	var err error
	switch {
	case all:
		err = tx.Raw(`
SELECT 'answer' AS kind, participant_id, activity_id AS ref, correct, points, created_at
FROM responses WHERE session_id = ?
UNION ALL
SELECT 'question', participant_id, id, NULL, 0, created_at
FROM questions WHERE session_id = ?
UNION ALL
SELECT 'upvote', u.participant_id, u.question_id, NULL, 0, u.created_at
FROM question_upvotes u JOIN questions q ON q.id = u.question_id WHERE q.session_id = ?
ORDER BY created_at`, sessionID, sessionID, sessionID).Find(&rows).Error
	case tx.Dialector.Name() == string(Postgres):
		// One index lookup per participant, whatever the statistics say.
		// With "participant_id IN (…)" and no statistics yet (a fresh
		// session's burst outruns ANALYZE), Postgres guesses 0.5 % of the
		// table per id: a batch of 50 ids looks like a quarter of the
		// table, and it reads all of it, on every batch. OFFSET 0 keeps
		// each LATERAL subquery a per-id index scan instead of a join the
		// planner may turn back into a scan.
		batch := "{" + strings.Join(ids, ",") + "}"
		err = tx.Raw(`
SELECT 'answer' AS kind, r.participant_id, r.activity_id AS ref, r.correct, r.points, r.created_at
FROM unnest(CAST(? AS uuid[])) AS batch(id),
     LATERAL (SELECT participant_id, activity_id, correct, points, created_at FROM responses WHERE participant_id = batch.id OFFSET 0) r
UNION ALL
SELECT 'question', q.participant_id, q.id, NULL, 0, q.created_at
FROM unnest(CAST(? AS uuid[])) AS batch(id),
     LATERAL (SELECT participant_id, id, created_at FROM questions WHERE participant_id = batch.id OFFSET 0) q
UNION ALL
SELECT 'upvote', u.participant_id, u.question_id, NULL, 0, u.created_at
FROM unnest(CAST(? AS uuid[])) AS batch(id),
     LATERAL (SELECT participant_id, question_id, created_at FROM question_upvotes WHERE participant_id = batch.id OFFSET 0) u
ORDER BY created_at`, batch, batch, batch).Find(&rows).Error
	default: // SQLite picks the participant_id indexes for an IN list
		err = tx.Raw(`
SELECT 'answer' AS kind, participant_id, activity_id AS ref, correct, points, created_at
FROM responses WHERE participant_id IN ?
UNION ALL
SELECT 'question', participant_id, id, NULL, 0, created_at
FROM questions WHERE participant_id IN ?
UNION ALL
SELECT 'upvote', participant_id, question_id, NULL, 0, created_at
FROM question_upvotes WHERE participant_id IN ?
ORDER BY created_at`, ids, ids, ids).Find(&rows).Error
	}
	if err != nil {
		return nil, fmt.Errorf("load answers, questions and upvotes: %w", err)
	}
	for _, r := range rows {
		switch r.Kind {
		case "answer":
			pd.Answers = append(pd.Answers, AnswerRow{ParticipantID: r.ParticipantID, ActivityID: r.Ref, Correct: r.Correct, Points: r.Points})
		case "question":
			pd.Questions[r.ParticipantID] = append(pd.Questions[r.ParticipantID], r.Ref)
		case "upvote":
			pd.Upvotes[r.ParticipantID] = append(pd.Upvotes[r.ParticipantID], r.Ref)
		}
	}
	return pd, nil
}
