package writemodel

import (
	"fmt"
	"strconv"

	"gorm.io/gorm"
)

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
		d.Texts, d.Total, err = withTotal[TextAnswer](tx, "SELECT id, text, updated_at, hidden, approved, "+totalColumn+" FROM responses WHERE activity_id = ? ORDER BY updated_at DESC, id LIMIT "+strconv.Itoa(NewestTexts), a.ID)
	case TypeRating:
		d.Values, d.Total, err = withTotal[ValueCount](tx, "SELECT CAST(key AS integer) AS value, CAST(SUM(n) AS bigint) AS count, "+totalColumn+" FROM result_tallies WHERE activity_id = ? AND kind = 'value' GROUP BY key HAVING SUM(n) > 0", a.ID)
	case TypeQnA:
		err = loadTopQuestions(tx, a.ID, d)
	default:
		err = loadTypeData(tx, a, d)
	}
	if err != nil {
		return nil, fmt.Errorf("results of %s: %w", a.ID, err)
	}
	if a.Type == TypeWordCloud && len(d.Words) > 0 {
		if err := markWords(tx, a.ID, d.Words); err != nil {
			return nil, err
		}
	}
	if d.Reactions, err = loadReactions(tx, a.ID); err != nil {
		return nil, err
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
