package main

import (
	"context"
	"errors"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/zitadel/oidc/v3/example/server/exampleop"
	"github.com/zitadel/oidc/v3/example/server/storage"
	"github.com/zitadel/oidc/v3/pkg/op"
)

// startOIDCProvider runs a real OpenID Provider (zitadel/oidc's in-memory
// example OP) on a free port until the test ends, with one web client
// allowed to redirect to redirectURI. Its user signs in as
// test-user@127.0.0.1 / verysecure and has the verified email
// test-user@zitadel.ch.
func startOIDCProvider(t *testing.T, clientID, secret, redirectURI string) (issuer string) {
	t.Helper()
	addr := freePort(t)
	issuer = "http://" + addr
	st := storage.NewStorageWithClients(storage.NewUserStore(issuer), map[string]*storage.Client{clientID: storage.WebClient(clientID, secret, redirectURI)})
	srv := &http.Server{Handler: exampleop.SetupServer(issuer, st, nil, false, op.WithAllowInsecure()), ReadHeaderTimeout: 5 * time.Second}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			t.Errorf("provider: %v", err)
		}
	}()
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = srv.Shutdown(ctx)
		<-done
	})
	return issuer
}

// browser is a cookie-keeping client that follows redirects, as a browser
// does through a sign-in.
func browser(t *testing.T) *http.Client {
	t.Helper()
	jar, err := cookiejar.New(nil)
	if err != nil {
		t.Fatal(err)
	}
	return &http.Client{Jar: jar, Timeout: 20 * time.Second}
}

// ssoSignIn runs the whole authorization code flow from Caja's start
// route through the provider's login form back to Caja's callback, and
// returns the browser's Caja session cookie.
func ssoSignIn(t *testing.T, b *http.Client, cajaURL, issuer string) string {
	t.Helper()
	resp, err := b.Get(cajaURL + "/api/v1/auth/oidc/start")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	login := resp.Request.URL // the provider's login page, after its redirects
	if !strings.HasPrefix(login.String(), issuer+"/login/username") {
		t.Fatalf("start led to %s (%d), want the provider's login", login, resp.StatusCode)
	}
	form := url.Values{"username": {"test-user@127.0.0.1"}, "password": {"verysecure"}, "id": {login.Query().Get("authRequestID")}}
	resp, err = b.PostForm(issuer+"/login/username", form)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if !strings.HasPrefix(resp.Request.URL.String(), cajaURL+"/admin") {
		t.Fatalf("the sign-in ended at %s (%d), want Caja's /admin", resp.Request.URL, resp.StatusCode)
	}
	u, _ := url.Parse(cajaURL)
	for _, c := range b.Jar.Cookies(u) {
		if c.Name == "caja_session" {
			return c.Value
		}
	}
	t.Fatal("no caja_session cookie after single sign-on")
	return ""
}

// TestOIDC_SignInWithARealProvider signs in through a real OpenID Provider
// started here: the authorization code flow with PKCE, the state and
// nonce in a signed cookie, the ID token verified, the account created on
// first sign-in and found again on the next, in a second browser.
func TestOIDC_SignInWithARealProvider(t *testing.T) {
	t.Parallel()
	addr := freePort(t)
	cajaURL := "http://" + addr
	issuer := startOIDCProvider(t, "caja-web", "caja-web-secret", cajaURL+"/api/v1/auth/oidc/callback")
	env := serverEnv(t)
	env["CAJA_ADDR"] = addr
	env["FRONTEND_URL"] = cajaURL
	env["CAJA_AUTH"] = "sso"
	env["CAJA_OIDC_ISSUER"] = issuer
	env["CAJA_OIDC_CLIENT_ID"] = "caja-web"
	env["CAJA_OIDC_CLIENT_SECRET"] = "caja-web-secret"
	ts := startServer(t, env)

	laptop := []string{"Cookie", "caja_session=" + ssoSignIn(t, browser(t), cajaURL, issuer)}
	me := ts.do(t, "GET", "/api/v1/auth/me", "", laptop...)
	if me.Status != http.StatusOK || me.json(t)["email"] != "test-user@zitadel.ch" {
		t.Fatalf("me after single sign-on: %d %s", me.Status, me.Body)
	}
	r := ts.do(t, "POST", "/api/v1/sessions", `{"name":"By SSO"}`, laptop...)
	mustStatus(t, r, http.StatusCreated)
	sid := r.json(t)["id"].(string)

	phone := []string{"Cookie", "caja_session=" + ssoSignIn(t, browser(t), cajaURL, issuer)}
	if phone[1] == laptop[1] {
		t.Fatal("two browsers share a session id")
	}
	if l := ts.do(t, "GET", "/api/v1/me/sessions", "", phone...); !strings.Contains(string(l.Body), sid) {
		t.Errorf("the second browser does not find the session: %s", l.Body)
	}
	var accounts int
	if err := ts.DB.SQL.QueryRow(`SELECT count(*) FROM accounts WHERE oidc_issuer = $1 AND password_hash IS NULL`, issuer).Scan(&accounts); err != nil || accounts != 1 {
		t.Errorf("%d accounts for one identity (%v)", accounts, err)
	}

	// A callback that this browser did not start, or with a forged state,
	// signs nobody in.
	if r := ts.do(t, "GET", "/api/v1/auth/oidc/callback?code=x&state=y", ""); r.Status != http.StatusUnauthorized || problemCode(t, r) != "sso_failed" {
		t.Errorf("callback without the flow cookie: %d %s", r.Status, r.Body)
	}
	b := browser(t)
	noRedirect := *b
	noRedirect.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	resp, err := noRedirect.Get(cajaURL + "/api/v1/auth/oidc/start")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusFound || !strings.Contains(resp.Header.Get("Location"), "code_challenge_method=S256") || !strings.Contains(resp.Header.Get("Location"), "nonce=") {
		t.Fatalf("start: %d %s", resp.StatusCode, resp.Header.Get("Location"))
	}
	var flow *http.Cookie
	for _, c := range resp.Cookies() {
		if c.Name == "caja_oidc" {
			flow = c
		}
	}
	if flow == nil || !flow.HttpOnly || flow.SameSite != http.SameSiteLaxMode {
		t.Fatalf("flow cookie: %+v", flow)
	}
	if r := ts.do(t, "GET", "/api/v1/auth/oidc/callback?code=x&state=forged", "", "Cookie", "caja_oidc="+flow.Value); r.Status != http.StatusUnauthorized {
		t.Errorf("forged state: %d %s", r.Status, r.Body)
	}
	if r := ts.do(t, "GET", "/api/v1/auth/oidc/callback?code=x&state=y", "", "Cookie", "caja_oidc="+flow.Value+"x"); r.Status != http.StatusUnauthorized {
		t.Errorf("tampered flow cookie: %d %s", r.Status, r.Body)
	}
	// A browser that comes back with a failure is sent to the sign-in
	// page, which says it in the organizer's language.
	req, _ := http.NewRequest("GET", cajaURL+"/api/v1/auth/oidc/callback?error=access_denied&state=y", nil)
	req.Header.Set("Accept", "text/html,application/xhtml+xml")
	req.Header.Set("Sec-Fetch-Mode", "navigate")
	back, err := noRedirect.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	back.Body.Close()
	if back.StatusCode != http.StatusSeeOther || back.Header.Get("Location") != "/admin/sign-in?sso_error=sso_failed" {
		t.Errorf("a browser's failed callback: %d %q", back.StatusCode, back.Header.Get("Location"))
	}
	if strings.Contains(ts.Logs.String(), "caja-web-secret") {
		t.Error("the client secret is in the logs")
	}
}
