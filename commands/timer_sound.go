package commands

// timerSound is settings.sound of every type with a time limit: true asks
// the display to play a short sound when the countdown ends (off by
// default, and then not stored). The server only keeps it; the display
// plays it, once per deadline.
type timerSound struct {
	Sound bool `json:"sound,omitempty"`
}
