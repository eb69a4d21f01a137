package commands

import (
	"github.com/cajalive/caja"
	"github.com/cajalive/caja/writemodel"
)

// An organizer command's caller is a bearer token of the session (its
// admin token or its moderator token: the links that work without an
// account) and/or a signed-in account (AccountID, from the cookie). Each
// command resolves it to the caller's role in the session, the best of
// what the token and the account give, and refuses a role below the one it
// needs:
//
//   - owner: the account that owns the session, or the admin token of a
//     session (the admin link keeps working until the owner revokes it);
//   - co-host: everything but deleting the session, revoking the admin
//     link and transferring it (a member with that role); transferring and
//     revoking need the owner's account, not the admin link;
//   - moderator: moderation and results only (the moderator token, or a
//     member with that role).
type Caller struct {
	Token     string
	AccountID string
}

// roleOf resolves c in s (read in tx).
func roleOf(tx *writemodel.Tx, c Caller, s *writemodel.Session) (role string, err error) {
	if c.Token != "" {
		switch {
		case len(s.AdminTokenHash) > 0 && caja.TokenMatches(c.Token, s.AdminTokenHash):
			role = caja.RoleOwner
		case caja.TokenMatches(c.Token, s.ModeratorTokenHash):
			role = caja.RoleModerator
		}
	}
	if c.AccountID == "" || role == caja.RoleOwner {
		return role, nil
	}
	if s.OwnerID != nil && *s.OwnerID == c.AccountID {
		return caja.RoleOwner, nil
	}
	member, err := tx.MemberRole(s.ID, c.AccountID)
	if err != nil {
		return "", err
	}
	if caja.RoleRank(member) > caja.RoleRank(role) {
		role = member
	}
	return role, nil
}

// checkRole refuses a caller whose role in s is below need. A caller with
// nothing at all is 401; a token that opens nothing, or a role too low, is
// 403 (the token codes of before accounts when only a token was sent).
func checkRole(tx *writemodel.Tx, c Caller, s *writemodel.Session, need string) error {
	moderation := need == caja.RoleModerator
	if c.Token == "" && c.AccountID == "" {
		if moderation {
			return caja.Errorf(caja.Unauthorized, "this needs the session's admin or moderator token, or a signed-in organizer").WithCode(caja.CodeModeratorTokenRequired)
		}
		return caja.Errorf(caja.Unauthorized, "this needs the session's admin token, or a signed-in organizer").WithCode(caja.CodeAdminTokenRequired)
	}
	role, err := roleOf(tx, c, s)
	if err != nil {
		return err
	}
	if caja.RoleRank(role) >= caja.RoleRank(need) {
		return nil
	}
	if c.AccountID == "" || role == "" && c.Token != "" {
		if moderation {
			return caja.Errorf(caja.Forbidden, "this token does not moderate this session").WithCode(caja.CodeModeratorTokenWrong)
		}
		return caja.Errorf(caja.Forbidden, "this admin token does not open this session").WithCode(caja.CodeAdminTokenWrong)
	}
	if role == "" {
		return caja.Errorf(caja.Forbidden, "your account has no role in this session").WithCode(caja.CodeRoleInsufficient)
	}
	return caja.Errorf(caja.Forbidden, "this needs the %s role; yours is %s", need, role).WithCode(caja.CodeRoleInsufficient)
}

// checkAdminToken accepts the admin token alone (claiming a session).
func checkAdminToken(token string, s *writemodel.Session) error {
	if token == "" {
		return caja.Errorf(caja.Unauthorized, "this needs the session's admin token").WithCode(caja.CodeAdminTokenRequired)
	}
	if len(s.AdminTokenHash) == 0 || !caja.TokenMatches(token, s.AdminTokenHash) {
		return caja.Errorf(caja.Forbidden, "this admin token does not open this session").WithCode(caja.CodeAdminTokenWrong)
	}
	return nil
}
