package writemodel

import (
	"context"
	"fmt"
	"strings"
	"time"
)

// On Postgres the answer batch's statements take their rows as arrays: one
// statement text whatever the batch's size, so pgx prepares it once per
// connection and Postgres parses and plans it once, where a multi-row
// VALUES list was a new statement for every batch size (and 16
// placeholders a row to rewrite). SQLite keeps the VALUES lists.

// rawContext is the transaction's context for statements sent past GORM.
func (tx *Tx) rawContext() context.Context {
	if ctx := tx.db.Statement.Context; ctx != nil {
		return ctx
	}
	return context.Background()
}

// participantsByTokenPostgres reads the participants with these token
// hashes in one indexed read (= ANY of one bytea[]). It goes past GORM, as
// the batch's writes do: its argument is token hashes, which no log may
// show, and GORM's debug log writes a string argument out.
func (tx *Tx) participantsByTokenPostgres(hashes [][]byte) ([]Participant, error) {
	rows, err := tx.db.Statement.ConnPool.QueryContext(tx.rawContext(),
		"SELECT id::text, session_id::text, nickname, nickname_key, token_hash, kicked_at, created_at FROM participants WHERE token_hash = ANY($1::bytea[])", hashes)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	ps := make([]Participant, 0, len(hashes))
	for rows.Next() {
		var p Participant
		if err := rows.Scan(&p.ID, &p.SessionID, &p.Nickname, &p.NicknameKey, &p.TokenHash, &p.KickedAt, &p.CreatedAt); err != nil {
			return nil, err
		}
		ps = append(ps, p)
	}
	return ps, rows.Err()
}

const insertResponsesPostgres = "INSERT INTO responses (" + responseColumns + `)
SELECT u.id::uuid, u.sid::uuid, u.aid::uuid, u.pid::uuid, u.slot, u.txt, u.norm, u.val, u.correct, u.points,
       u.oids::jsonb, u.ratings::jsonb, u.opoints::jsonb, u.num, u.created, u.updated
  FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::int4[], $6::text[], $7::text[], $8::int4[],
              $9::bool[], $10::int4[], $11::text[], $12::text[], $13::text[], $14::float8[], $15::timestamptz[], $16::timestamptz[])
       WITH ORDINALITY AS u(id, sid, aid, pid, slot, txt, norm, val, correct, points, oids, ratings, opoints, num, created, updated, ord)
 ORDER BY u.ord
ON CONFLICT (activity_id, participant_id, slot) DO NOTHING RETURNING id::text`

// insertResponsesArrays inserts the (sorted) answers in one statement and
// returns the ids of those inserted.
func (tx *Tx) insertResponsesArrays(answers []pendingAnswer) ([]string, error) {
	n := len(answers)
	ids, sids, aids, pids := make([]string, n), make([]string, n), make([]string, n), make([]string, n)
	slots, points := make([]int32, n), make([]int32, n)
	texts, norms, oids, ratings, opoints := make([]*string, n), make([]*string, n), make([]*string, n), make([]*string, n), make([]*string, n)
	values, corrects, nums := make([]*int32, n), make([]*bool, n), make([]*float64, n)
	created, updated := make([]time.Time, n), make([]time.Time, n)
	for i, a := range answers {
		r := &a.Response
		r.OptionIDs = OptionsJSON(a.OptionIDs)
		ids[i], sids[i], aids[i], pids[i] = r.ID, r.SessionID, r.ActivityID, r.ParticipantID
		slots[i], points[i] = int32(r.Slot), int32(r.Points)
		texts[i], norms[i], oids[i], ratings[i], opoints[i] = r.Text, r.Normalized, r.OptionIDs, r.Ratings, r.OptionPoints
		if r.Value != nil {
			v := int32(*r.Value)
			values[i] = &v
		}
		corrects[i], nums[i] = r.Correct, r.NumberValue
		created[i], updated[i] = r.CreatedAt, r.UpdatedAt
	}
	rows, err := tx.db.Statement.ConnPool.QueryContext(tx.rawContext(), insertResponsesPostgres,
		ids, sids, aids, pids, slots, texts, norms, values, corrects, points, oids, ratings, opoints, nums, created, updated)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	inserted := make([]string, 0, n)
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		inserted = append(inserted, id)
	}
	return inserted, rows.Err()
}

// publishArrays writes outbox rows in one statement of arrays (Postgres).
func (tx *Tx) publishArrays(rows []outboxRow, withActivity, withQuestion, withMany bool) error {
	n := len(rows)
	sids, topics := make([]string, n), make([]string, n)
	pids, aids, qids, many := make([]*string, n), make([]*string, n), make([]*string, n), make([]*string, n)
	for i := range rows {
		r := &rows[i]
		sids[i], topics[i] = r.SessionID, r.Topic
		pids[i], aids[i], qids[i] = nullableText(r.ParticipantID), nullableText(r.ActivityID), nullableText(r.QuestionID)
		many[i] = nullableText(strings.Join(r.ParticipantIDs, ","))
	}
	cols, sel := "session_id, participant_id", "u.sid::uuid, u.pid::uuid"
	args := []any{sids, pids}
	arrays, names := "$1::text[], $2::text[]", "sid, pid"
	if withActivity {
		cols, sel, args = cols+", activity_id", sel+", u.aid::uuid", append(args, aids)
		arrays, names = arrays+fmt.Sprintf(", $%d::text[]", len(args)), names+", aid"
	}
	if withQuestion {
		cols, sel, args = cols+", question_id", sel+", u.qid::uuid", append(args, qids)
		arrays, names = arrays+fmt.Sprintf(", $%d::text[]", len(args)), names+", qid"
	}
	if withMany {
		cols, sel, args = cols+", participant_ids", sel+", u.many", append(args, many)
		arrays, names = arrays+fmt.Sprintf(", $%d::text[]", len(args)), names+", many"
	}
	args = append(args, topics)
	arrays, names = arrays+fmt.Sprintf(", $%d::text[]", len(args)), names+", topic"
	q := "INSERT INTO outbox (" + cols + ", topic) SELECT " + sel + ", u.topic FROM unnest(" + arrays + ") WITH ORDINALITY AS u(" + names + ", ord) ORDER BY u.ord"
	if _, err := tx.db.Statement.ConnPool.ExecContext(tx.rawContext(), q, args...); err != nil {
		return err
	}
	return nil
}

// nullableText is nil for an empty id.
func nullableText(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}
