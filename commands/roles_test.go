package commands_test

import (
	"bytes"
	"context"
	"image"
	"image/png"
	"testing"

	"github.com/cajalive/caja"
	"github.com/cajalive/caja/commands"
)

// roleFixture is a session owned by an account, with a co-host and a
// moderator by invitation, and something behind every organizer command:
// a quiz, an open Q&A with a question, an open free-text activity with an
// entry, a participant.
type roleFixture struct {
	s                    *commands.SessionCreated
	quiz, qna, text      *caja.Activity
	question, entry, pid string
	// member is the moderator's account (RemoveMember removes it);
	// cohost the co-host's (TransferSession hands it the session).
	member, cohost string
}

// accounts of TestRoles_EveryOrganizerCommand, by role.
type roleAccounts struct{ owner, cohost, moderator, stranger string }

func signUp(t *testing.T, h commands.Handlers, email string) caja.Account {
	t.Helper()
	out, err := h.SignUp.Handle(context.Background(), commands.SignUp{Email: email, Password: "correct horse battery", DisplayName: email})
	if err != nil {
		t.Fatalf("sign up %s: %v", email, err)
	}
	return out.Account
}

func newRoleFixture(t *testing.T, h commands.Handlers, owner *caja.Account, acc roleAccounts) roleFixture {
	t.Helper()
	ctx := context.Background()
	s, err := h.CreateSession.Handle(ctx, commands.CreateSession{Name: "Roles", Owner: owner})
	if err != nil {
		t.Fatal(err)
	}
	f := roleFixture{s: s, member: acc.moderator, cohost: acc.cohost}
	for role, id := range map[string]string{caja.RoleCoHost: acc.cohost, caja.RoleModerator: acc.moderator} {
		inv, err := h.CreateInvitation.Handle(ctx, commands.CreateInvitation{SessionID: s.ID, AccountID: acc.owner, Email: "x@example.com", Role: role})
		if err != nil {
			t.Fatal(err)
		}
		if m, err := h.AcceptInvitation.Handle(ctx, commands.AcceptInvitation{Token: inv.Token, AccountID: id}); err != nil || m.Role != role {
			t.Fatalf("accept %s: %v %v", role, m, err)
		}
	}
	f.quiz = mustActivity(t, h, s, commands.CreateActivity{Type: "quiz", Title: "2+2", Options: []commands.OptionInput{{Label: "3"}, {Label: "4", Correct: true}}})
	f.qna = openActivity(t, h, s, "qna")
	f.text = openActivity(t, h, s, "open_text")
	p, err := h.JoinSession.Handle(ctx, commands.JoinSession{SessionID: s.ID, Nickname: "ana"})
	if err != nil {
		t.Fatal(err)
	}
	f.pid = p.ID
	q, err := h.AskQuestion.Handle(ctx, commands.AskQuestion{SessionID: s.ID, ActivityID: f.qna.ID, Token: p.Token, Text: "Why?"})
	if err != nil {
		t.Fatal(err)
	}
	f.question = q.ID
	e, err := h.SubmitResponse.Handle(ctx, commands.SubmitResponse{SessionID: s.ID, ActivityID: f.text.ID, Token: p.Token, Text: ptr("hello")})
	if err != nil {
		t.Fatal(err)
	}
	f.entry = e.ID
	return f
}

func mustActivity(t *testing.T, h commands.Handlers, s *commands.SessionCreated, cmd commands.CreateActivity) *caja.Activity {
	t.Helper()
	cmd.SessionID, cmd.AdminToken = s.ID, s.AdminToken
	a, err := h.CreateActivity.Handle(context.Background(), cmd)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func tinyPNG(t *testing.T) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := png.Encode(&b, image.NewNRGBA(image.Rect(0, 0, 4, 4))); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestRoles_EveryOrganizerCommand runs every organizer command with each
// role (an account's, or a link's) and with none: the owner runs
// everything, a co-host everything but deleting, transferring and revoking
// the admin link, a moderator moderates only, and the admin link counts as
// the owner but for transferring and revoking itself; anyone else is
// refused (401 with nothing, 403 with the wrong thing).
func TestRoles_EveryOrganizerCommand(t *testing.T) {
	t.Parallel()
	h, _ := newHandlers(t)
	owner := signUp(t, h, "owner@example.com")
	acc := roleAccounts{owner: owner.ID, cohost: signUp(t, h, "cohost@example.com").ID, moderator: signUp(t, h, "mod@example.com").ID, stranger: signUp(t, h, "stranger@example.com").ID}
	img := tinyPNG(t)

	type run func(ctx context.Context, f roleFixture, token, account string) error
	commandsUnderTest := []struct {
		name string
		need string // the least role that may
		// accountOnly: the owner's account, not the admin link (which
		// otherwise counts as the owner).
		accountOnly bool
		run         run
	}{
		{"UpdateSession", caja.RoleCoHost, false, func(ctx context.Context, f roleFixture, tok, acc string) error {
			_, err := h.UpdateSession.Handle(ctx, commands.UpdateSession{SessionID: f.s.ID, AdminToken: tok, AccountID: acc, Name: ptr("Renamed")})
			return err
		}},
		{"DuplicateSession", caja.RoleCoHost, false, func(ctx context.Context, f roleFixture, tok, acc string) error {
			_, err := h.DuplicateSession.Handle(ctx, commands.DuplicateSession{SessionID: f.s.ID, AdminToken: tok, AccountID: acc})
			return err
		}},
		{"CreateActivity", caja.RoleCoHost, false, func(ctx context.Context, f roleFixture, tok, acc string) error {
			_, err := h.CreateActivity.Handle(ctx, commands.CreateActivity{SessionID: f.s.ID, AdminToken: tok, AccountID: acc, Type: "qna", Title: "More"})
			return err
		}},
		{"UpdateActivity", caja.RoleCoHost, false, func(ctx context.Context, f roleFixture, tok, acc string) error {
			_, err := h.UpdateActivity.Handle(ctx, commands.UpdateActivity{SessionID: f.s.ID, ActivityID: f.quiz.ID, AdminToken: tok, AccountID: acc, Title: ptr("3+3")})
			return err
		}},
		{"DeleteActivity", caja.RoleCoHost, false, func(ctx context.Context, f roleFixture, tok, acc string) error {
			return h.DeleteActivity.Handle(ctx, commands.DeleteActivity{SessionID: f.s.ID, ActivityID: f.quiz.ID, AdminToken: tok, AccountID: acc})
		}},
		{"KickParticipant", caja.RoleCoHost, false, func(ctx context.Context, f roleFixture, tok, acc string) error {
			return h.KickParticipant.Handle(ctx, commands.KickParticipant{SessionID: f.s.ID, ParticipantID: f.pid, AdminToken: tok, AccountID: acc})
		}},
		{"RotateModeratorToken", caja.RoleCoHost, false, func(ctx context.Context, f roleFixture, tok, acc string) error {
			_, err := h.RotateModeratorToken.Handle(ctx, commands.RotateModeratorToken{SessionID: f.s.ID, AdminToken: tok, AccountID: acc})
			return err
		}},
		{"UploadImage", caja.RoleCoHost, false, func(ctx context.Context, f roleFixture, tok, acc string) error {
			_, err := h.UploadImage.Handle(ctx, commands.UploadImage{SessionID: f.s.ID, AdminToken: tok, AccountID: acc, Filename: "a.png", ContentType: "image/png", Data: img})
			return err
		}},
		{"CreateInvitation", caja.RoleCoHost, false, func(ctx context.Context, f roleFixture, tok, acc string) error {
			_, err := h.CreateInvitation.Handle(ctx, commands.CreateInvitation{SessionID: f.s.ID, AdminToken: tok, AccountID: acc, Email: "new@example.com", Role: caja.RoleModerator})
			return err
		}},
		{"RevokeInvitations", caja.RoleCoHost, false, func(ctx context.Context, f roleFixture, tok, acc string) error {
			if _, err := h.CreateInvitation.Handle(ctx, commands.CreateInvitation{SessionID: f.s.ID, AccountID: owner.ID, Email: "gone@example.com", Role: caja.RoleModerator}); err != nil {
				return err
			}
			return h.RevokeInvitations.Handle(ctx, commands.RevokeInvitations{SessionID: f.s.ID, AdminToken: tok, AccountID: acc, Email: "gone@example.com"})
		}},
		{"RemoveMember", caja.RoleCoHost, false, func(ctx context.Context, f roleFixture, tok, acc string) error {
			return h.RemoveMember.Handle(ctx, commands.RemoveMember{SessionID: f.s.ID, AdminToken: tok, AccountID: acc, MemberID: f.member})
		}},
		{"ModerateQuestion", caja.RoleModerator, false, func(ctx context.Context, f roleFixture, tok, acc string) error {
			_, err := h.ModerateQuestion.Handle(ctx, commands.ModerateQuestion{SessionID: f.s.ID, ActivityID: f.qna.ID, QuestionID: f.question, AdminToken: tok, AccountID: acc, Pinned: ptr(true)})
			return err
		}},
		{"ModerateEntry", caja.RoleModerator, false, func(ctx context.Context, f roleFixture, tok, acc string) error {
			_, err := h.ModerateEntry.Handle(ctx, commands.ModerateEntry{SessionID: f.s.ID, ActivityID: f.text.ID, EntryID: f.entry, AdminToken: tok, AccountID: acc, Hidden: ptr(true)})
			return err
		}},
		{"HideParticipantEntries", caja.RoleModerator, false, func(ctx context.Context, f roleFixture, tok, acc string) error {
			_, err := h.HideEntries.Handle(ctx, commands.HideParticipantEntries{SessionID: f.s.ID, ParticipantID: f.pid, AdminToken: tok, AccountID: acc, Hidden: ptr(true)})
			return err
		}},
		{"RevokeAdminToken", caja.RoleOwner, true, func(ctx context.Context, f roleFixture, _, acc string) error {
			return h.RevokeAdminToken.Handle(ctx, commands.RevokeAdminToken{SessionID: f.s.ID, AccountID: acc})
		}},
		{"TransferSession", caja.RoleOwner, true, func(ctx context.Context, f roleFixture, _, acc string) error {
			_, err := h.TransferSession.Handle(ctx, commands.TransferSession{SessionID: f.s.ID, AccountID: acc, To: f.cohost})
			return err
		}},
		{"DeleteSession", caja.RoleOwner, false, func(ctx context.Context, f roleFixture, tok, acc string) error {
			return h.DeleteSession.Handle(ctx, commands.DeleteSession{SessionID: f.s.ID, AdminToken: tok, AccountID: acc})
		}},
	}
	// Callers: an account's role, a link's, or nothing. The admin link is
	// the owner's for everything but revoking itself (that needs the
	// owner's account).
	callers := []struct {
		name    string
		role    string
		token   func(f roleFixture) string
		account string
	}{
		{"OwnerAccount", caja.RoleOwner, nil, acc.owner},
		{"CoHostAccount", caja.RoleCoHost, nil, acc.cohost},
		{"ModeratorAccount", caja.RoleModerator, nil, acc.moderator},
		{"StrangerAccount", "", nil, acc.stranger},
		{"AdminToken", caja.RoleOwner, func(f roleFixture) string { return f.s.AdminToken }, ""},
		{"ModeratorToken", caja.RoleModerator, func(f roleFixture) string { return f.s.ModeratorToken }, ""},
		{"WrongToken", "", func(roleFixture) string { return caja.NewToken() }, ""},
		{"Nothing", "", nil, ""},
	}
	ctx := context.Background()
	for _, cmd := range commandsUnderTest {
		t.Run(cmd.name, func(t *testing.T) {
			for _, c := range callers {
				t.Run(c.name, func(t *testing.T) {
					f := newRoleFixture(t, h, &owner, acc)
					token := ""
					if c.token != nil {
						token = c.token(f)
					}
					allowed := caja.RoleRank(c.role) >= caja.RoleRank(cmd.need) && !(cmd.accountOnly && c.account == "")
					err := cmd.run(ctx, f, token, c.account)
					kind := caja.KindOf(err)
					switch {
					case allowed && err != nil:
						t.Fatalf("refused: %v", err)
					case !allowed && err == nil:
						t.Fatal("allowed")
					case !allowed && token == "" && c.account == "" && kind != caja.Unauthorized:
						t.Fatalf("no credentials: %v (%s), want unauthorized", err, kind)
					case !allowed && (token != "" || c.account != "") && kind != caja.Forbidden && !(cmd.accountOnly && c.account == ""):
						t.Fatalf("the wrong credentials: %v (%s), want forbidden", err, kind)
					}
				})
			}
		})
	}
}
