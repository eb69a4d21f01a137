package commands

import (
	"fmt"
	"math"
	"strings"
	"time"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"github.com/cajalive/caja"
	"github.com/cajalive/caja/writemodel"
)

// AnswerGrace is how long after an activity's deadline an answer is still
// taken: the phone's tap was on time, its request was on the way.
const AnswerGrace = time.Second

// checkDeadline refuses answers to an activity whose deadline (plus the
// grace) has passed, and to a closed one unless its own deadline closed it
// within the grace (and its answers are not shown yet).
func checkDeadline(a *writemodel.Activity, now time.Time) error {
	if a.ClosesAt != nil && now.After(a.ClosesAt.Add(AnswerGrace)) {
		return caja.Errorf(caja.Conflict, "time is up").WithCode(caja.CodeTimeIsUp)
	}
	if a.Status == writemodel.ActivityOpen || (a.Status == writemodel.ActivityClosed && a.ClosesAt != nil && !a.ResultsVisible) {
		return nil
	}
	return caja.Errorf(caja.Conflict, "this activity is not open for answers (it is %s)", a.Status).WithCode(caja.CodeActivityClosed)
}

// planAnswer checks an answer against its (open) activity, whose settings
// are given (parsed once per batch).
func planAnswer(cmd SubmitResponse, a *writemodel.Activity, settings Settings, opts []writemodel.ActivityOption, now time.Time) (*writemodel.Answer, error) {
	plan := &writemodel.Answer{Kind: writemodel.AnswerReplace, Response: writemodel.Response{CreatedAt: now, UpdatedAt: now}}
	var err error
	switch a.Type {
	case writemodel.TypePoll, writemodel.TypeQuiz:
		err = planChoice(plan, a, settings, opts, cmd)
	case writemodel.TypeWordCloud:
		err = planWord(plan, settings, cmd)
	case writemodel.TypeOpenText:
		err = planText(plan, cmd)
	case writemodel.TypeRating:
		err = planRating(plan, settings, cmd)
	case writemodel.TypeRanking:
		err = planRanking(plan, opts, cmd)
	case writemodel.TypeScales:
		err = planScales(plan, settings, opts, cmd)
	case writemodel.TypePoints:
		err = planPoints(plan, settings, opts, cmd)
	case writemodel.TypeNumeric:
		err = planNumeric(plan, a, settings, cmd)
	case writemodel.TypeContent:
		return nil, caja.Errorf(caja.Conflict, "a content slide takes no answers").WithCode(caja.CodeNotAnswerable)
	default:
		return nil, caja.Errorf(caja.Conflict, "a Q&A takes questions, not responses: POST …/questions").WithCode(caja.CodeNotAnswerable)
	}
	if err != nil {
		return nil, err
	}
	return plan, nil
}

func onlyFields(errs *caja.Fields, cmd SubmitResponse, want string) {
	if want != "option_ids" && cmd.OptionIDs != nil {
		errs.Add("option_ids", "is not used by this activity type")
	}
	if want != "text" && cmd.Text != nil {
		errs.Add("text", "is not used by this activity type")
	}
	if want != "value" && cmd.Value != nil {
		errs.Add("value", "is not used by this activity type")
	}
	if want != "ratings" && cmd.Ratings != nil {
		errs.Add("ratings", "is not used by this activity type")
	}
	if want != "points" && cmd.Points != nil {
		errs.Add("points", "is not used by this activity type")
	}
}

func planChoice(plan *writemodel.Answer, a *writemodel.Activity, settings Settings, opts []writemodel.ActivityOption, cmd SubmitResponse) error {
	var errs caja.Fields
	onlyFields(&errs, cmd, "option_ids")
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
	seen := make(map[string]bool, len(cmd.OptionIDs))
	ids := make([]string, 0, len(cmd.OptionIDs))
	for i, id := range cmd.OptionIDs {
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
	case len(cmd.OptionIDs) == 0:
		errs.Add("option_ids", "choose at least one option")
	case len(ids) > maxChoices:
		errs.Add("option_ids", "choose at most %d option(s)", maxChoices)
	}
	if err := errs.Err(); err != nil {
		return err
	}
	plan.OptionIDs = ids
	if a.Type == writemodel.TypeQuiz {
		right := len(ids) == correctCount
		for _, id := range ids {
			right = right && valid[id]
		}
		plan.Kind = writemodel.AnswerOnce
		plan.Response.Correct = &right
		plan.Response.Points = quizPoints(right, a.OpenedAt, plan.Response.CreatedAt, settings.Quiz)
	}
	return nil
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

func planWord(plan *writemodel.Answer, settings Settings, cmd SubmitResponse) error {
	var errs caja.Fields
	onlyFields(&errs, cmd, "text")
	word := ""
	if cmd.Text == nil {
		errs.Add("text", "is required")
	} else {
		word = text(&errs, "text", *cmd.Text, 1, 40)
	}
	if err := errs.Err(); err != nil {
		return err
	}
	norm := NormalizeWord(word)
	// Each entry takes the participant's first free slot; the unique key on
	// (activity, participant, slot) means racing submissions never exceed
	// the maximum.
	plan.Kind, plan.Slots = writemodel.AnswerSlots, settings.WordCloud.MaxEntries
	plan.Response.Text, plan.Response.Normalized = &word, &norm
	return nil
}

// NormalizeWord is how word-cloud entries are counted: trimmed, inner runs
// of spaces collapsed, case-folded (full folding: "Straße" and "STRASSE"
// are one word), and Arabic written without its optional marks
// (foldArabic). It needs no session language: only Arabic letters are
// touched.
func NormalizeWord(s string) string {
	w := folder.String(strings.Join(strings.Fields(s), " "))
	if a := foldArabic(w); a != "" {
		return a
	}
	return w // marks alone stay what they are rather than an empty word
}

// foldArabic writes Arabic as most people type it, so that its variants
// count as one word: without the harakat and other marks (U+064B–U+065F,
// the superscript alef U+0670) or the tatweel that stretches a word
// (U+0640), and with every alef with hamza or madda (أ إ آ, and the alef
// wasla ٱ) as a bare alef: "كَلب", "كـلب" and "كلب" are one word, so are
// "أحمد" and "احمد". Alef maqsura and yeh (ى ي), teh marbuta and heh (ة ه)
// stay apart: they tell words apart ("على" on, "علي" Ali; "كرة" ball,
// "كره" hatred), and a word once counted with another cannot be told from
// it again. Text without Arabic letters is returned as it is.
func foldArabic(s string) string {
	if !strings.ContainsFunc(s, func(r rune) bool { return unicode.Is(unicode.Arabic, r) }) {
		return s
	}
	// NFC first: an alef followed by a combining hamza is the alef with
	// hamza, and a waw or yeh with one keep theirs (ؤ ئ are letters).
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\u0640', r >= '\u064B' && r <= '\u065F', r == '\u0670':
			return -1
		case r == 'أ', r == 'إ', r == 'آ', r == 'ٱ':
			return 'ا'
		}
		return r
	}, norm.NFC.String(s))
}

func planText(plan *writemodel.Answer, cmd SubmitResponse) error {
	var errs caja.Fields
	onlyFields(&errs, cmd, "text")
	answer := ""
	if cmd.Text == nil {
		errs.Add("text", "is required")
	} else {
		answer = multiline(&errs, "text", *cmd.Text, 1, 500)
	}
	if err := errs.Err(); err != nil {
		return err
	}
	plan.Response.Text = &answer
	return nil
}

func planRating(plan *writemodel.Answer, settings Settings, cmd SubmitResponse) error {
	var errs caja.Fields
	onlyFields(&errs, cmd, "value")
	s := settings.Rating
	switch {
	case cmd.Value == nil:
		errs.Add("value", "is required")
	case *cmd.Value != math.Trunc(*cmd.Value):
		errs.Add("value", "must be a whole number")
	case *cmd.Value < float64(s.Min) || *cmd.Value > float64(s.Max):
		errs.Add("value", "must be between %d and %d", s.Min, s.Max)
	}
	if err := errs.Err(); err != nil {
		return err
	}
	v := int(*cmd.Value)
	plan.Response.Value = &v
	return nil
}
