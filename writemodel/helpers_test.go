package writemodel_test

import (
	"context"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/cajalive/caja"
	"github.com/cajalive/caja/writemodel"
)

// openedPoll is a session with one open poll, written through the same
// Store calls the commands make (package writemodel may not import them).
type openedPoll struct {
	store      *writemodel.Store
	SessionID  string
	ActivityID string
	Options    []string // option ids in the organizer's order
}

// person is a participant and the token their phone holds.
type person struct{ ID, Token string }

// openPoll creates a session on store with one open poll of the given
// options (and settings, JSON).
func openPoll(t *testing.T, store *writemodel.Store, settings string, labels ...string) *openedPoll {
	t.Helper()
	ctx := context.Background()
	now := time.Now().UTC()
	sess := &writemodel.Session{
		ID: uuid.NewString(), Name: "Town hall", Status: writemodel.StatusActive, AdminID: "ana", JoinCode: "1234567",
		AdminTokenHash: caja.HashToken(caja.NewToken()), DisplayKey: caja.NewToken(), CreatedAt: now, UpdatedAt: now,
	}
	if err := store.InsertSession(ctx, sess); err != nil {
		t.Fatal(err)
	}
	a := &writemodel.Activity{
		ID: uuid.NewString(), SessionID: sess.ID, Type: writemodel.TypePoll, Title: "Lunch?", Settings: settings,
		Status: writemodel.ActivityOpen, OpenedAt: &now, CreatedAt: now, UpdatedAt: now,
	}
	p := &openedPoll{store: store, SessionID: sess.ID, ActivityID: a.ID}
	opts := make([]writemodel.ActivityOption, len(labels))
	for i, l := range labels {
		opts[i] = writemodel.ActivityOption{ID: uuid.NewString(), ActivityID: a.ID, Position: i, Label: l}
		p.Options = append(p.Options, opts[i].ID)
	}
	if err := store.Transact(ctx, func(tx *writemodel.Tx) error { return tx.InsertActivity(a, opts) }); err != nil {
		t.Fatal(err)
	}
	return p
}

// join adds a participant to the poll's session.
func (p *openedPoll) join(t *testing.T, nickname string) person {
	t.Helper()
	token := caja.NewToken()
	row := &writemodel.Participant{
		ID: uuid.NewString(), SessionID: p.SessionID, Nickname: nickname, NicknameKey: nickname,
		TokenHash: caja.HashToken(token), CreatedAt: time.Now().UTC(),
	}
	if err := p.store.Transact(context.Background(), func(tx *writemodel.Tx) error { return tx.InsertParticipant(row) }); err != nil {
		t.Fatal(err)
	}
	return person{ID: row.ID, Token: token}
}

// kick marks a participant kicked, as the organizer's kick does.
func (p *openedPoll) kick(t *testing.T, who person) {
	t.Helper()
	err := p.store.Transact(context.Background(), func(tx *writemodel.Tx) error {
		row, err := tx.Participant(p.SessionID, who.ID)
		if err != nil {
			return err
		}
		now := time.Now().UTC()
		row.KickedAt = &now
		return tx.SaveParticipant(row)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// answer stores who's choice of options, in the order given (the order a
// phone sent them in).
func (p *openedPoll) answer(t *testing.T, who person, optionIDs ...string) {
	t.Helper()
	hash := caja.HashToken(who.Token)
	err := p.store.Transact(context.Background(), func(tx *writemodel.Tx) error {
		bc, err := tx.LoadAnswerContext([]writemodel.AnswerKey{{TokenHash: hash, SessionID: p.SessionID, ActivityID: p.ActivityID}})
		if err != nil {
			return err
		}
		now := time.Now().UTC()
		_, err = tx.StoreAnswers([]writemodel.Answer{{Kind: writemodel.AnswerReplace, OptionIDs: optionIDs, Response: writemodel.Response{
			SessionID: p.SessionID, ActivityID: p.ActivityID, ParticipantID: bc.Participants[string(hash)].ID, CreatedAt: now, UpdatedAt: now,
		}}})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}

// openPollAt is openPoll on a database at an older migration: today's models
// write columns that schema lacks, so the session and its open poll are
// inserted with the columns every version has (those of migrations 00001
// and 00002).
func openPollAt(t *testing.T, db *writemodel.DB, settings string, labels ...string) *openedPoll {
	t.Helper()
	now := time.Now().UTC()
	p := &openedPoll{store: writemodel.NewStore(db), SessionID: uuid.NewString(), ActivityID: uuid.NewString()}
	exec := func(q string, args ...any) {
		t.Helper()
		if err := db.Gorm.Exec(q, args...).Error; err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	exec("INSERT INTO sessions (id, name, status, admin_id, join_code, admin_token_hash, display_key, show_join_info, created_at, updated_at) VALUES (?, 'Town hall', 'active', 'ana', ?, ?, ?, false, ?, ?)",
		p.SessionID, "9"+p.SessionID[:5], caja.HashToken(caja.NewToken()), caja.NewToken(), now, now)
	exec("INSERT INTO activities (id, session_id, type, title, settings, status, position, results_visible, opened_at, created_at, updated_at) VALUES (?, ?, 'poll', 'Lunch', ?, 'open', 0, false, ?, ?, ?)",
		p.ActivityID, p.SessionID, settings, now, now, now)
	for i, l := range labels {
		id := uuid.NewString()
		exec("INSERT INTO activity_options (id, activity_id, position, label, correct) VALUES (?, ?, ?, ?, false)", id, p.ActivityID, i, l)
		p.Options = append(p.Options, id)
	}
	return p
}
