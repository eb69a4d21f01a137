package commands

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"math/big"
	"strings"
	"time"

	"github.com/google/uuid"

	"github.com/cajalive/caja"
	"github.com/cajalive/caja/writemodel"
)

// CreateSession starts a new session in draft.
type CreateSession struct {
	Name        string
	Description *string
	AdminID     string
	// Owner is the signed-in account creating the session (nil:
	// anonymous); its display name becomes admin_id.
	Owner *caja.Account
	// Language is the display's language (caja.Languages; nil: the
	// default). The dashboard sends its organizer's browser language.
	Language *string
}

// SessionCreated is the new session with its secrets, which are shown only
// now: the database keeps their hashes (the admin token) or needs them for
// the organizer's views (the display key).
type SessionCreated struct {
	caja.Session
	AdminToken string `json:"admin_token"`
	DisplayKey string `json:"display_key"`
	// ModeratorToken opens moderation and results only (the moderator link).
	ModeratorToken string `json:"moderator_token"`
}

// CreateSessionHandler handles CreateSession.
type CreateSessionHandler struct {
	store     SessionInserter
	presenter *caja.Presenter
	codes     *JoinCodeLength
	// requireAccount refuses anonymous organizers (CAJA_AUTH accounts, sso).
	requireAccount bool
}

// RequireAccount returns the handler refusing anonymous organizers when on.
func (h CreateSessionHandler) RequireAccount(on bool) CreateSessionHandler {
	h.requireAccount = on
	return h
}

// NewCreateSessionHandler returns the handler; codes may be shared with
// DuplicateSession.
func NewCreateSessionHandler(store SessionInserter, presenter *caja.Presenter, codes *JoinCodeLength) CreateSessionHandler {
	return CreateSessionHandler{store: store, presenter: presenter, codes: codes}
}

// joinCodeAttempts bounds the draws of a join code; each round of collisions
// makes the next draws one digit longer (up to 8 digits).
const joinCodeAttempts = 12

// Handle validates, draws a join code unique among live sessions (the unique
// index decides; a collision draws again) and stores the session.
func (h CreateSessionHandler) Handle(ctx context.Context, cmd CreateSession) (*SessionCreated, error) {
	if cmd.Owner == nil && h.requireAccount {
		return nil, caja.Errorf(caja.Unauthorized, "sign in to create a session on this server").WithCode(caja.CodeSignInRequired)
	}
	var errs caja.Fields
	name := text(&errs, "name", cmd.Name, 1, 255)
	var desc *string
	if cmd.Description != nil {
		d := multiline(&errs, "description", *cmd.Description, 0, 1000)
		desc = &d
	}
	var ownerID *string
	adminID := ""
	if cmd.Owner != nil {
		ownerID, adminID = &cmd.Owner.ID, cmd.Owner.DisplayName
	} else {
		adminID = text(&errs, "admin_id", cmd.AdminID, 1, 255)
	}
	language := caja.DefaultLanguage
	if cmd.Language != nil {
		if language = *cmd.Language; !caja.KnownLanguage(language) {
			errs.Add("settings.language", "must be one of %s", strings.Join(caja.Languages, ", "))
		}
	}
	if err := errs.Err(); err != nil {
		return nil, err
	}

	adminToken, moderatorToken := caja.NewToken(), caja.NewToken()
	now := time.Now().UTC()
	sess := &writemodel.Session{
		ID:                 uuid.NewString(),
		Name:               name,
		Description:        desc,
		Status:             writemodel.StatusDraft,
		AdminID:            adminID,
		OwnerID:            ownerID,
		AdminTokenHash:     caja.HashToken(adminToken),
		ModeratorTokenHash: caja.HashToken(moderatorToken),
		DisplayKey:         caja.NewToken(),
		OpenOnPresent:      true,
		Language:           language,
		CreatedAt:          now,
		UpdatedAt:          now,
	}
	digits := h.codes.Digits(ctx)
	for attempt := 0; ; attempt++ {
		if attempt == joinCodeAttempts {
			return nil, caja.Errorf(caja.Unavailable, "could not allocate a join code, try again").WithCode(caja.CodeJoinCodeExhausted)
		}
		sess.JoinCode = newJoinCode(digits + attempt/4)
		err := h.store.InsertSession(ctx, sess)
		if errors.Is(err, writemodel.ErrJoinCodeTaken) {
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("create session: %w", err)
		}
		break
	}
	doc, err := writemodel.OrganizerSessionOf(h.presenter, sess)
	if err != nil {
		return nil, fmt.Errorf("create session: %w", err)
	}
	return &SessionCreated{Session: doc, AdminToken: adminToken, DisplayKey: sess.DisplayKey, ModeratorToken: moderatorToken}, nil
}

// newJoinCode draws a numeric code of n digits, never starting with 0 so it
// reads the same wherever it is shown.
func newJoinCode(n int) string {
	n = min(n, 8)
	lo := new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(n-1)), nil)
	span := new(big.Int).Sub(new(big.Int).Mul(lo, big.NewInt(10)), lo)
	v, err := rand.Int(rand.Reader, span)
	if err != nil {
		panic(err) // crypto/rand does not fail on supported platforms
	}
	return v.Add(v, lo).String()
}
