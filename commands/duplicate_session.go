package commands

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/google/uuid"

	"github.com/cajalive/caja"
	"github.com/cajalive/caja/writemodel"
)

// DuplicateSession copies a session and its activities into a new draft
// session, without participants or answers: organizers reuse their decks.
type DuplicateSession struct {
	SessionID  string
	AdminToken string
	// AccountID is the signed-in caller ("" when none); see Caller.
	AccountID string
}

// DuplicateSessionHandler handles DuplicateSession.
type DuplicateSessionHandler struct {
	store     Transactor
	presenter *caja.Presenter
	codes     *JoinCodeLength
}

// NewDuplicateSessionHandler returns the handler; codes may be shared with
// CreateSession.
func NewDuplicateSessionHandler(store Transactor, presenter *caja.Presenter, codes *JoinCodeLength) DuplicateSessionHandler {
	return DuplicateSessionHandler{store: store, presenter: presenter, codes: codes}
}

// Handle makes the copy in one transaction; the new session gets its own
// join code and secrets.
func (h DuplicateSessionHandler) Handle(ctx context.Context, cmd DuplicateSession) (*SessionCreated, error) {
	adminToken, moderatorToken := caja.NewToken(), caja.NewToken()
	var copySess *writemodel.Session
	digits := h.codes.Digits(ctx)
	for attempt := 0; ; attempt++ {
		if attempt == joinCodeAttempts {
			return nil, caja.Errorf(caja.Unavailable, "could not allocate a join code, try again").WithCode(caja.CodeJoinCodeExhausted)
		}
		err := h.store.Transact(ctx, func(tx *writemodel.Tx) error {
			src, err := tx.GetSessionRow(cmd.SessionID)
			if err != nil {
				return err
			}
			if err := checkRole(tx, Caller{Token: cmd.AdminToken, AccountID: cmd.AccountID}, src, caja.RoleCoHost); err != nil {
				return err
			}
			now := time.Now().UTC()
			copySess = &writemodel.Session{
				ID: uuid.NewString(), Name: src.Name, Description: src.Description, Status: writemodel.StatusDraft,
				AdminID: src.AdminID, JoinCode: newJoinCode(digits + attempt/4), AdminTokenHash: caja.HashToken(adminToken),
				ModeratorTokenHash: caja.HashToken(moderatorToken),
				DisplayKey:         caja.NewToken(), OpenOnPresent: src.OpenOnPresent, Reactions: src.Reactions, ProfanityFilter: src.ProfanityFilter, ProfanityWords: src.ProfanityWords, Language: src.Language, CreatedAt: now, UpdatedAt: now,
			}
			if cmd.AccountID != "" { // the copy belongs to whoever made it
				acc, err := tx.AccountByID(cmd.AccountID)
				if err != nil {
					return err
				}
				copySess.OwnerID, copySess.AdminID = &acc.ID, acc.DisplayName
			}
			if err := tx.InsertSessionRow(copySess); err != nil {
				return err
			}
			acts, err := tx.Activities(src.ID)
			if err != nil {
				return err
			}
			for _, a := range acts {
				opts, err := tx.Options(a.ID)
				if err != nil {
					return err
				}
				na := a
				na.ID, na.SessionID, na.Status, na.ResultsVisible, na.OpenedAt, na.ClosesAt, na.RevealedAt, na.CreatedAt, na.UpdatedAt = uuid.NewString(), copySess.ID, writemodel.ActivityDraft, false, nil, nil, nil, now, now
				nopts := make([]writemodel.ActivityOption, len(opts))
				for i, o := range opts {
					nopts[i] = writemodel.ActivityOption{ID: uuid.NewString(), ActivityID: na.ID, Position: o.Position, Label: o.Label, Correct: o.Correct, ImageID: o.ImageID}
				}
				if err := tx.InsertActivity(&na, nopts); err != nil {
					return err
				}
			}
			// The copy's activities keep their images: the copy links them too.
			return tx.CopySessionImages(src.ID, copySess.ID, now)
		})
		if errors.Is(err, writemodel.ErrJoinCodeTaken) {
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("duplicate session: %w", err)
		}
		break
	}
	doc, err := writemodel.OrganizerSessionOf(h.presenter, copySess)
	if err != nil {
		return nil, fmt.Errorf("duplicate session: %w", err)
	}
	return &SessionCreated{Session: doc, AdminToken: adminToken, DisplayKey: copySess.DisplayKey, ModeratorToken: moderatorToken}, nil
}
