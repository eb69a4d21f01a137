package caja

import "time"

// Bounds of a session's team: the owner lists and checks it at a glance,
// and every role check stays one indexed read.
const (
	MaxSessionMembers  = 50
	MaxOpenInvitations = 50
)

// TeamAccount is an account as the team list shows it.
type TeamAccount struct {
	AccountID   string `json:"account_id"`
	DisplayName string `json:"display_name"`
	Email       string `json:"email"`
}

// TeamMember is an account with a role in a session (besides its owner).
type TeamMember struct {
	TeamAccount
	Role  string    `json:"role"`
	Since time.Time `json:"since"`
}

// OpenInvitation is an invitation not yet accepted (its link is not shown
// again: the database keeps only its hash).
type OpenInvitation struct {
	Email     string    `json:"email"`
	Role      string    `json:"role"`
	CreatedAt time.Time `json:"created_at"`
	ExpiresAt time.Time `json:"expires_at"`
}

// SessionTeam is GET /sessions/{id}/members: who runs the session.
type SessionTeam struct {
	// Owner is nil for a session created without an account.
	Owner       *TeamAccount     `json:"owner"`
	Members     []TeamMember     `json:"members"`
	Invitations []OpenInvitation `json:"invitations"`
	// YourRole is the reader's role: owner (the owner's account or the
	// admin link) or co-host.
	YourRole string `json:"your_role"`
	// AdminLink: the session still opens with its admin token.
	AdminLink bool `json:"admin_link"`
}
