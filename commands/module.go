package commands

import (
	"time"

	"go.uber.org/fx"

	"github.com/cajalive/caja"
	"github.com/cajalive/caja/writemodel"
)

// Handlers groups every command handler, for transport.
type Handlers struct {
	CreateSession        CreateSessionHandler
	UpdateSession        UpdateSessionHandler
	DuplicateSession     DuplicateSessionHandler
	CreateActivity       CreateActivityHandler
	UpdateActivity       UpdateActivityHandler
	DeleteActivity       DeleteActivityHandler
	JoinSession          JoinSessionHandler
	KickParticipant      KickParticipantHandler
	SubmitResponse       SubmitResponseHandler
	AskQuestion          AskQuestionHandler
	UpvoteQuestion       UpvoteQuestionHandler
	ModerateQuestion     ModerateQuestionHandler
	SendReaction         SendReactionHandler
	ModerateEntry        ModerateEntryHandler
	RotateModeratorToken RotateModeratorTokenHandler
	// CloseDueActivities is run by RunDeadlines, not by transport.
	CloseDueActivities CloseDueActivitiesHandler
}

// NewHandlers builds every command handler with the default limits.
func NewHandlers(store *writemodel.Store, presenter *caja.Presenter) Handlers {
	return NewHandlersWith(store, presenter, DefaultConfig())
}

// NewHandlersWith builds every command handler with the given limits.
func NewHandlersWith(store *writemodel.Store, presenter *caja.Presenter, cfg Config) Handlers {
	codes := newJoinCodeLength(store)
	return Handlers{
		CreateSession:        CreateSessionHandler{store: store, presenter: presenter, codes: codes},
		UpdateSession:        NewUpdateSessionHandler(store, presenter),
		DuplicateSession:     DuplicateSessionHandler{store: store, presenter: presenter, codes: codes},
		CreateActivity:       CreateActivityHandler{store: store},
		UpdateActivity:       UpdateActivityHandler{store: store},
		DeleteActivity:       DeleteActivityHandler{store: store},
		JoinSession:          JoinSessionHandler{store: store},
		KickParticipant:      KickParticipantHandler{store: store},
		SubmitResponse:       SubmitResponseHandler{store: store, now: time.Now},
		AskQuestion:          AskQuestionHandler{store: store, maxQuestions: cfg.QnAMaxQuestions, maxPerParticipant: cfg.QnAMaxPerParticipant},
		UpvoteQuestion:       UpvoteQuestionHandler{store: store},
		ModerateQuestion:     ModerateQuestionHandler{store: store},
		SendReaction:         SendReactionHandler{store: store},
		ModerateEntry:        ModerateEntryHandler{store: store, questions: ModerateQuestionHandler{store: store}},
		CloseDueActivities:   CloseDueActivitiesHandler{store: store, now: time.Now},
		RotateModeratorToken: RotateModeratorTokenHandler{store: store},
	}
}

// Module provides Handlers.
var Module = fx.Module("commands", fx.Provide(NewHandlersWith))
