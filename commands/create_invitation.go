package commands

import (
	"context"
	"fmt"
	"time"

	"github.com/cajalive/caja"
	"github.com/cajalive/caja/writemodel"
)

// CreateInvitation makes a link that gives a role in a session to the
// signed-in account that accepts it (no mail is sent: the organizer copies
// the link).
type CreateInvitation struct {
	SessionID  string
	AdminToken string
	AccountID  string
	Email      string
	Role       string
}

// Invitation is the new link, shown only now (the database keeps the
// token's SHA-256).
type Invitation struct {
	Token string `json:"token"`
	URL   string `json:"url"`
}

// InvitationTTL is how long an invitation may be accepted.
const InvitationTTL = 7 * 24 * time.Hour

// CreateInvitationHandler handles CreateInvitation.
type CreateInvitationHandler struct {
	store     Transactor
	presenter *caja.Presenter
}

// NewCreateInvitationHandler returns the handler.
func NewCreateInvitationHandler(store Transactor, presenter *caja.Presenter) CreateInvitationHandler {
	return CreateInvitationHandler{store: store, presenter: presenter}
}

// Handle needs the co-host role (or the owner's).
func (h CreateInvitationHandler) Handle(ctx context.Context, cmd CreateInvitation) (*Invitation, error) {
	var errs caja.Fields
	email := checkEmail(&errs, "email", cmd.Email)
	if cmd.Role != caja.RoleCoHost && cmd.Role != caja.RoleModerator {
		errs.Add("role", "must be co-host or moderator")
	}
	if err := errs.Err(); err != nil {
		return nil, err
	}
	token := caja.NewToken()
	err := h.store.Transact(ctx, func(tx *writemodel.Tx) error {
		// The lock orders concurrent invitations, so the bound holds.
		sess, err := tx.LockSession(cmd.SessionID)
		if err != nil {
			return err
		}
		if err := checkRole(tx, Caller{Token: cmd.AdminToken, AccountID: cmd.AccountID}, sess, caja.RoleCoHost); err != nil {
			return err
		}
		now := time.Now().UTC()
		open, err := tx.PruneInvitations(sess.ID, now)
		if err != nil {
			return err
		}
		if open >= caja.MaxOpenInvitations {
			return caja.Errorf(caja.Conflict, "this session has %d invitations waiting to be accepted, the most it may have", open).WithCode(caja.CodeTooManyInvitations)
		}
		return tx.InsertInvitation(&writemodel.SessionInvitation{TokenHash: caja.HashToken(token), SessionID: sess.ID, Email: email, Role: cmd.Role, CreatedAt: now, ExpiresAt: now.Add(InvitationTTL)})
	})
	if err != nil {
		return nil, fmt.Errorf("create invitation: %w", err)
	}
	return &Invitation{Token: token, URL: h.presenter.BaseURL() + "/admin/invitations/" + token}, nil
}
