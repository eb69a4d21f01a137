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
}

// NewHandlers builds every query handler over the read model; images come
// from img.
func NewHandlers(r *readmodel.Reader, img *readmodel.ImageReader) Handlers {
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
	}
}

// Module provides Handlers.
var Module = fx.Module("queries", fx.Provide(NewHandlers))
