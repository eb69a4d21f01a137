package writemodel

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
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
	// ID is one entry of the word (the organizer hides the word by it);
	// Hidden: the organizer hid the word.
	ID     string
	Hidden bool
	// Approved: the organizer approved the word (it shows even when held).
	Approved bool
}

// TextAnswer is one open-text answer.
type TextAnswer struct {
	ID        string
	Text      string
	UpdatedAt time.Time
	Hidden    bool
	// Approved: the organizer approved (or showed again) the answer.
	Approved bool
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
	// Sums (ranking, points), Scales and Numeric: the results of the
	// types of issue 17 (loadTypeData).
	Sums    []OptionSum
	Scales  []ScaleCount
	Numeric *NumericStats
	// Questions are the top TopQuestions of a Q&A (pinned first, then by
	// upvotes, then oldest), PublicQuestions the top visible to the
	// audience (approved and answered); QuestionCounts counts every
	// question by status.
	Questions       []QuestionRow
	PublicQuestions []QuestionRow
	QuestionCounts  map[string]int
	// Reactions are the activity's reactions (loadReactions).
	Reactions *Reactions
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
	err := s.db.Projection.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
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
		revealed := Scored(a) && a.ResultsVisible
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
JOIN activities a ON a.id = r.activity_id AND a.type IN ('quiz', 'numeric') AND a.results_visible
WHERE r.session_id = ? AND r.correct IS NOT NULL
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
