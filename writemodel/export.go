package writemodel

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"gorm.io/gorm"

	"github.com/cajalive/caja"
)

// ExportSink receives an export row by row: every answer, then every
// question, then every summary line.
type ExportSink interface {
	Answer(caja.ExportRow) error
	Question(caja.ExportQuestion) error
	Summary(caja.ExportSummary) error
}

// exportTopWords is how many words a word cloud's summary lists.
const exportTopWords = 10

// ExportRows reads every answer of a session, in activity order.
func (s *Store) ExportRows(ctx context.Context, sessionID string) ([]caja.ExportRow, error) {
	var c collector
	if err := s.StreamExport(ctx, sessionID, &c); err != nil {
		return nil, err
	}
	return c.doc.Answers, nil
}

// collector keeps an export in memory.
type collector struct{ doc caja.ExportDocument }

func (c *collector) Answer(r caja.ExportRow) error {
	c.doc.Answers = append(c.doc.Answers, r)
	return nil
}
func (c *collector) Question(q caja.ExportQuestion) error {
	c.doc.Questions = append(c.doc.Questions, q)
	return nil
}
func (c *collector) Summary(s caja.ExportSummary) error {
	c.doc.Summary = append(c.doc.Summary, s)
	return nil
}

// ReadExport reads a session's whole export into memory (for tests and
// small sessions; the projector streams).
func (s *Store) ReadExport(ctx context.Context, sessionID string) (*caja.ExportDocument, error) {
	var c collector
	if err := s.StreamExport(ctx, sessionID, &c); err != nil {
		return nil, err
	}
	return &c.doc, nil
}

// StreamExport hands a session's export to sink row by row, so that rows are
// never all in memory at once; an error from sink stops the export and is
// returned as is.
func (s *Store) StreamExport(ctx context.Context, sessionID string, sink ExportSink) error {
	db := s.db.Projection.WithContext(ctx)
	var options []ActivityOption
	err := db.Where("activity_id IN (SELECT id FROM activities WHERE session_id = ?)", sessionID).Order("position").Find(&options).Error
	if err != nil {
		return classify(fmt.Errorf("export options: %w", err))
	}
	if err := streamAnswers(db, sessionID, options, sink); err != nil {
		return err
	}
	if err := streamQuestions(db, sessionID, sink); err != nil {
		return err
	}
	return streamSummary(db, sessionID, options, sink)
}

// eachRow scans the rows of a query one at a time into a fresh T.
func eachRow[T any](db *gorm.DB, what, query string, args []any, fn func(*T) error) error {
	rows, err := db.Raw(query, args...).Rows()
	if err != nil {
		return classify(fmt.Errorf("export %s: %w", what, err))
	}
	defer rows.Close()
	for rows.Next() {
		var r T
		if err := db.ScanRows(rows, &r); err != nil {
			return classify(fmt.Errorf("export %s: %w", what, err))
		}
		if err := fn(&r); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return classify(fmt.Errorf("export %s: %w", what, err))
	}
	return nil
}

// scanEach scans the rows of a query one at a time into dest, calling fn
// after each.
func scanEach(db *gorm.DB, what, query string, args, dest []any, fn func() error) error {
	rows, err := db.Raw(query, args...).Rows()
	if err != nil {
		return classify(fmt.Errorf("export %s: %w", what, err))
	}
	defer rows.Close()
	for rows.Next() {
		if err := rows.Scan(dest...); err != nil {
			return classify(fmt.Errorf("export %s: %w", what, err))
		}
		if err := fn(); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return classify(fmt.Errorf("export %s: %w", what, err))
	}
	return nil
}

func streamAnswers(db *gorm.DB, sessionID string, options []ActivityOption, sink ExportSink) error {
	optionAt := make(map[string]int, len(options))
	for i, o := range options {
		optionAt[o.ID] = i
	}
	// An answer's choices, in the options' order.
	choices := func(idsJSON *string) (string, error) {
		if idsJSON == nil {
			return "", nil
		}
		var ids []string
		if err := json.Unmarshal([]byte(*idsJSON), &ids); err != nil {
			return "", fmt.Errorf("export choices: %w", err)
		}
		at := make([]int, 0, len(ids))
		for _, id := range ids {
			if i, ok := optionAt[id]; ok {
				at = append(at, i)
			}
		}
		slices.Sort(at)
		labels := make([]string, len(at))
		for k, i := range at {
			labels[k] = options[i].Label
		}
		return strings.Join(labels, "; "), nil
	}
	// Scanned column by column: gorm's ScanRows reflects on every row,
	// which is most of the time of a large export.
	var (
		title, typ, nickname string
		text                 *string
		value                *int
		correct              *bool
		points               int
		optionIDs            *string
		ratings, optPoints   *string
		number               *float64
		updatedAt            time.Time
	)
	err := scanEach(db, "answers", `
SELECT a.title, a.type, p.nickname, r.text, r.value, r.correct, r.points, CAST(r.option_ids AS text) AS option_ids,
  CAST(r.ratings AS text) AS ratings, CAST(r.option_points AS text) AS option_points, r.number_value, r.updated_at
FROM responses r
JOIN activities a ON a.id = r.activity_id
JOIN participants p ON p.id = r.participant_id
WHERE r.session_id = ?
ORDER BY a.position, a.created_at, r.updated_at, r.id`, []any{sessionID},
		[]any{&title, &typ, &nickname, &text, &value, &correct, &points, &optionIDs, &ratings, &optPoints, &number, &updatedAt}, func() error {
			row := caja.ExportRow{Activity: title, Type: typ, Nickname: nickname, Correct: correct, AnsweredAt: updatedAt.UTC()}
			answer, isType, err := typeAnswer(typ, optionIDs, ratings, optPoints, number, options, optionAt)
			if err != nil {
				return err
			}
			switch {
			case isType:
				row.Answer = answer
			case text != nil:
				row.Answer = *text
			case value != nil:
				row.Answer = strconv.Itoa(*value)
			default:
				var err error
				if row.Answer, err = choices(optionIDs); err != nil {
					return err
				}
			}
			if typ == TypeQuiz || correct != nil { // quizzes and numeric quizzes
				pts := points
				row.Score = &pts
			}
			return sink.Answer(row)
		})
	if err != nil {
		return err
	}
	// Q&A questions stay among the answers too, as they always were.
	type asked struct {
		Title, Nickname, Text string
		Position              int
		CreatedAt             time.Time
	}
	return eachRow(db, "questions", `
SELECT a.title, a.position, p.nickname, q.text, q.created_at
FROM questions q JOIN activities a ON a.id = q.activity_id JOIN participants p ON p.id = q.participant_id
WHERE q.session_id = ? ORDER BY a.position, q.created_at, q.id`, []any{sessionID}, func(q *asked) error {
		return sink.Answer(caja.ExportRow{Activity: q.Title, Type: TypeQnA, Nickname: q.Nickname, Answer: q.Text, AnsweredAt: q.CreatedAt.UTC()})
	})
}

func streamQuestions(db *gorm.DB, sessionID string, sink ExportSink) error {
	type question struct {
		Title, Nickname, Text, Status string
		Position, Upvotes             int
		Pinned                        bool
		CreatedAt                     time.Time
	}
	return eachRow(db, "questions", `
SELECT a.title, a.position, p.nickname, q.text, q.status, q.pinned, q.created_at,
  (SELECT COUNT(*) FROM question_upvotes u WHERE u.question_id = q.id) AS upvotes
FROM questions q JOIN activities a ON a.id = q.activity_id JOIN participants p ON p.id = q.participant_id
WHERE q.session_id = ? ORDER BY a.position, q.created_at, q.id`, []any{sessionID}, func(q *question) error {
		return sink.Question(caja.ExportQuestion{Activity: q.Title, Question: q.Text, Nickname: q.Nickname, Upvotes: q.Upvotes, Status: q.Status, Pinned: q.Pinned, AskedAt: q.CreatedAt.UTC()})
	})
}

// streamSummary reads the results from result_tallies (a few rows per
// activity, however many answers) and Q&A counts from questions.
func streamSummary(db *gorm.DB, sessionID string, options []ActivityOption, sink ExportSink) error {
	var acts []Activity
	if err := db.Where("session_id = ?", sessionID).Order("position, created_at").Find(&acts).Error; err != nil {
		return classify(fmt.Errorf("export activities: %w", err))
	}
	var tallies []struct {
		ActivityID, Kind, Key string
		N                     int64
	}
	err := db.Raw(`
SELECT t.activity_id, t.kind, t.key, CAST(SUM(t.n) AS bigint) AS n
FROM result_tallies t JOIN activities a ON a.id = t.activity_id
WHERE a.session_id = ? AND t.kind IN ('total', 'option', 'value', 'points', 'scale')
GROUP BY t.activity_id, t.kind, t.key`, sessionID).Find(&tallies).Error
	if err != nil {
		return classify(fmt.Errorf("export tallies: %w", err))
	}
	var asked []struct {
		ActivityID string
		N          int64
	}
	if err := db.Raw(`SELECT activity_id, COUNT(*) AS n FROM questions WHERE session_id = ? GROUP BY activity_id`, sessionID).Find(&asked).Error; err != nil {
		return classify(fmt.Errorf("export question counts: %w", err))
	}
	var reacted []struct {
		ActivityID, Emoji string
		N                 int64
	}
	if err := db.Raw(`
SELECT r.activity_id, r.emoji, CAST(SUM(r.n) AS bigint) AS n
FROM reaction_tallies r JOIN activities a ON a.id = r.activity_id
WHERE a.session_id = ? GROUP BY r.activity_id, r.emoji`, sessionID).Find(&reacted).Error; err != nil {
		return classify(fmt.Errorf("export reactions: %w", err))
	}
	reactions := map[string]map[string]int{}
	for _, r := range reacted {
		if reactions[r.ActivityID] == nil {
			reactions[r.ActivityID] = map[string]int{}
		}
		reactions[r.ActivityID][r.Emoji] = int(r.N)
	}
	total := map[string]int{}
	optionCount := map[string]int{}
	type sum struct{ weighted, n float64 }
	values := map[string]*sum{}
	var extra typeTallies
	for _, t := range tallies {
		switch t.Kind {
		case "points", "scale":
			extra.add(t.Kind, t.Key, t.N)
		case "total":
			total[t.ActivityID] = int(t.N)
		case "option":
			optionCount[t.Key] = int(t.N)
		case "value":
			var v float64
			if _, err := fmt.Sscan(t.Key, &v); err != nil || t.N <= 0 {
				continue
			}
			s := values[t.ActivityID]
			if s == nil {
				s = &sum{}
				values[t.ActivityID] = s
			}
			s.weighted += v * float64(t.N)
			s.n += float64(t.N)
		}
	}
	for _, q := range asked {
		total[q.ActivityID] = int(q.N)
	}
	optionsOf := map[string][]ActivityOption{}
	for _, o := range options {
		optionsOf[o.ActivityID] = append(optionsOf[o.ActivityID], o)
	}
	for _, a := range acts {
		line := caja.ExportSummary{Activity: a.Title, Type: a.Type, Status: a.Status, Responses: total[a.ID], Reactions: reactions[a.ID], ImageID: a.ImageID}
		switch a.Type {
		case TypePoll, TypeQuiz:
			line.Options = make([]caja.ExportOptionCount, 0, len(optionsOf[a.ID]))
			for _, o := range optionsOf[a.ID] {
				c := caja.ExportOptionCount{Label: o.Label, Count: optionCount[o.ID], ImageID: o.ImageID}
				if a.Type == TypeQuiz {
					correct := o.Correct
					c.Correct = &correct
				}
				line.Options = append(line.Options, c)
			}
		case TypeRating:
			if s := values[a.ID]; s != nil && s.n > 0 {
				avg := math.Round(s.weighted/s.n*100) / 100
				line.Average = &avg
			}
		case TypeRanking, TypeScales, TypePoints, TypeNumeric:
			if err := extra.summarize(db, &a, optionsOf[a.ID], &line); err != nil {
				return err
			}
		case TypeWordCloud:
			err := db.Raw(`
SELECT key AS word, CAST(SUM(n) AS bigint) AS count FROM result_tallies
WHERE activity_id = ? AND kind = 'word' GROUP BY key HAVING SUM(n) > 0
ORDER BY count DESC, key LIMIT ?`, a.ID, exportTopWords).Find(&line.Words).Error
			if err != nil {
				return classify(fmt.Errorf("export words: %w", err))
			}
		}
		if err := sink.Summary(line); err != nil {
			return err
		}
	}
	return nil
}
