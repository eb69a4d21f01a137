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
}

// NewHandlers builds every query handler over the read model; images come
// from img. Accounts' sessions are not served (NewHandlersWithAccounts).
func NewHandlers(r *readmodel.Reader, img *readmodel.ImageReader) Handlers {
	return NewHandlersWithAccounts(r, img, nil)
}

// NewHandlersWithAccounts is NewHandlers with the accounts' sessions read
// from mine (the write model's database, wired by cmd/caja).
func NewHandlersWithAccounts(r *readmodel.Reader, img *readmodel.ImageReader, mine MySessionsReader) Handlers {
	return Handlers{
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
}

// Module provides Handlers.
var Module = fx.Module("queries", fx.Provide(NewHandlersWithAccounts))
