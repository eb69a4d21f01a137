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

	ListActivities   ListActivitiesHandler
	GetActivity      GetActivityHandler
	Results          ResultsHandler
	Questions        QuestionsHandler
	Me               MeHandler
	ListParticipants ListParticipantsHandler
	Leaderboard      LeaderboardHandler
	Export           ExportHandler
	GetImage         GetImageHandler
	MySessions       MySessionsHandler
	MyExport         MyExportHandler
	ListMembers      ListMembersHandler
}

// NewHandlers builds every query handler over the read model; images come
// from img. Accounts' sessions are not served (NewHandlersWithAccounts).
func NewHandlers(r *readmodel.Reader, img *readmodel.ImageReader) Handlers {
	return NewHandlersWithAccounts(r, img, nil)
}

// AccountReader is what the queries read of accounts from the write
// model's database (cmd/caja wires it): their sessions and their roles.
type AccountReader interface {
	MySessionsReader
	SessionRoles
	TeamReader
}

// NewHandlersWithAccounts is NewHandlers with accounts read from acc (nil:
// signed-in readers are not recognised).
func NewHandlersWithAccounts(r *readmodel.Reader, img *readmodel.ImageReader, acc AccountReader) Handlers {
	var roles *Roles
	var mine MySessionsReader
	var team TeamReader
	if acc != nil {
		roles, mine, team = NewRoles(acc), acc, acc
	}
	h := Handlers{
		SessionState: NewSessionStateHandler(r),
		GetSession:   NewGetSessionHandler(r),
		JoinByCode:   NewJoinByCodeHandler(r),
		QRCode:       NewQRCodeHandler(r),

		ListActivities:   NewListActivitiesHandler(r),
		GetActivity:      NewGetActivityHandler(r),
		Results:          NewResultsHandler(r),
		Questions:        NewQuestionsHandler(r),
		Me:               NewMeHandler(r),
		ListParticipants: NewListParticipantsHandler(r),
		Leaderboard:      NewLeaderboardHandler(r),
		Export:           NewExportHandler(r),
		GetImage:         NewGetImageHandler(img),
		MySessions:       NewMySessionsHandler(mine),
	}
	h.SessionState.roles, h.ListActivities.roles, h.GetActivity.roles, h.Results.roles = roles, roles, roles, roles
	h.Questions.roles, h.ListParticipants.roles, h.Export.roles = roles, roles, roles
	h.ListMembers = NewListMembersHandler(r, team, roles)
	h.MyExport = MyExportHandler{sessions: h.MySessions, export: h.Export}
	return h
}

// Module provides Handlers.
var Module = fx.Module("queries", fx.Provide(NewHandlersWithAccounts))
