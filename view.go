package caja

// View names a pre-rendered document of a session: who is looking.
type View string

const (
	ViewParticipant View = "participant"
	ViewDisplay     View = "display"
	ViewAdmin       View = "admin"
)
