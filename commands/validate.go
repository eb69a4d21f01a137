// Package commands holds the write side's use cases: one command per file, a
// struct for the input and a handler with Handle(ctx, cmd). Business rules
// live here; transactions live in the write model.
package commands

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/secure/precis"
	"golang.org/x/text/unicode/norm"

	"github.com/cajalive/caja"
)

// text validates a single-line text field: NFC-normalised, trimmed, length in
// characters within [min, max], no control characters. It returns the clean
// value.
func text(errs *caja.Fields, field, value string, min, max int) string {
	return checkText(errs, field, value, min, max, false)
}

// multiline is text that may contain line breaks and tabs.
func multiline(errs *caja.Fields, field, value string, min, max int) string {
	return checkText(errs, field, value, min, max, true)
}

func checkText(errs *caja.Fields, field, value string, min, max int, lines bool) string {
	if !utf8.ValidString(value) {
		errs.Add(field, "must be valid UTF-8")
		return ""
	}
	v := strings.TrimSpace(norm.NFC.String(value))
	for _, r := range v {
		if unicode.IsControl(r) && !(lines && (r == '\n' || r == '\t' || r == '\r')) {
			errs.Add(field, "must not contain control characters")
			return ""
		}
	}
	n := utf8.RuneCountInString(v)
	switch {
	case n < min && min == 1:
		errs.Add(field, "is required")
	case n < min:
		errs.Add(field, "must be at least %d characters", min)
	case n > max:
		errs.Add(field, "must be at most %d characters", max)
	}
	return v
}

// nickname enforces the PRECIS Nickname profile (RFC 8266): full-width
// letters become their usual form and runs of spaces one space, and
// invisible or text-direction characters (a zero-width space, a
// right-to-left override) are refused, so no two people can show the same
// name with different bytes. It returns the name to show and the key that
// makes two names "the same" (also case-insensitive), which a unique index
// holds.
func nickname(errs *caja.Fields, field, value string, max int) (display, key string) {
	if !utf8.ValidString(value) {
		errs.Add(field, "must be valid UTF-8")
		return "", ""
	}
	if strings.TrimSpace(value) == "" {
		errs.Add(field, "is required")
		return "", ""
	}
	display, err := precis.Nickname.String(value)
	if err != nil {
		errs.Add(field, "must not contain invisible, text-direction or control characters")
		return "", ""
	}
	if utf8.RuneCountInString(display) > max {
		errs.Add(field, "must be at most %d characters", max)
		return "", ""
	}
	key, err = precis.Nickname.CompareKey(display)
	if err != nil {
		errs.Add(field, "must not contain invisible, text-direction or control characters")
		return "", ""
	}
	return display, key
}
