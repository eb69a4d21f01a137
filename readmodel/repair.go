package readmodel

import (
	"context"
	"errors"
	"strings"

	"github.com/cajalive/caja"
)

// handleRequest serves what readers ask for on the repair channel: a
// session id to re-project, or "export <session id> <version>" (handed to
// the export worker, so that projection never waits for an export).
func (p *Projector) handleRequest(ctx context.Context, payload string, exports chan<- exportRequest) {
	kind, rest, found := strings.Cut(payload, " ")
	if !found {
		p.repair(ctx, payload)
		return
	}
	sid, version, _ := strings.Cut(rest, " ")
	if kind != "export" || !caja.IsCanonicalID(sid) || !validExportVersion(version) {
		return
	}
	select {
	case exports <- exportRequest{sessionID: sid, version: version}:
	default:
		// The worker is behind: the reader times out and may ask again.
		p.log.Warn("export request dropped: too many waiting", "session_id", sid)
	}
}

func (p *Projector) repair(ctx context.Context, sessionID string) {
	if !caja.IsCanonicalID(sessionID) {
		return
	}
	if err := p.ProjectSessions(context.WithoutCancel(ctx), []string{sessionID}); err != nil && !errors.Is(err, context.Canceled) {
		p.log.Warn("repair failed", "session_id", sessionID, "err", err)
	}
}
