package writemodel

import (
	"encoding/json"

	"github.com/cajalive/caja"
)

// The API documents (types in package caja) built from write-model rows.
// The projector uses them to pre-render Redis documents; commands use them
// for their responses, so both always agree on the shape.

// SessionOf renders a session row; p knows the join links.
func SessionOf(p *caja.Presenter, s *Session) (caja.Session, error) {
	joinURL := p.JoinURL(s.JoinCode)
	qr, err := p.QRDataURI(joinURL)
	if err != nil {
		return caja.Session{}, err
	}
	return caja.Session{
		ID: s.ID, Name: s.Name, Description: s.Description, Status: s.Status, AdminID: s.AdminID,
		JoinCode: s.JoinCode, JoinURL: joinURL, QRCodeURL: qr,
		CurrentActivityID: s.CurrentActivityID, ShowJoinInfo: s.ShowJoinInfo, OpenOnPresent: s.OpenOnPresent,
		Reactions: ReactionSet(s),
		Settings:  caja.SessionSettings{ProfanityFilter: ProfanityFilterOf(s), Language: LanguageOf(s)},
		CreatedAt: s.CreatedAt.UTC(), UpdatedAt: s.UpdatedAt.UTC(),
	}, nil
}

// ActivityOf renders an activity. withCorrect shows which options are right:
// true for the organizer, and for everyone once a quiz's results are
// visible.
func ActivityOf(a *Activity, opts []ActivityOption, withCorrect bool) caja.Activity {
	doc := caja.Activity{
		ID: a.ID, Type: a.Type, Title: a.Title, Status: a.Status, Position: a.Position,
		ResultsVisible: a.ResultsVisible, Options: make([]caja.Option, 0, len(opts)), Settings: json.RawMessage(a.Settings),
		ImageID: a.ImageID,
	}
	if a.OpenedAt != nil {
		t := a.OpenedAt.UTC()
		doc.OpenedAt = &t
	}
	if a.ClosesAt != nil {
		t := a.ClosesAt.UTC()
		doc.ClosesAt = &t
	}
	if a.Type == TypeContent {
		body := a.Body
		doc.Body = &body
	}
	if !withCorrect && a.Type == TypeNumeric {
		// A numeric quiz's right answer stays hidden until revealed.
		doc.Settings = withoutCorrect(a.Settings)
	}
	show := withCorrect && a.Type == TypeQuiz
	for _, o := range opts {
		if a.Type == TypeQuiz && o.Correct {
			doc.Choices++
		}
		opt := caja.Option{ID: o.ID, Label: o.Label, ImageID: o.ImageID}
		if show {
			c := o.Correct
			opt.Correct = &c
		}
		doc.Options = append(doc.Options, opt)
	}
	return doc
}

// OrganizerActivityOf renders an activity as its organizer sees it: right
// options and speaker notes included. Nothing a participant or the display
// reads is built from it.
func OrganizerActivityOf(a *Activity, opts []ActivityOption) caja.Activity {
	doc := ActivityOf(a, opts, true)
	notes := a.Notes
	doc.Notes = &notes
	return doc
}

// QuestionOf renders a question with its upvote count.
func QuestionOf(q *Question, upvotes int) caja.Question {
	return caja.Question{ID: q.ID, Text: q.Text, Upvotes: upvotes, Status: q.Status, Pinned: q.Pinned, CreatedAt: q.CreatedAt.UTC()}
}

// VisibleToAudience reports whether participants and the display may see a
// question: approved or answered, never pending or hidden.
func VisibleToAudience(status string) bool {
	return status == QuestionApproved || status == QuestionAnswered
}
