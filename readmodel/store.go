package readmodel

import (
	"context"
	"time"

	"github.com/cajalive/caja/writemodel"
)

// ProjectorStore is what the projector needs of the write model: the
// lease, the outbox, the source rows of a session, the versions it wrote.
// *writemodel.Store implements it.
type ProjectorStore interface {
	TryLease(ctx context.Context) (*writemodel.Lease, error)
	Nudges() <-chan struct{}
	FetchOutbox(ctx context.Context, limit int, skip []string) ([]writemodel.OutboxEntry, error)
	OutboxBacklog(ctx context.Context) (int64, error)
	CompleteBatch(ctx context.Context, done []int64, versions map[string]int64, absent []string) error
	ProjectedVersions(ctx context.Context, sessionIDs []string) (map[string]int64, error)
	RecentProjections(ctx context.Context, since time.Time, limit int) ([]writemodel.SessionProjection, error)
	SessionIDs(ctx context.Context, includeCompleted bool) ([]string, error)
	LoadSnapshot(ctx context.Context, req writemodel.SnapshotRequest) (*writemodel.Snapshot, error)
	StreamExport(ctx context.Context, sessionID string, sink writemodel.ExportSink) error
}

var _ ProjectorStore = (*writemodel.Store)(nil)
