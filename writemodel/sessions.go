package writemodel

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"github.com/cajalive/caja"
)

// ErrJoinCodeTaken means the join code is held by another live session.
var ErrJoinCodeTaken = errors.New("join code taken")

// InsertSession inserts a new session and its outbox row. A join-code
// collision comes back as ErrJoinCodeTaken so the caller can draw another.
func (s *Store) InsertSession(ctx context.Context, sess *Session) error {
	err := s.Transact(ctx, func(tx *Tx) error { return tx.InsertSessionRow(sess) })
	if errors.Is(err, ErrJoinCodeTaken) {
		return err
	}
	if err != nil {
		return fmt.Errorf("insert session: %w", err)
	}
	return nil
}

// InsertSessionRow inserts a session inside tx and publishes it; a join-code
// collision is ErrJoinCodeTaken (and aborts tx).
func (tx *Tx) InsertSessionRow(sess *Session) error {
	err := tx.db.Create(sess).Error
	if name, ok := UniqueViolation(err); ok && strings.Contains(name, "join_code") {
		return ErrJoinCodeTaken
	}
	if err != nil {
		return fmt.Errorf("insert session: %w", err)
	}
	return tx.Publish(sess.ID, "", TopicSession)
}

// LockSession loads a session inside tx, locking its row until commit.
func (tx *Tx) LockSession(id string) (*Session, error) {
	var sess Session
	q := tx.db
	if tx.dialect == Postgres {
		q = q.Clauses(clause.Locking{Strength: "UPDATE"})
	}
	err := q.Where("id = ?", id).Take(&sess).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return nil, caja.Errorf(caja.NotFound, "session not found").WithCode(caja.CodeSessionNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("load session: %w", err)
	}
	return &sess, nil
}

// SaveSession writes every column of sess and publishes the change.
func (tx *Tx) SaveSession(sess *Session) error {
	sess.UpdatedAt = time.Now().UTC()
	if err := tx.db.Save(sess).Error; err != nil {
		return fmt.Errorf("save session: %w", err)
	}
	return tx.Publish(sess.ID, "", TopicSession)
}

// BumpMeVersion records, in tx, that participants' own documents may have
// changed without them acting (a kick, a reveal, a moderated question): the
// participant view's me_marker moves and phones fetch /participants/me
// again. The counter is incremented by the database, never read and
// written back.
func (tx *Tx) BumpMeVersion(sessionID string) error {
	if err := tx.db.Exec("UPDATE sessions SET me_version = me_version + 1 WHERE id = ?", sessionID).Error; err != nil {
		return fmt.Errorf("bump me version: %w", err)
	}
	return tx.Publish(sessionID, "", TopicSession)
}

// UpdateSession runs fn on the locked session and saves it, all in one
// transaction; fn returns an error to abort without writing.
func (s *Store) UpdateSession(ctx context.Context, id string, fn func(tx *Tx, sess *Session) error) (*Session, error) {
	var out *Session
	err := s.Transact(ctx, func(tx *Tx) error {
		sess, err := tx.LockSession(id)
		if err != nil {
			return err
		}
		if err := fn(tx, sess); err != nil {
			return err
		}
		if err := tx.SaveSession(sess); err != nil {
			return err
		}
		out = sess
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("update session: %w", err)
	}
	return out, nil
}

// GetSession reads one session (no lock).
func (s *Store) GetSession(ctx context.Context, id string) (*Session, error) {
	var sess Session
	err := s.db.Gorm.WithContext(ctx).Where("id = ?", id).Take(&sess).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return nil, caja.Errorf(caja.NotFound, "session not found").WithCode(caja.CodeSessionNotFound)
	}
	if err != nil {
		return nil, classify(fmt.Errorf("get session: %w", err))
	}
	return &sess, nil
}

// GetSessionRow reads a session inside tx without locking it.
func (tx *Tx) GetSessionRow(id string) (*Session, error) {
	var sess Session
	err := tx.db.Where("id = ?", id).Take(&sess).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return nil, caja.Errorf(caja.NotFound, "session not found").WithCode(caja.CodeSessionNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("load session: %w", err)
	}
	return &sess, nil
}

// LiveSessionCount counts the sessions that hold a join code (not
// completed), through the index of live join codes.
func (s *Store) LiveSessionCount(ctx context.Context) (int64, error) {
	var n int64
	if err := s.db.Gorm.WithContext(ctx).Model(&Session{}).Where("status <> ?", StatusCompleted).Count(&n).Error; err != nil {
		return 0, fmt.Errorf("count live sessions: %w", err)
	}
	return n, nil
}
