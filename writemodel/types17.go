package writemodel

import "encoding/json"

// Scored reports whether an activity's answers earn points on the
// leaderboard once revealed: a quiz, or a numeric activity with a right
// answer (settings.correct).
func Scored(a *Activity) bool {
	switch a.Type {
	case TypeQuiz:
		return true
	case TypeNumeric:
		var s struct {
			Correct json.RawMessage `json:"correct"`
		}
		_ = json.Unmarshal([]byte(a.Settings), &s) // validated by the commands
		return len(s.Correct) > 0 && string(s.Correct) != "null"
	}
	return false
}

// withoutCorrect is a numeric activity's settings without its right answer.
func withoutCorrect(settings string) json.RawMessage {
	var s map[string]json.RawMessage
	if err := json.Unmarshal([]byte(settings), &s); err != nil || s["correct"] == nil {
		return json.RawMessage(settings)
	}
	delete(s, "correct")
	b, _ := json.Marshal(s) // raw values from valid JSON: cannot fail
	return b
}
