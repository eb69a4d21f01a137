package commands

import (
	"go.uber.org/fx"

	"github.com/cajalive/caja/writemodel"
	"github.com/cajalive/caja/writemodel/views"
)

// Handlers groups every command handler, for transport.
type Handlers struct {
	CreateSession CreateSessionHandler
	UpdateSession UpdateSessionHandler
}

// NewHandlers builds every command handler.
func NewHandlers(store *writemodel.Store, presenter *views.Presenter) Handlers {
	return Handlers{
		CreateSession: NewCreateSessionHandler(store, presenter),
		UpdateSession: NewUpdateSessionHandler(store, presenter),
	}
}

// Module provides Handlers.
var Module = fx.Module("commands", fx.Provide(NewHandlers))
