package caja

import "slices"

// DefaultLanguage is a session's display language when none was chosen.
const DefaultLanguage = "en"

// Languages are the languages the web app is translated into, as BCP 47
// primary subtags; a session's display language is one of them.
var Languages = []string{"en", "de", "fr", "es", "pt", "it", "ar"}

// KnownLanguage reports whether lang is one of Languages.
func KnownLanguage(lang string) bool { return slices.Contains(Languages, lang) }
