package writemodel

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/cajalive/caja"
)

// ExportRows reads every answer of a session, in activity order.
func (s *Store) ExportRows(ctx context.Context, sessionID string) ([]caja.ExportRow, error) {
	db := s.db.Gorm.WithContext(ctx)
	var rows []struct {
		ID, Title, Type, Nickname string
		Position                  int
		Text                      *string
		Value                     *int
		Correct                   *bool
		Points                    int
		OptionIDs                 *string
		UpdatedAt                 time.Time
	}
	err := db.Raw(`
SELECT r.id, a.title, a.type, a.position, p.nickname, r.text, r.value, r.correct, r.points, CAST(r.option_ids AS text) AS option_ids, r.updated_at
FROM responses r
JOIN activities a ON a.id = r.activity_id
JOIN participants p ON p.id = r.participant_id
WHERE r.session_id = ?
ORDER BY a.position, a.created_at, r.updated_at, r.id`, sessionID).Find(&rows).Error
	if err != nil {
		return nil, classify(fmt.Errorf("export answers: %w", err))
	}
	var options []ActivityOption
	err = db.Where("activity_id IN (SELECT id FROM activities WHERE session_id = ?)", sessionID).Order("position").Find(&options).Error
	if err != nil {
		return nil, classify(fmt.Errorf("export options: %w", err))
	}
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
	out := make([]caja.ExportRow, 0, len(rows))
	for _, r := range rows {
		row := caja.ExportRow{Activity: r.Title, Type: r.Type, Nickname: r.Nickname, Correct: r.Correct, AnsweredAt: r.UpdatedAt.UTC()}
		switch {
		case r.Text != nil:
			row.Answer = *r.Text
		case r.Value != nil:
			row.Answer = fmt.Sprint(*r.Value)
		default:
			if row.Answer, err = choices(r.OptionIDs); err != nil {
				return nil, err
			}
		}
		if r.Type == TypeQuiz {
			pts := r.Points
			row.Score = &pts
		}
		out = append(out, row)
	}
	var qs []struct {
		Title, Nickname, Text string
		Position              int
		CreatedAt             time.Time
	}
	err = db.Raw(`
SELECT a.title, a.position, p.nickname, q.text, q.created_at
FROM questions q JOIN activities a ON a.id = q.activity_id JOIN participants p ON p.id = q.participant_id
WHERE q.session_id = ? ORDER BY a.position, q.created_at`, sessionID).Find(&qs).Error
	if err != nil {
		return nil, classify(fmt.Errorf("export questions: %w", err))
	}
	for _, q := range qs {
		out = append(out, caja.ExportRow{Activity: q.Title, Type: TypeQnA, Nickname: q.Nickname, Answer: q.Text, AnsweredAt: q.CreatedAt.UTC()})
	}
	return out, nil
}
