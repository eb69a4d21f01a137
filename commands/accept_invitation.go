package commands

import (
	"context"
	"fmt"
	"time"

	"github.com/cajalive/caja"
	"github.com/cajalive/caja/writemodel"
)

// AcceptInvitation gives the signed-in account the invitation's role. The
// link is a bearer secret, like the admin link: whoever holds it and is
// signed in gets the role; it works once, within InvitationTTL.
type AcceptInvitation struct {
	Token     string
	AccountID string
}

// Membership is the role the account now has in the session.
type Membership struct {
	SessionID string `json:"session_id"`
	Role      string `json:"role"`
}

// AcceptInvitationHandler handles AcceptInvitation.
type AcceptInvitationHandler struct{ store Transactor }

// NewAcceptInvitationHandler returns the handler.
func NewAcceptInvitationHandler(store Transactor) AcceptInvitationHandler {
	return AcceptInvitationHandler{store: store}
}

// Handle uses the invitation up; its owner accepting keeps being the owner.
func (h AcceptInvitationHandler) Handle(ctx context.Context, cmd AcceptInvitation) (*Membership, error) {
	if cmd.AccountID == "" {
		return nil, caja.Errorf(caja.Unauthorized, "sign in to accept an invitation").WithCode(caja.CodeSignInRequired)
	}
	if cmd.Token == "" || len(cmd.Token) > 128 {
		return nil, caja.Errorf(caja.NotFound, "this invitation does not exist").WithCode(caja.CodeInvitationNotFound)
	}
	var out Membership
	err := h.store.Transact(ctx, func(tx *writemodel.Tx) error {
		now := time.Now().UTC()
		inv, err := tx.TakeInvitation(caja.HashToken(cmd.Token), now)
		if err != nil {
			return err
		}
		sess, err := tx.LockSession(inv.SessionID)
		if err != nil {
			return err
		}
		out = Membership{SessionID: sess.ID, Role: inv.Role}
		if sess.OwnerID != nil && *sess.OwnerID == cmd.AccountID {
			out.Role = caja.RoleOwner
			return nil
		}
		if err := checkTeamRoom(tx, sess.ID, cmd.AccountID); err != nil {
			return err
		}
		return tx.UpsertMember(&writemodel.SessionMember{SessionID: sess.ID, AccountID: cmd.AccountID, Role: inv.Role, CreatedAt: now})
	})
	if err != nil {
		return nil, fmt.Errorf("accept invitation: %w", err)
	}
	return &out, nil
}

// checkTeamRoom refuses a new member when the team is full (a member
// changing role is not new). The session is locked by the caller.
func checkTeamRoom(tx *writemodel.Tx, sessionID, accountID string) error {
	role, err := tx.MemberRole(sessionID, accountID)
	if err != nil || role != "" {
		return err
	}
	n, err := tx.CountMembers(sessionID)
	if err != nil {
		return err
	}
	if n >= caja.MaxSessionMembers {
		return caja.Errorf(caja.Conflict, "this session's team has %d members, the most it may have", n).WithCode(caja.CodeTeamFull)
	}
	return nil
}
