package writemodel_test

import (
	"context"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/cajalive/caja/writemodel"
	"github.com/cajalive/caja/writemodel/writemodeltest"
)

// TestStoreAnswers_DuplicatesInAndAcrossBatches: the batch SQL keeps one row
// per (activity, participant, slot) whether the duplicates share a batch or
// come in a later one: a quiz keeps its first answer, a poll's last answer
// replaces the row, word-cloud entries take free slots until none is left.
func TestStoreAnswers_DuplicatesInAndAcrossBatches(t *testing.T) {
	t.Parallel()
	db := writemodeltest.NewDB(t)
	store := writemodel.NewStore(db)
	p := openPoll(t, store, `{}`, "A", "B")
	ana := p.join(t, "ana")
	ctx := context.Background()
	now := time.Now().UTC()
	cloud := &writemodel.Activity{ID: uuid.NewString(), SessionID: p.SessionID, Type: writemodel.TypeWordCloud, Title: "Words", Settings: `{}`,
		Status: writemodel.ActivityOpen, OpenedAt: &now, CreatedAt: now, UpdatedAt: now}
	quiz := &writemodel.Activity{ID: uuid.NewString(), SessionID: p.SessionID, Type: writemodel.TypeQuiz, Title: "Quiz", Settings: `{}`,
		Status: writemodel.ActivityOpen, OpenedAt: &now, CreatedAt: now, UpdatedAt: now}
	if err := store.Transact(ctx, func(tx *writemodel.Tx) error {
		if err := tx.InsertActivity(quiz, nil); err != nil {
			return err
		}
		return tx.InsertActivity(cloud, nil)
	}); err != nil {
		t.Fatal(err)
	}
	answer := func(kind writemodel.AnswerKind, activityID, text string, options ...string) writemodel.Answer {
		return writemodel.Answer{Kind: kind, Slots: 3, OptionIDs: options, Response: writemodel.Response{
			SessionID: p.SessionID, ActivityID: activityID, ParticipantID: ana.ID, Text: &text, CreatedAt: now, UpdatedAt: now,
		}}
	}
	store1 := func(answers ...writemodel.Answer) []writemodel.AnswerStored {
		t.Helper()
		var outs []writemodel.AnswerStored
		err := store.Transact(ctx, func(tx *writemodel.Tx) error {
			var err error
			outs, err = tx.StoreAnswers(answers)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		return outs
	}
	type want struct {
		replaced bool
		refused  writemodel.AnswerRefusal
	}
	check := func(batch string, outs []writemodel.AnswerStored, wants []want) {
		t.Helper()
		for i, w := range wants {
			if got := (want{outs[i].Replaced, outs[i].Refused}); got != w {
				t.Errorf("%s, answer %d: %+v, want %+v", batch, i, got, w)
			}
		}
	}
	first := store1(
		answer(writemodel.AnswerReplace, p.ActivityID, "", p.Options[0]),
		answer(writemodel.AnswerReplace, p.ActivityID, "", p.Options[1]), // replaces the one before
		answer(writemodel.AnswerSlots, cloud.ID, "w1"),
		answer(writemodel.AnswerSlots, cloud.ID, "w2"),
		answer(writemodel.AnswerOnce, quiz.ID, "q1"),
		answer(writemodel.AnswerOnce, quiz.ID, "q2"), // the first one stands
	)
	check("first batch", first, []want{{false, writemodel.NotRefused}, {true, writemodel.NotRefused}, {false, writemodel.NotRefused}, {false, writemodel.NotRefused}, {false, writemodel.NotRefused}, {false, writemodel.RefusedAlreadyAnswered}})
	if first[0].ResponseID != first[1].ResponseID {
		t.Errorf("the replacing answer names response %s, want the replaced one's %s", first[1].ResponseID, first[0].ResponseID)
	}
	second := store1(
		answer(writemodel.AnswerOnce, quiz.ID, "q3"), // answered in the first batch: refused
		answer(writemodel.AnswerReplace, p.ActivityID, "", p.Options[0]),
		answer(writemodel.AnswerSlots, cloud.ID, "w3"),
		answer(writemodel.AnswerSlots, cloud.ID, "w4"), // three slots used
	)
	check("second batch", second, []want{{false, writemodel.RefusedAlreadyAnswered}, {true, writemodel.NotRefused}, {false, writemodel.NotRefused}, {false, writemodel.RefusedNoFreeSlot}})

	var chosen []string
	if err := db.Gorm.Raw("SELECT CAST(option_ids AS text) FROM responses WHERE activity_id = ?", p.ActivityID).Find(&chosen).Error; err != nil {
		t.Fatal(err)
	}
	if len(chosen) != 1 || chosen[0] != `["`+p.Options[0]+`"]` {
		t.Errorf("poll rows %v, want one with the last choice", chosen)
	}
	if n := writemodeltest.Count(t, db, "responses"); n != 5 {
		t.Errorf("%d responses, want 5 (a poll answer, a quiz answer, three words)", n)
	}
	// One outbox row per activity of a batch that stored answers there:
	// 3 (poll, quiz, cloud), then 2 (poll, cloud), after the session's, the
	// poll's, ana's, the quiz's and the cloud's.
	if n := writemodeltest.Count(t, db, "outbox"); n != 5+5 {
		t.Errorf("%d outbox rows, want %d", n, 5+5)
	}
}
