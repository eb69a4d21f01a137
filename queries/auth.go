package queries

import (
	"context"

	"github.com/cajalive/caja"
	"github.com/cajalive/caja/readmodel"
)

// requireAdmin checks an admin token against the stored hash.
func requireAdmin(token, hashHex string) error {
	if token == "" {
		return caja.Errorf(caja.Unauthorized, "this needs the session's admin token").WithCode(caja.CodeAdminTokenRequired)
	}
	if !caja.TokenMatchesHex(token, hashHex) {
		return caja.Errorf(caja.Forbidden, "this admin token does not open this session").WithCode(caja.CodeAdminTokenWrong)
	}
	return nil
}

// adminFields reads session fields after checking the admin token (the
// check and the read are one round trip).
func adminFields(ctx context.Context, r SessionFields, sessionID, token string, fields ...string) ([]string, error) {
	if token == "" {
		return nil, caja.Errorf(caja.Unauthorized, "this needs the session's admin token").WithCode(caja.CodeAdminTokenRequired)
	}
	vals, err := fieldsWithRepair(ctx, r, sessionID, append([]string{readmodel.FieldAdminTokenHash}, fields...)...)
	if err != nil {
		return nil, err
	}
	if err := requireAdmin(token, vals[0]); err != nil {
		return nil, err
	}
	return vals[1:], nil
}

// requireModerator checks a token that may moderate and read results: the
// admin token or the moderator token (whose hash is "" when the session has
// none).
func requireModerator(token, adminHashHex, moderatorHashHex string) error {
	if token == "" {
		return caja.Errorf(caja.Unauthorized, "this needs the session's admin or moderator token").WithCode(caja.CodeModeratorTokenRequired)
	}
	if caja.TokenMatchesHex(token, adminHashHex) || caja.TokenMatchesHex(token, moderatorHashHex) {
		return nil
	}
	return caja.Errorf(caja.Forbidden, "this token does not open this session's results").WithCode(caja.CodeModeratorTokenWrong)
}

// organizerFields is adminFields for a signed-in co-host (or owner) too:
// with no token sent and an account, the account's role decides.
func organizerFields(ctx context.Context, r SessionFields, roles *Roles, sessionID, token, accountID string, fields ...string) ([]string, error) {
	by, err := roles.byAccount(ctx, token, sessionID, accountID, caja.RoleCoHost)
	if !by {
		return adminFields(ctx, r, sessionID, token, fields...)
	}
	if err != nil {
		return nil, err
	}
	if len(fields) == 0 {
		return nil, nil
	}
	return fieldsWithRepair(ctx, r, sessionID, fields...)
}
