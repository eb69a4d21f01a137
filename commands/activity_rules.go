package commands

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/cajalive/caja"
	"github.com/cajalive/caja/writemodel"
)

// OptionInput is an option as the organizer sends it.
type OptionInput struct {
	Label   string `json:"label"`
	Correct bool   `json:"correct"`
	// ImageID is an image of the session shown with the option.
	ImageID *string `json:"image_id"`
}

var activityTypes = map[string]bool{
	writemodel.TypePoll: true, writemodel.TypeQuiz: true, writemodel.TypeWordCloud: true,
	writemodel.TypeOpenText: true, writemodel.TypeRating: true, writemodel.TypeQnA: true,
	writemodel.TypeRanking: true, writemodel.TypeScales: true, writemodel.TypePoints: true,
	writemodel.TypeNumeric: true, writemodel.TypeContent: true,
}

// typeList names the activity types, for the problem of an unknown one.
const typeList = "poll, quiz, word_cloud, open_text, rating, qna, ranking, scales, points, numeric, content"

// Settings of each type, with their defaults. Pointers tell "not sent".
// TimeLimitS, on every type that takes answers, starts a countdown when the
// activity opens: the server closes it at the deadline (a quiz always has
// one).
type pollSettings struct {
	resultsSetting
	timerSound
	Multiple   bool `json:"multiple"`
	MaxChoices *int `json:"max_choices"`
	TimeLimitS *int `json:"time_limit_s,omitempty"`
}

type quizSettings struct {
	resultsSetting
	timerSound
	TimeLimitS int `json:"time_limit_s"`
	Points     int `json:"points"`
}

type wordCloudSettings struct {
	resultsSetting
	timerSound
	freeTextModeration
	MaxEntries int  `json:"max_entries_per_participant"`
	TimeLimitS *int `json:"time_limit_s,omitempty"`
}

type ratingSettings struct {
	resultsSetting
	timerSound
	Min        int  `json:"min"`
	Max        int  `json:"max"`
	TimeLimitS *int `json:"time_limit_s,omitempty"`
}

type qnaSettings struct {
	Moderation bool `json:"moderation"`
}

type openTextSettings struct {
	resultsSetting
	timerSound
	freeTextModeration
	TimeLimitS *int `json:"time_limit_s,omitempty"`
}

// Time limits, in seconds, of every type.
const (
	minTimeLimitS = 5
	maxTimeLimitS = 3600
)

// Settings is the parsed, validated settings of an activity.
type Settings struct {
	Poll      pollSettings
	Quiz      quizSettings
	WordCloud wordCloudSettings
	Rating    ratingSettings
	QnA       qnaSettings
	OpenText  openTextSettings
	Ranking   rankingSettings
	Scales    scalesSettings
	Points    pointsSettings
	Numeric   numericSettings
	Content   contentSettings
}

// TimeLimit is how long an activity of type typ stays open once opened;
// 0 when it has no time limit.
func (s Settings) TimeLimit(typ string) time.Duration {
	var secs *int
	switch typ {
	case writemodel.TypeQuiz:
		secs = &s.Quiz.TimeLimitS
	case writemodel.TypePoll:
		secs = s.Poll.TimeLimitS
	case writemodel.TypeWordCloud:
		secs = s.WordCloud.TimeLimitS
	case writemodel.TypeRating:
		secs = s.Rating.TimeLimitS
	case writemodel.TypeOpenText:
		secs = s.OpenText.TimeLimitS
	case writemodel.TypeRanking:
		secs = s.Ranking.TimeLimitS
	case writemodel.TypeScales:
		secs = s.Scales.TimeLimitS
	case writemodel.TypePoints:
		secs = s.Points.TimeLimitS
	case writemodel.TypeNumeric:
		secs = s.Numeric.TimeLimitS
	}
	if secs == nil {
		return 0
	}
	return time.Duration(*secs) * time.Second
}

// parseSettings reads raw settings for an activity type strictly (unknown
// keys are errors), applies defaults and checks ranges. It returns the
// canonical JSON to store.
func parseSettings(errs *caja.Fields, typ string, raw json.RawMessage, optionCount int) (Settings, string) {
	var s Settings
	s.Quiz = quizSettings{TimeLimitS: 20, Points: 1000}
	s.WordCloud = wordCloudSettings{MaxEntries: 3}
	s.Rating = ratingSettings{Min: 1, Max: 5}
	s.Scales = scalesSettings{Min: 1, Max: 5}
	s.Points = pointsSettings{Total: 100}
	s.Numeric = numericSettings{Min: 0, Max: 100}
	var target any
	switch typ {
	case writemodel.TypePoll:
		target = &s.Poll
	case writemodel.TypeQuiz:
		target = &s.Quiz
	case writemodel.TypeWordCloud:
		target = &s.WordCloud
	case writemodel.TypeRating:
		target = &s.Rating
	case writemodel.TypeQnA:
		target = &s.QnA
	case writemodel.TypeRanking:
		target = &s.Ranking
	case writemodel.TypeScales:
		target = &s.Scales
	case writemodel.TypePoints:
		target = &s.Points
	case writemodel.TypeNumeric:
		target = &s.Numeric
	case writemodel.TypeContent:
		target = &s.Content
	default:
		target = &s.OpenText
	}
	if len(bytes.TrimSpace(raw)) > 0 && string(bytes.TrimSpace(raw)) != "null" {
		dec := json.NewDecoder(bytes.NewReader(raw))
		dec.DisallowUnknownFields()
		if err := dec.Decode(target); err != nil {
			errs.Add(settingsField(err), "%s", settingsMessage(err))
			return s, ""
		}
		if _, err := dec.Token(); !errors.Is(err, io.EOF) {
			errs.Add("settings", "must be one JSON object")
			return s, ""
		}
	}
	switch typ {
	case writemodel.TypePoll:
		if s.Poll.MaxChoices != nil {
			if *s.Poll.MaxChoices < 1 || (optionCount > 0 && *s.Poll.MaxChoices > optionCount) {
				errs.Add("settings.max_choices", "must be between 1 and the number of options")
			}
			if !s.Poll.Multiple && *s.Poll.MaxChoices != 1 {
				errs.Add("settings.max_choices", "needs settings.multiple to be true")
			}
		}
	case writemodel.TypeQuiz:
		if s.Quiz.TimeLimitS < minTimeLimitS || s.Quiz.TimeLimitS > maxTimeLimitS {
			errs.Add("settings.time_limit_s", "must be between %d and %d seconds", minTimeLimitS, maxTimeLimitS)
		}
		if s.Quiz.Points < 1 || s.Quiz.Points > 100000 {
			errs.Add("settings.points", "must be between 1 and 100000")
		}
	case writemodel.TypeWordCloud:
		if s.WordCloud.MaxEntries < 1 || s.WordCloud.MaxEntries > 20 {
			errs.Add("settings.max_entries_per_participant", "must be between 1 and 20")
		}
	case writemodel.TypeRating:
		if s.Rating.Min < -100 || s.Rating.Max > 100 || s.Rating.Min >= s.Rating.Max {
			errs.Add("settings.max", "the scale must have min < max, both between -100 and 100")
		} else if s.Rating.Max-s.Rating.Min > 100 {
			errs.Add("settings.max", "the scale may have at most 101 steps")
		}
	}
	checkNewTypeSettings(errs, typ, &s)
	if r := resultsOf(target); r != nil {
		checkResults(errs, r)
	}
	if typ != writemodel.TypeQuiz {
		if d := s.TimeLimit(typ); d != 0 && (d < minTimeLimitS*time.Second || d > maxTimeLimitS*time.Second) {
			errs.Add("settings.time_limit_s", "must be between %d and %d seconds", minTimeLimitS, maxTimeLimitS)
		}
	}
	canonical, _ := json.Marshal(target)
	return s, string(canonical)
}

func settingsField(err error) string {
	var typ *json.UnmarshalTypeError
	if errors.As(err, &typ) && typ.Field != "" {
		// Settings are flat; a field of an embedded struct (results,
		// sound) comes as "resultsSetting.results": keep the JSON name.
		f := typ.Field
		if i := strings.LastIndexByte(f, '.'); i >= 0 && !strings.HasPrefix(f, "correct.") {
			f = f[i+1:]
		}
		return "settings." + f
	}
	if msg := err.Error(); strings.HasPrefix(msg, "json: unknown field ") {
		return "settings." + strings.Trim(strings.TrimPrefix(msg, "json: unknown field "), `"`)
	}
	return "settings"
}

func settingsMessage(err error) string {
	var typ *json.UnmarshalTypeError
	if errors.As(err, &typ) {
		switch typ.Type.Kind().String() {
		case "bool":
			return "must be true or false"
		case "int", "ptr":
			return "must be a whole number"
		case "float64":
			return "must be a number"
		case "string":
			return "must be a string"
		case "struct":
			return "must be an object"
		}
		return "has the wrong type"
	}
	if strings.HasPrefix(err.Error(), "json: unknown field ") {
		return "is not a setting of this activity type"
	}
	return "must be a JSON object"
}

// loadSettings parses stored settings (already valid).
func loadSettings(a *writemodel.Activity) Settings {
	var errs caja.Fields
	s, _ := parseSettings(&errs, a.Type, json.RawMessage(a.Settings), 0)
	return s
}

// checkOptions validates options for a type; it returns the clean labels.
func checkOptions(errs *caja.Fields, typ string, opts []OptionInput, sent bool) []OptionInput {
	switch {
	case typ == writemodel.TypePoll || typ == writemodel.TypeQuiz:
	case hasTypeOptions(typ):
		return checkTypeOptions(errs, typ, opts)
	default:
		if sent && len(opts) > 0 {
			errs.Add("options", "are only for polls, quizzes, rankings, scales and points")
		}
		return nil
	}
	if len(opts) < 2 || len(opts) > 20 {
		errs.Add("options", "must have between 2 and 20 options")
		return nil
	}
	out := make([]OptionInput, len(opts))
	correct := 0
	for i, o := range opts {
		out[i] = OptionInput{Label: text(errs, fmt.Sprintf("options[%d].label", i), o.Label, 1, 200), Correct: o.Correct}
		if o.Correct {
			correct++
			if typ == writemodel.TypePoll {
				errs.Add(fmt.Sprintf("options[%d].correct", i), "polls have no right answer; use a quiz")
			}
		}
	}
	if typ == writemodel.TypeQuiz && correct == 0 {
		errs.Add("options", "a quiz needs at least one option marked correct")
	}
	return out
}
