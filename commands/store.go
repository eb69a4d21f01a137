package commands

import (
	"context"
	"time"

	"github.com/cajalive/caja/writemodel"
)

// What the commands need of the write model, each handler taking only the
// interface it uses (writemodel.Store implements them all).

// Transactor runs fn in one write-model transaction, run again on a
// serialization failure or a deadlock; most commands need nothing else.
type Transactor interface {
	Transact(ctx context.Context, fn func(tx *writemodel.Tx) error) error
}

// SessionUpdater runs fn on a locked session and saves it, in one
// transaction.
type SessionUpdater interface {
	UpdateSession(ctx context.Context, id string, fn func(tx *writemodel.Tx, sess *writemodel.Session) error) (*writemodel.Session, error)
}

// SessionInserter stores a new session (a join-code collision is
// writemodel.ErrJoinCodeTaken).
type SessionInserter interface {
	InsertSession(ctx context.Context, sess *writemodel.Session) error
}

// LiveSessionCounter counts the sessions that hold a join code.
type LiveSessionCounter interface {
	LiveSessionCount(ctx context.Context) (int64, error)
}

// DueActivityCloser closes activities whose deadline has passed.
type DueActivityCloser interface {
	CloseDueActivities(ctx context.Context, now time.Time, limit int) ([]writemodel.DueActivity, error)
}
