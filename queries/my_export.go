package queries

import (
	"context"
	"time"

	"github.com/cajalive/caja"
)

// MyExport asks for everything of an account: the account and the export
// of every session it owns (what an organizer needs under GDPR).
type MyExport struct {
	Account caja.Account
}

// maxExportedSessions bounds one account export.
const maxExportedSessions = 1000

// MyExportHandler answers MyExport with the sessions' own exports.
type MyExportHandler struct {
	sessions MySessionsHandler
	export   ExportHandler
}

// Handle reads the owned sessions page by page and each one's export.
func (h MyExportHandler) Handle(ctx context.Context, q MyExport) (*caja.AccountExport, error) {
	out := &caja.AccountExport{Account: q.Account, Sessions: []caja.SessionExport{}}
	cursor := ""
	for {
		page, err := h.sessions.Handle(ctx, MySessions{AccountID: q.Account.ID, Limit: MaxMySessions, Cursor: cursor})
		if err != nil {
			return nil, err
		}
		for _, s := range page.Sessions {
			if s.Role != caja.RoleOwner {
				continue
			}
			if len(out.Sessions) == maxExportedSessions {
				return nil, caja.Errorf(caja.TooLarge, "this account owns more than %d sessions: export them one by one", maxExportedSessions).WithCode(caja.CodeExportTooLarge)
			}
			ectx, cancel := context.WithTimeout(ctx, 30*time.Second)
			res, err := h.export.Handle(ectx, Export{SessionID: s.ID, AccountID: q.Account.ID})
			cancel()
			if err != nil {
				return nil, err
			}
			out.Sessions = append(out.Sessions, caja.SessionExport{MySession: s, Export: res.JSON})
		}
		if cursor = page.NextCursor; cursor == "" {
			return out, nil
		}
	}
}
