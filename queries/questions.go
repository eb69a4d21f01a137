package queries

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"strconv"

	"github.com/cajalive/caja"
	"github.com/cajalive/caja/readmodel"
)

// Questions asks for a page of a Q&A's questions: all of them for the
// organizer, the approved and answered ones for everyone else, pinned
// first, then by upvotes, then oldest.
type Questions struct {
	SessionID  string
	ActivityID string
	AdminToken string
	// AccountID is the signed-in reader when no token was sent (its role
	// decides, see Roles).
	AccountID string
	// Limit ("" for the default), Cursor ("" for the first page) and
	// Status ("" for every status the reader may see) are the query
	// string's, validated here.
	Limit  string
	Cursor string
	Status string
}

// Page sizes of the question list.
const (
	DefaultQuestionPage = 50
	MaxQuestionPage     = 200
	// questionPageBudget keeps a page under 256 KB: 200 questions of 300
	// characters that all need escaping (<, > and & are six bytes in JSON)
	// are 380 KB, so such a page stops earlier.
	questionPageBudget = 200 << 10
)

// QuestionReader is the read interface of the question list.
type QuestionReader interface {
	ActivityReader
	Questions(ctx context.Context, sessionID, activityID, set string, after string, limit int) (*readmodel.QuestionPage, error)
	AwaitQuestionIndex(ctx context.Context, sessionID, activityID string) error
}

// QuestionsHandler answers Questions.
type QuestionsHandler struct {
	reader QuestionReader
	roles  *Roles
}

// NewQuestionsHandler returns the handler.
func NewQuestionsHandler(r QuestionReader) QuestionsHandler { return QuestionsHandler{reader: r} }

// Handle returns {"questions": [...], "total_questions": n, "next_cursor":
// "…" or null at the end}, read from Redis, one bounded page per request.
func (h QuestionsHandler) Handle(ctx context.Context, q Questions) ([]byte, error) {
	limit, after, err := questionPageArgs(q.Limit, q.Cursor)
	if err != nil {
		return nil, err
	}
	set := readmodel.RankPublic
	switch q.Status {
	case "":
	case "approved", "answered":
		set = q.Status
	case "pending", "hidden":
		// Only the organizer sees these; checked with the token below.
		if q.AdminToken == "" && q.AccountID == "" {
			return nil, caja.Errorf(caja.Unauthorized, "questions that are %s need the session's admin token", q.Status).WithCode(caja.CodeAdminTokenRequired)
		}
		set = q.Status
	default:
		return nil, caja.InvalidField("status", "must be pending, approved, hidden or answered")
	}
	sv, av, err := activityFields(ctx, h.reader, q.SessionID, q.ActivityID,
		[]string{readmodel.FieldAdminTokenHash, readmodel.FieldModeratorTokenHash}, []string{"type", readmodel.FieldQuestionsIndexed})
	if err != nil {
		return nil, err
	}
	if av[0] != "qna" {
		return nil, caja.Errorf(caja.NotFound, "this activity is not a Q&A").WithCode(caja.CodeNotAQnA)
	}
	by, byErr := h.roles.byAccount(ctx, q.AdminToken, q.SessionID, q.AccountID, caja.RoleModerator)
	switch {
	case by && byErr == nil:
		if q.Status == "" {
			set = readmodel.RankAll
		}
	case by && (q.Status == "pending" || q.Status == "hidden"):
		return nil, byErr
	case q.AdminToken != "":
		if err := requireModerator(q.AdminToken, sv[0], sv[1]); err != nil {
			return nil, err
		}
		if q.Status == "" {
			set = readmodel.RankAll
		}
	}
	if av[1] != "1" {
		if err := h.reader.AwaitQuestionIndex(ctx, q.SessionID, q.ActivityID); err != nil {
			return nil, err
		}
	}
	// One more than asked: whether another page follows.
	page, err := h.reader.Questions(ctx, q.SessionID, q.ActivityID, set, after, limit+1)
	if err != nil {
		return nil, err
	}
	// A page ends at limit questions or at the byte budget, whichever
	// comes first (at least one question: a page always moves on).
	n, size := 0, 0
	for n < len(page.Docs) && n < limit && (n == 0 || size+len(page.Docs[n]) <= questionPageBudget) {
		size += len(page.Docs[n])
		n++
	}
	next := []byte("null")
	if n < len(page.Docs) {
		next, _ = json.Marshal(base64.RawURLEncoding.EncodeToString([]byte(page.Members[n-1])))
	}
	page.Docs = page.Docs[:n]
	var b bytes.Buffer
	b.WriteString(`{"questions":[`)
	for i, d := range page.Docs {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(d)
	}
	b.WriteString(`],"total_questions":`)
	b.WriteString(strconv.Itoa(page.Total))
	b.WriteString(`,"next_cursor":`)
	b.Write(next)
	b.WriteByte('}')
	return b.Bytes(), nil
}

// questionPageArgs validates the page size and decodes the cursor (the
// last member of the previous page, base64url).
func questionPageArgs(limitS, cursor string) (int, string, error) {
	var errs caja.Fields
	limit := DefaultQuestionPage
	if limitS != "" {
		n, err := strconv.Atoi(limitS)
		if err != nil || n < 1 || n > MaxQuestionPage {
			errs.Add("limit", "must be a whole number from 1 to %d", MaxQuestionPage)
		}
		limit = n
	}
	var after string
	if cursor != "" {
		b, err := base64.RawURLEncoding.DecodeString(cursor)
		if err != nil || !readmodel.ValidQuestionMember(string(b)) {
			errs.Add("cursor", "is not a cursor this list returned (use next_cursor as given)")
		}
		after = string(b)
	}
	if err := errs.Err(); err != nil {
		return 0, "", err
	}
	return limit, after, nil
}
