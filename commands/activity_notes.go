package commands

import "github.com/cajalive/caja"

// maxNotes is how long an activity's speaker notes may be, in characters.
const maxNotes = 5000

// checkNotes validates speaker notes (Markdown, line breaks allowed); nil
// (not sent) is no notes.
func checkNotes(errs *caja.Fields, notes *string) string {
	if notes == nil {
		return ""
	}
	return multiline(errs, "notes", *notes, 0, maxNotes)
}
