package commands

import (
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
	HideEntries          HideParticipantEntriesHandler
	SubmitResponse       SubmitResponseHandler
	AskQuestion          AskQuestionHandler
	UpvoteQuestion       UpvoteQuestionHandler
	ModerateQuestion     ModerateQuestionHandler
	SendReaction         SendReactionHandler
	ModerateEntry        ModerateEntryHandler
	RotateModeratorToken RotateModeratorTokenHandler
	UploadImage          UploadImageHandler
	ClaimSession         ClaimSessionHandler
	CreateInvitation     CreateInvitationHandler
	RevokeInvitations    RevokeInvitationsHandler
	AcceptInvitation     AcceptInvitationHandler
	RemoveMember         RemoveMemberHandler
	RevokeAdminToken     RevokeAdminTokenHandler
	DeleteAccount        DeleteAccountHandler
	SignInOIDC           SignInOIDCHandler
	DeleteSession        DeleteSessionHandler
	TransferSession      TransferSessionHandler

	SignUp       SignUpHandler
	LogIn        LogInHandler
	LogOut       LogOutHandler
	Authenticate AuthenticateHandler
	// CloseDueActivities is run by RunDeadlines, not by transport.
	CloseDueActivities CloseDueActivitiesHandler
}

// NewHandlers builds every command handler with the default limits.
func NewHandlers(store *writemodel.Store, presenter *caja.Presenter) Handlers {
	return NewHandlersWith(store, presenter, DefaultConfig())
}

// NewHandlersWith builds every command handler with the given limits.
func NewHandlersWith(store *writemodel.Store, presenter *caja.Presenter, cfg Config) Handlers {
	codes := NewJoinCodeLength(store)
	gc := GroupCommitConfig{MaxBatch: DefaultGroupCommit.MaxBatch, Lanes: cfg.AnswerLanes}
	if store.SingleWriter() {
		gc.Lanes = 1 // a second lane would only wait
	}
	return Handlers{
		CreateSession:        NewCreateSessionHandler(store, presenter, codes).RequireAccount(cfg.Auth == caja.AuthAccounts || cfg.Auth == caja.AuthSSO),
		UpdateSession:        NewUpdateSessionHandler(store, presenter),
		DuplicateSession:     NewDuplicateSessionHandler(store, presenter, codes),
		CreateActivity:       NewCreateActivityHandler(store),
		UpdateActivity:       NewUpdateActivityHandler(store),
		DeleteActivity:       NewDeleteActivityHandler(store),
		JoinSession:          NewJoinSessionHandler(store, gc),
		KickParticipant:      NewKickParticipantHandler(store),
		HideEntries:          NewHideParticipantEntriesHandler(store),
		SubmitResponse:       NewSubmitResponseHandler(store, gc),
		AskQuestion:          NewAskQuestionHandler(store, cfg),
		UpvoteQuestion:       NewUpvoteQuestionHandler(store),
		ModerateQuestion:     NewModerateQuestionHandler(store),
		SendReaction:         NewSendReactionHandler(store),
		ModerateEntry:        NewModerateEntryHandler(store),
		CloseDueActivities:   NewCloseDueActivitiesHandler(store),
		RotateModeratorToken: NewRotateModeratorTokenHandler(store),
		UploadImage:          NewUploadImageHandler(store),
		ClaimSession:         NewClaimSessionHandler(store, presenter),
		CreateInvitation:     NewCreateInvitationHandler(store, presenter),
		RevokeInvitations:    NewRevokeInvitationsHandler(store),
		AcceptInvitation:     NewAcceptInvitationHandler(store),
		RemoveMember:         NewRemoveMemberHandler(store),
		RevokeAdminToken:     NewRevokeAdminTokenHandler(store),
		DeleteAccount:        NewDeleteAccountHandler(store),
		SignInOIDC:           NewSignInOIDCHandler(store),
		DeleteSession:        NewDeleteSessionHandler(store),
		TransferSession:      NewTransferSessionHandler(store, presenter),
		SignUp:               NewSignUpHandler(store, cfg.Auth),
		LogIn:                NewLogInHandler(store, cfg.Auth),
		LogOut:               NewLogOutHandler(store),
		Authenticate:         NewAuthenticateHandler(store),
	}
}

// Module provides Handlers.
var Module = fx.Module("commands", fx.Provide(NewHandlersWith))
