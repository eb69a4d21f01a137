package commands

import (
	"context"
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/google/uuid"

	"github.com/cajalive/caja/writemodel"
	"github.com/cajalive/caja/writemodel/apperr"
)

// SubmitResponse is a participant's answer to an activity: option ids for
// polls and quizzes, text for word clouds and open text, a value for
// ratings.
type SubmitResponse struct {
	SessionID  string
	ActivityID string
	Token      string
	OptionIDs  []string
	Text       *string
	Value      *int
}

// ResponseAccepted says whether the answer was new or replaced an earlier
// one.
type ResponseAccepted struct {
	ID         string `json:"id"`
	ActivityID string `json:"activity_id"`
	Status     string `json:"status"` // "created" or "replaced"
}

// Created reports whether this was a first answer.
func (r ResponseAccepted) Created() bool { return r.Status == "created" }

// SubmitResponseHandler handles SubmitResponse.
type SubmitResponseHandler struct {
	store *writemodel.Store
	now   func() time.Time
}

// Handle validates the answer against the activity and stores it. Every
// uniqueness rule is a database constraint: concurrent duplicates of the
// same answer count once.
func (h SubmitResponseHandler) Handle(ctx context.Context, cmd SubmitResponse) (*ResponseAccepted, error) {
	var out *ResponseAccepted
	err := h.store.Transact(ctx, func(tx *writemodel.Tx) error {
		p, err := authenticateParticipant(tx, cmd.SessionID, cmd.Token)
		if err != nil {
			return err
		}
		a, opts, err := tx.GetActivity(cmd.SessionID, cmd.ActivityID)
		if err != nil {
			return err
		}
		if a.Status != writemodel.ActivityOpen {
			return apperr.New(apperr.Conflict, "this activity is not open for answers (it is %s)", a.Status)
		}
		now := h.now().UTC()
		r := &writemodel.Response{ID: uuid.NewString(), SessionID: a.SessionID, ActivityID: a.ID, ParticipantID: p.ID, CreatedAt: now, UpdatedAt: now}
		switch a.Type {
		case writemodel.TypePoll, writemodel.TypeQuiz:
			out, err = submitChoice(tx, a, opts, r, cmd.OptionIDs, cmd)
		case writemodel.TypeWordCloud:
			out, err = submitWord(tx, a, r, cmd)
		case writemodel.TypeOpenText:
			out, err = submitText(tx, a, r, cmd)
		case writemodel.TypeRating:
			out, err = submitRating(tx, a, r, cmd)
		default:
			return apperr.New(apperr.Conflict, "a Q&A takes questions, not responses: POST …/questions")
		}
		if err != nil {
			return err
		}
		return tx.PublishActivity(a.SessionID, a.ID, p.ID, writemodel.TopicResponse)
	})
	if err != nil {
		return nil, fmt.Errorf("submit response: %w", err)
	}
	return out, nil
}

func onlyFields(errs *apperr.Fields, cmd SubmitResponse, want string) {
	if want != "option_ids" && cmd.OptionIDs != nil {
		errs.Add("option_ids", "is not used by this activity type")
	}
	if want != "text" && cmd.Text != nil {
		errs.Add("text", "is not used by this activity type")
	}
	if want != "value" && cmd.Value != nil {
		errs.Add("value", "is not used by this activity type")
	}
}

func submitChoice(tx *writemodel.Tx, a *writemodel.Activity, opts []writemodel.ActivityOption, r *writemodel.Response, chosen []string, cmd SubmitResponse) (*ResponseAccepted, error) {
	var errs apperr.Fields
	onlyFields(&errs, cmd, "option_ids")
	settings := loadSettings(a)
	valid := make(map[string]bool, len(opts))
	correctCount := 0
	for _, o := range opts {
		valid[o.ID] = o.Correct
		if o.Correct {
			correctCount++
		}
	}
	maxChoices := 1
	if a.Type == writemodel.TypePoll && settings.Poll.Multiple {
		maxChoices = len(opts)
		if settings.Poll.MaxChoices != nil {
			maxChoices = *settings.Poll.MaxChoices
		}
	}
	if a.Type == writemodel.TypeQuiz {
		maxChoices = max(correctCount, 1)
	}
	seen := make(map[string]bool, len(chosen))
	ids := make([]string, 0, len(chosen))
	for i, id := range chosen {
		id = strings.ToLower(id)
		if _, ok := valid[id]; !ok {
			errs.Add(fmt.Sprintf("option_ids[%d]", i), "is not an option of this activity")
			continue
		}
		if !seen[id] {
			seen[id] = true
			ids = append(ids, id)
		}
	}
	switch {
	case len(chosen) == 0:
		errs.Add("option_ids", "choose at least one option")
	case len(ids) > maxChoices:
		errs.Add("option_ids", "choose at most %d option(s)", maxChoices)
	}
	if err := errs.Err(); err != nil {
		return nil, err
	}

	if a.Type == writemodel.TypeQuiz {
		right := len(ids) == correctCount
		for _, id := range ids {
			right = right && valid[id]
		}
		r.Correct = &right
		r.Points = quizPoints(right, a.OpenedAt, r.CreatedAt, settings.Quiz)
		inserted, err := tx.InsertResponseIfAbsent(r)
		if err != nil {
			return nil, err
		}
		if !inserted {
			return nil, apperr.New(apperr.Conflict, "you have already answered this question")
		}
		return &ResponseAccepted{ID: r.ID, ActivityID: a.ID, Status: "created"}, tx.SetResponseOptions(r.ID, a.ID, ids)
	}
	return upsert(tx, r, func(id string) error { return tx.SetResponseOptions(id, a.ID, ids) })
}

// quizPoints falls linearly from full points (answered the moment the
// question opened) to half (at the time limit); wrong or late earns 0.
func quizPoints(right bool, openedAt *time.Time, at time.Time, s quizSettings) int {
	if !right || openedAt == nil {
		return 0
	}
	elapsed := at.Sub(*openedAt)
	limit := time.Duration(s.TimeLimitS) * time.Second
	if elapsed < 0 {
		elapsed = 0
	}
	if elapsed > limit {
		return 0
	}
	frac := float64(elapsed) / float64(limit)
	return int(math.Round(float64(s.Points) * (1 - frac/2)))
}

// upsert stores a first answer (created) or replaces the earlier one
// (replaced); after is run with the response id either way.
func upsert(tx *writemodel.Tx, r *writemodel.Response, after func(id string) error) (*ResponseAccepted, error) {
	inserted, err := tx.InsertResponseIfAbsent(r)
	if err != nil {
		return nil, err
	}
	status, id := "created", r.ID
	if !inserted {
		status = "replaced"
		if id, err = tx.ReplaceResponse(r); err != nil {
			return nil, err
		}
	}
	if after != nil {
		if err := after(id); err != nil {
			return nil, err
		}
	}
	return &ResponseAccepted{ID: id, ActivityID: r.ActivityID, Status: status}, nil
}

func submitWord(tx *writemodel.Tx, a *writemodel.Activity, r *writemodel.Response, cmd SubmitResponse) (*ResponseAccepted, error) {
	var errs apperr.Fields
	onlyFields(&errs, cmd, "text")
	word := ""
	if cmd.Text == nil {
		errs.Add("text", "is required")
	} else {
		word = text(&errs, "text", *cmd.Text, 1, 40)
	}
	if err := errs.Err(); err != nil {
		return nil, err
	}
	norm := NormalizeWord(word)
	r.Text, r.Normalized = &word, &norm
	maxEntries := loadSettings(a).WordCloud.MaxEntries
	// Take the first free entry slot; the unique key on (activity,
	// participant, slot) means racing submissions never exceed the maximum.
	for slot := 0; slot < maxEntries; slot++ {
		r.Slot = slot
		inserted, err := tx.InsertResponseIfAbsent(r)
		if err != nil {
			return nil, err
		}
		if inserted {
			return &ResponseAccepted{ID: r.ID, ActivityID: a.ID, Status: "created"}, nil
		}
	}
	return nil, apperr.New(apperr.Conflict, "you have already sent %d entries", maxEntries)
}

// NormalizeWord is how word-cloud entries are counted: trimmed, inner runs
// of spaces collapsed, case-folded.
func NormalizeWord(s string) string {
	return folder.String(strings.Join(strings.Fields(s), " "))
}

func submitText(tx *writemodel.Tx, a *writemodel.Activity, r *writemodel.Response, cmd SubmitResponse) (*ResponseAccepted, error) {
	var errs apperr.Fields
	onlyFields(&errs, cmd, "text")
	answer := ""
	if cmd.Text == nil {
		errs.Add("text", "is required")
	} else {
		answer = multiline(&errs, "text", *cmd.Text, 1, 500)
	}
	if err := errs.Err(); err != nil {
		return nil, err
	}
	r.Text = &answer
	return upsert(tx, r, nil)
}

func submitRating(tx *writemodel.Tx, a *writemodel.Activity, r *writemodel.Response, cmd SubmitResponse) (*ResponseAccepted, error) {
	var errs apperr.Fields
	onlyFields(&errs, cmd, "value")
	s := loadSettings(a).Rating
	if cmd.Value == nil {
		errs.Add("value", "is required")
	} else if *cmd.Value < s.Min || *cmd.Value > s.Max {
		errs.Add("value", "must be between %d and %d", s.Min, s.Max)
	}
	if err := errs.Err(); err != nil {
		return nil, err
	}
	r.Value = cmd.Value
	return upsert(tx, r, nil)
}
