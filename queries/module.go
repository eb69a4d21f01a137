package queries

import (
	"go.uber.org/fx"

	"github.com/cajalive/caja/readmodel"
)

// Handlers groups every query handler, for transport.
type Handlers struct {
	SessionState SessionStateHandler
	GetSession   GetSessionHandler
	JoinByCode   JoinByCodeHandler
	QRCode       QRCodeHandler
}

// NewHandlers builds every query handler over the read model.
func NewHandlers(r *readmodel.Reader) Handlers {
	return Handlers{
		SessionState: NewSessionStateHandler(r),
		GetSession:   NewGetSessionHandler(r),
		JoinByCode:   NewJoinByCodeHandler(r),
		QRCode:       NewQRCodeHandler(r),
	}
}

// Module provides Handlers.
var Module = fx.Module("queries", fx.Provide(NewHandlers))
