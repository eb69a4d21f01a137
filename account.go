package caja

import (
	"encoding/json"
	"strings"
	"time"
)

// Account is an organizer's account as its owner sees it (GET /auth/me).
type Account struct {
	ID          string    `json:"id"`
	Email       string    `json:"email"`
	DisplayName string    `json:"display_name"`
	CreatedAt   time.Time `json:"created_at"`
}

// Roles an account (or a bearer token) has in a session. The owner may do
// everything; a co-host everything but delete and transfer the session; a
// moderator moderates and reads results, nothing else.
const (
	RoleOwner     = "owner"
	RoleCoHost    = "co-host"
	RoleModerator = "moderator"
)

// RoleRank orders roles: a command needing a role accepts every role of at
// least its rank; "" (no role) ranks below all.
func RoleRank(role string) int {
	switch role {
	case RoleOwner:
		return 3
	case RoleCoHost:
		return 2
	case RoleModerator:
		return 1
	default:
		return 0
	}
}

// MySession is one entry of GET /me/sessions.
type MySession struct {
	ID        string    `json:"id"`
	Name      string    `json:"name"`
	Status    string    `json:"status"`
	Role      string    `json:"role"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
}

// MySessions is a page of GET /me/sessions; NextCursor is empty on the last.
type MySessions struct {
	Sessions   []MySession `json:"sessions"`
	NextCursor string      `json:"next_cursor"`
}

// NormalizeEmail is the form an email is stored and compared in: trimmed
// and lower-cased.
func NormalizeEmail(s string) string { return strings.ToLower(strings.TrimSpace(s)) }

// Auth modes (CAJA_AUTH).
const (
	// AuthOpen lets anonymous organizers create sessions; accounts are
	// optional.
	AuthOpen = "open"
	// AuthAccounts needs a signed-in account to create a session;
	// password sign-up is on.
	AuthAccounts = "accounts"
	// AuthSSO needs an account signed in through OpenID Connect; password
	// sign-up is off.
	AuthSSO = "sso"
)

// AccountSessionIdle is how long a signed-in browser stays signed in
// without being used; AccountSessionTouch is how often its use is written
// down (at most).
const (
	AccountSessionIdle  = 14 * 24 * time.Hour
	AccountSessionTouch = time.Minute
)

// AccountExport is GET /me/export: the account and, for every session it
// owns, the session's export document (ExportDocument, as
// GET /sessions/{id}/export.json answers it).
type AccountExport struct {
	Account  Account         `json:"account"`
	Sessions []SessionExport `json:"sessions"`
}

// SessionExport is one owned session in AccountExport.
type SessionExport struct {
	MySession
	Export json.RawMessage `json:"export"`
}
