package httpapi

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/coreos/go-oidc/v3/oidc"
	"github.com/gin-gonic/gin"
	"golang.org/x/oauth2"

	"github.com/cajalive/caja"
	"github.com/cajalive/caja/commands"
)

// OIDCConfig is single sign-on with an OpenID Connect provider
// (authorization code flow with PKCE); off while Issuer is empty.
type OIDCConfig struct {
	Issuer       string `env:"CAJA_OIDC_ISSUER"`
	ClientID     string `env:"CAJA_OIDC_CLIENT_ID"`
	ClientSecret string `env:"CAJA_OIDC_CLIENT_SECRET"`
	// RedirectURL is registered with the provider; by default the public
	// URL's /api/v1/auth/oidc/callback.
	RedirectURL string `env:"CAJA_OIDC_REDIRECT_URL"`
}

// oidcCookie carries the state, the nonce and the PKCE verifier of one
// sign-in between start and callback, signed (HMAC-SHA256), for
// oidcFlowTTL.
const (
	oidcCookie  = "caja_oidc"
	oidcPath    = "/api/v1/auth/oidc"
	oidcFlowTTL = 10 * time.Minute
)

type oidcFlow struct {
	State    string `json:"s"`
	Nonce    string `json:"n"`
	Verifier string `json:"v"`
	Expires  int64  `json:"e"`
}

// ssoClient is the relying party: the provider's discovery is fetched on
// first use (and again after a failure), so a provider that is down at
// start does not keep the server from starting.
type ssoClient struct {
	cfg      OIDCConfig
	redirect string
	key      []byte

	mu       sync.Mutex
	provider *oidc.Provider
}

func newSSOClient(cfg OIDCConfig, publicURL string) *ssoClient {
	if cfg.Issuer == "" {
		return nil
	}
	redirect := cfg.RedirectURL
	if redirect == "" {
		redirect = strings.TrimRight(publicURL, "/") + oidcPath + "/callback"
	}
	// The flow cookie's key: derived from the client secret, so that every
	// replica of a deployment shares it; random for a public client.
	key := make([]byte, 32)
	if cfg.ClientSecret != "" {
		m := hmac.New(sha256.New, []byte(cfg.ClientSecret))
		m.Write([]byte("caja oidc flow cookie"))
		key = m.Sum(nil)
	} else {
		_, _ = rand.Read(key)
	}
	return &ssoClient{cfg: cfg, redirect: redirect, key: key}
}

func (s *ssoClient) discover(ctx context.Context) (*oidc.Provider, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.provider != nil {
		return s.provider, nil
	}
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	p, err := oidc.NewProvider(ctx, s.cfg.Issuer)
	if err != nil {
		return nil, &caja.Error{Kind: caja.Unavailable, Code: caja.CodeSSOUnavailable, Message: "the identity provider cannot be reached; try again shortly", RetryAfter: 5 * time.Second, Err: err}
	}
	s.provider = p
	return p, nil
}

func (s *ssoClient) oauth(p *oidc.Provider) *oauth2.Config {
	return &oauth2.Config{ClientID: s.cfg.ClientID, ClientSecret: s.cfg.ClientSecret, Endpoint: p.Endpoint(), RedirectURL: s.redirect, Scopes: []string{oidc.ScopeOpenID, "email", "profile"}}
}

func (s *ssoClient) sign(f oidcFlow) string {
	b, _ := json.Marshal(f)
	payload := base64.RawURLEncoding.EncodeToString(b)
	m := hmac.New(sha256.New, s.key)
	m.Write([]byte(payload))
	return payload + "." + base64.RawURLEncoding.EncodeToString(m.Sum(nil))
}

func (s *ssoClient) open(v string, now time.Time) (oidcFlow, bool) {
	payload, mac, ok := strings.Cut(v, ".")
	if !ok {
		return oidcFlow{}, false
	}
	got, err := base64.RawURLEncoding.DecodeString(mac)
	m := hmac.New(sha256.New, s.key)
	m.Write([]byte(payload))
	if err != nil || !hmac.Equal(got, m.Sum(nil)) {
		return oidcFlow{}, false
	}
	b, err := base64.RawURLEncoding.DecodeString(payload)
	var f oidcFlow
	if err != nil || json.Unmarshal(b, &f) != nil || now.Unix() > f.Expires {
		return oidcFlow{}, false
	}
	return f, true
}

func ssoOff(c *gin.Context) { fail(c, errSSOOff()) }

func errSSOOff() error {
	return caja.Errorf(caja.NotFound, "single sign-on is not configured on this server").WithCode(caja.CodeSSOUnavailable)
}

func ssoFailed(c *gin.Context, why string) {
	callbackFail(c, caja.Errorf(caja.Unauthorized, "single sign-on failed: %s; start again", why).WithCode(caja.CodeSSOFailed))
}

// callbackFail answers a failed return from the provider. A browser lands
// on the callback by a redirect: it is sent on to the sign-in page, which
// says what happened in the organizer's language (?sso_error=<code>); any
// other client gets the problem document.
func callbackFail(c *gin.Context, err error) {
	if c.GetHeader("Sec-Fetch-Mode") != "navigate" && !strings.Contains(c.GetHeader("Accept"), "text/html") {
		fail(c, err)
		return
	}
	if k := caja.KindOf(err); k == caja.Internal || k == caja.Unavailable {
		_ = c.Error(err) // logged with the request, as fail does
	}
	c.Header("Cache-Control", "no-store")
	c.Redirect(http.StatusSeeOther, "/admin/sign-in?sso_error="+url.QueryEscape(string(caja.CodeOf(err))))
}

// oidcStart sends the browser to the provider with a fresh state, nonce
// and PKCE challenge, remembered in the signed flow cookie.
func (a *API) oidcStart(c *gin.Context) {
	if a.sso == nil {
		ssoOff(c)
		return
	}
	p, err := a.sso.discover(c.Request.Context())
	if err != nil {
		fail(c, err)
		return
	}
	f := oidcFlow{State: caja.NewToken(), Nonce: caja.NewToken(), Verifier: oauth2.GenerateVerifier(), Expires: time.Now().Add(oidcFlowTTL).Unix()}
	http.SetCookie(c.Writer, &http.Cookie{Name: oidcCookie, Value: a.sso.sign(f), Path: oidcPath, MaxAge: int(oidcFlowTTL / time.Second), HttpOnly: true, SameSite: http.SameSiteLaxMode, Secure: a.cookies.secure(c.Request)})
	c.Header("Cache-Control", "no-store")
	c.Redirect(http.StatusFound, a.sso.oauth(p).AuthCodeURL(f.State, oidc.Nonce(f.Nonce), oauth2.S256ChallengeOption(f.Verifier)))
}

// oidcCallback checks the state, exchanges the code with the PKCE
// verifier, verifies the ID token (signature, issuer, audience, expiry,
// nonce), and signs the account in.
func (a *API) oidcCallback(c *gin.Context) {
	if a.sso == nil {
		callbackFail(c, errSSOOff())
		return
	}
	ck, err := c.Request.Cookie(oidcCookie)
	var f oidcFlow
	ok := err == nil
	if ok {
		f, ok = a.sso.open(ck.Value, time.Now())
	}
	http.SetCookie(c.Writer, &http.Cookie{Name: oidcCookie, Value: "", Path: oidcPath, MaxAge: -1, HttpOnly: true, SameSite: http.SameSiteLaxMode, Secure: a.cookies.secure(c.Request)})
	if !ok || !hmac.Equal([]byte(c.Query("state")), []byte(f.State)) {
		ssoFailed(c, "the sign-in was not started here, or took too long")
		return
	}
	if e := c.Query("error"); e != "" {
		ssoFailed(c, "the identity provider answered "+truncate(e, 64))
		return
	}
	p, err := a.sso.discover(c.Request.Context())
	if err != nil {
		callbackFail(c, err)
		return
	}
	ctx, cancel := context.WithTimeout(c.Request.Context(), 15*time.Second)
	defer cancel()
	conf := a.sso.oauth(p)
	tok, err := conf.Exchange(ctx, c.Query("code"), oauth2.VerifierOption(f.Verifier))
	if err != nil {
		ssoFailed(c, "the code was refused")
		return
	}
	raw, _ := tok.Extra("id_token").(string)
	idt, err := p.Verifier(&oidc.Config{ClientID: a.sso.cfg.ClientID}).Verify(ctx, raw)
	if err != nil || !hmac.Equal([]byte(idt.Nonce), []byte(f.Nonce)) {
		ssoFailed(c, "the ID token did not verify")
		return
	}
	var claims struct {
		Email         string `json:"email"`
		EmailVerified *bool  `json:"email_verified"`
		Name          string `json:"name"`
	}
	_ = idt.Claims(&claims)
	if claims.Email == "" {
		if ui, err := p.UserInfo(ctx, oauth2.StaticTokenSource(tok)); err == nil && ui.Subject == idt.Subject {
			claims.Email, claims.EmailVerified = ui.Email, &ui.EmailVerified
			var more struct {
				Name string `json:"name"`
			}
			if ui.Claims(&more) == nil && claims.Name == "" {
				claims.Name = more.Name
			}
		}
	}
	out, err := a.cmd.SignInOIDC.Handle(c.Request.Context(), commands.SignInOIDC{
		Issuer: idt.Issuer, Subject: idt.Subject, Email: claims.Email, EmailVerified: claims.EmailVerified != nil && *claims.EmailVerified,
		Name: claims.Name, OldToken: sessionToken(c),
	})
	if err != nil {
		callbackFail(c, err)
		return
	}
	a.cookies.setSession(c, out.Token)
	c.Header("Cache-Control", "no-store")
	c.Redirect(http.StatusSeeOther, "/admin")
}

// String keeps the client secret out of any log of the configuration.
func (c OIDCConfig) String() string {
	return fmt.Sprintf("issuer=%s client_id=%s", c.Issuer, c.ClientID)
}
