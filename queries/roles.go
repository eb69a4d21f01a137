package queries

import (
	"context"
	"sync"
	"time"

	"github.com/cajalive/caja"
)

// SessionRoles is the read interface for a signed-in account's role in a
// session: roles live in the write model's database (they are not
// projected), read through this interface, which cmd/caja wires to it.
type SessionRoles interface {
	// SessionRole is "owner", "co-host", "moderator" or "" (none).
	SessionRole(ctx context.Context, sessionID, accountID string) (string, error)
}

// roleTTL is how long a role read is reused: the organizer's dashboard
// polls its view every few seconds, and a role taken away stops opening it
// within this time (commands always read the role afresh).
const roleTTL = 5 * time.Second

// Roles checks accounts' roles for the organizer reads, with a short cache.
type Roles struct {
	src SessionRoles

	mu    sync.Mutex
	cache map[[2]string]cachedRole
}

type cachedRole struct {
	role string
	at   time.Time
}

// NewRoles returns the checker; src nil allows no account anything.
func NewRoles(src SessionRoles) *Roles {
	return &Roles{src: src, cache: make(map[[2]string]cachedRole)}
}

// allow answers nil when the account's role in the session is at least
// need, and the error to answer otherwise.
func (r *Roles) allow(ctx context.Context, sessionID, accountID, need string) error {
	if r == nil || r.src == nil {
		return caja.Errorf(caja.Unauthorized, "this needs the session's admin token").WithCode(caja.CodeAdminTokenRequired)
	}
	key := [2]string{sessionID, accountID}
	now := time.Now()
	r.mu.Lock()
	c, ok := r.cache[key]
	r.mu.Unlock()
	if !ok || now.Sub(c.at) > roleTTL {
		role, err := r.src.SessionRole(ctx, sessionID, accountID)
		if err != nil {
			return err
		}
		c = cachedRole{role: role, at: now}
		r.mu.Lock()
		if len(r.cache) >= 10_000 {
			clear(r.cache)
		}
		r.cache[key] = c
		r.mu.Unlock()
	}
	if caja.RoleRank(c.role) >= caja.RoleRank(need) {
		return nil
	}
	if c.role == "" {
		return caja.Errorf(caja.Forbidden, "your account has no role in this session").WithCode(caja.CodeRoleInsufficient)
	}
	return caja.Errorf(caja.Forbidden, "this needs the %s role; yours is %s", need, c.role).WithCode(caja.CodeRoleInsufficient)
}

// byAccount reports whether a read is the account's (no token sent, an
// account signed in) and, if so, whether its role allows it.
func (r *Roles) byAccount(ctx context.Context, token, sessionID, accountID, need string) (bool, error) {
	if token != "" || accountID == "" {
		return false, nil
	}
	return true, r.allow(ctx, sessionID, accountID, need)
}
