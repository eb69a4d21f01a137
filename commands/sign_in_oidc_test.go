package commands_test

import (
	"context"
	"testing"

	"github.com/cajalive/caja"
	"github.com/cajalive/caja/commands"
)

// TestSignInOIDC_FindsLinksOrCreates: the first sign-in of an identity
// links the password account with the provider's verified email, or
// creates an account; an unverified email never takes over an account;
// later sign-ins find the account by issuer and subject, whatever email
// the provider says then.
func TestSignInOIDC_FindsLinksOrCreates(t *testing.T) {
	t.Parallel()
	h, _ := newHandlers(t)
	ctx := context.Background()
	pw := signUp(t, h, "pat@example.com")
	const iss = "https://idp.example.com"
	tests := []struct {
		name     string
		cmd      commands.SignInOIDC
		wantID   string // "" : a new account; "-": refused
		wantKind caja.Kind
	}{
		{"UnverifiedEmailOfAnAccount", commands.SignInOIDC{Issuer: iss, Subject: "s1", Email: "PAT@example.com", EmailVerified: false}, "-", caja.Conflict},
		{"VerifiedEmailLinks", commands.SignInOIDC{Issuer: iss, Subject: "s1", Email: "pat@example.com", EmailVerified: true}, pw.ID, 0},
		{"FoundBySubject", commands.SignInOIDC{Issuer: iss, Subject: "s1", Email: "changed@example.com"}, pw.ID, 0},
		{"AnotherSubjectSameEmail", commands.SignInOIDC{Issuer: iss, Subject: "s2", Email: "pat@example.com", EmailVerified: true}, "-", caja.Conflict},
		{"NewIdentity", commands.SignInOIDC{Issuer: iss, Subject: "s3", Email: "new@example.com", Name: "New Person"}, "", 0},
		{"NoEmail", commands.SignInOIDC{Issuer: iss, Subject: "s4"}, "-", caja.Forbidden},
		{"NoSubject", commands.SignInOIDC{Issuer: iss, Email: "x@example.com"}, "-", caja.Unauthorized},
	}
	for _, tt := range tests { // in order: each builds on the one before
		out, err := h.SignInOIDC.Handle(ctx, tt.cmd)
		switch {
		case tt.wantID == "-":
			if err == nil || caja.KindOf(err) != tt.wantKind {
				t.Errorf("%s: %v (%v), want %s", tt.name, out, err, tt.wantKind)
			}
		case err != nil:
			t.Errorf("%s: %v", tt.name, err)
		case tt.wantID != "" && out.Account.ID != tt.wantID, tt.wantID == "" && (out.Account.ID == pw.ID || out.Account.DisplayName != "New Person"), out.Token == "":
			t.Errorf("%s: %+v", tt.name, out)
		}
	}
}
