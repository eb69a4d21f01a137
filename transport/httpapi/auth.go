package httpapi

import (
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/cajalive/caja"
	"github.com/cajalive/caja/commands"
)

// sessionCookie carries a signed-in browser's random token; the database
// keeps only its SHA-256.
const sessionCookie = "caja_session"

const accountKey = "caja.account"

// cookiePolicy decides the cookie's Secure flag and which origins may send
// cookie-authenticated writes.
type cookiePolicy struct {
	// publicHTTPS: the server's public URL (FRONTEND_URL) is https.
	publicHTTPS bool
	trusted     trustedProxies
	// origins may write with the cookie besides the request's own origin.
	origins map[string]bool
}

func newCookiePolicy(cfg Config, trusted trustedProxies) cookiePolicy {
	p := cookiePolicy{trusted: trusted, origins: map[string]bool{}}
	if u, err := url.Parse(cfg.PublicURL); err == nil && u.Host != "" {
		p.publicHTTPS = u.Scheme == "https"
		p.origins[u.Scheme+"://"+u.Host] = true
	}
	for _, o := range cfg.AllowedOrigins {
		if o = strings.TrimRight(strings.TrimSpace(o), "/"); o != "" && o != "*" {
			p.origins[o] = true
		}
	}
	return p
}

// secure reports whether the browser reached the server over https: TLS
// here, a trusted proxy's X-Forwarded-Proto, or an https public URL.
func (p cookiePolicy) secure(r *http.Request) bool {
	if r.TLS != nil || p.publicHTTPS {
		return true
	}
	return p.trusted.trusts(r.RemoteAddr) && strings.EqualFold(r.Header.Get("X-Forwarded-Proto"), "https")
}

// sameOrigin reports whether a write comes from this site's own pages (or
// an allowed origin) by the Fetch metadata and Origin headers. A request
// with neither is not from a browser (which sends Origin on every
// cross-origin write), so no cookie of a victim rides on it.
func (p cookiePolicy) sameOrigin(r *http.Request) bool {
	origin := r.Header.Get("Origin")
	allowed := func() bool {
		if origin == "" || origin == "null" {
			return false
		}
		if p.origins[origin] {
			return true
		}
		scheme := "http"
		if p.secure(r) {
			scheme = "https"
		}
		return origin == scheme+"://"+r.Host
	}
	switch r.Header.Get("Sec-Fetch-Site") {
	case "same-origin", "none":
		return true
	case "":
		return origin == "" || allowed()
	default: // same-site, cross-site
		return allowed()
	}
}

// csrf refuses cookie-authenticated writes from other sites (403), and
// sign-ins from them (login CSRF). Safe methods pass.
func (p cookiePolicy) csrf() gin.HandlerFunc {
	return func(c *gin.Context) {
		switch c.Request.Method {
		case http.MethodGet, http.MethodHead, http.MethodOptions:
			c.Next()
			return
		}
		_, err := c.Request.Cookie(sessionCookie)
		signIn := strings.HasPrefix(c.Request.URL.Path, "/api/v1/auth/")
		if (err == nil || signIn) && !p.sameOrigin(c.Request) {
			fail(c, caja.Errorf(caja.Forbidden, "a signed-in write must come from this site's own pages").WithCode(caja.CodeCrossSiteRequest))
			return
		}
		c.Next()
	}
}

func (p cookiePolicy) setSession(c *gin.Context, token string) {
	http.SetCookie(c.Writer, &http.Cookie{
		Name: sessionCookie, Value: token, Path: "/",
		MaxAge: int(caja.AccountSessionIdle / time.Second), HttpOnly: true, SameSite: http.SameSiteLaxMode, Secure: p.secure(c.Request),
	})
}

func (p cookiePolicy) clearSession(c *gin.Context) {
	http.SetCookie(c.Writer, &http.Cookie{Name: sessionCookie, Value: "", Path: "/", MaxAge: -1, HttpOnly: true, SameSite: http.SameSiteLaxMode, Secure: p.secure(c.Request)})
}

func sessionToken(c *gin.Context) string {
	ck, err := c.Request.Cookie(sessionCookie)
	if err != nil {
		return ""
	}
	return ck.Value
}

// account is the signed-in account of the request, nil when there is none
// (no cookie, or one that opens nothing); false when it answered an error.
// Only routes that need an account ask, so polling never touches the
// accounts' tables.
func (a *API) account(c *gin.Context) (*caja.Account, bool) {
	if v, ok := c.Get(accountKey); ok {
		return v.(*caja.Account), true
	}
	token := sessionToken(c)
	var acc *caja.Account
	if token != "" {
		got, err := a.cmd.Authenticate.Handle(c.Request.Context(), commands.Authenticate{Token: token})
		if err != nil {
			fail(c, err)
			return nil, false
		}
		if got != nil {
			acc = &got.Account
			if got.Touched {
				a.cookies.setSession(c, token) // the idle clock restarted: so does the cookie's
			}
		}
	}
	c.Set(accountKey, acc)
	return acc, true
}

// requireAccount is account, answering 401 when nobody is signed in.
func (a *API) requireAccount(c *gin.Context) (*caja.Account, bool) {
	acc, ok := a.account(c)
	if ok && acc == nil {
		fail(c, caja.Errorf(caja.Unauthorized, "sign in first").WithCode(caja.CodeSignInRequired))
		return nil, false
	}
	return acc, ok
}

type credentialsRequest struct {
	Email       string `json:"email"`
	Password    string `json:"password"`
	DisplayName string `json:"display_name"`
}

// accountKeyOf keys the per-account sign-in limit by a hash of the
// normalised email, never the email itself.
func accountKeyOf(email string) string {
	h := sha256.Sum256([]byte(caja.NormalizeEmail(email)))
	return hex.EncodeToString(h[:16])
}

func (a *API) signUp(c *gin.Context) {
	var req credentialsRequest
	if !bindJSON(c, &req) || !a.loginAccountLimit(c, accountKeyOf(req.Email)) {
		return
	}
	out, err := a.cmd.SignUp.Handle(c.Request.Context(), commands.SignUp{Email: req.Email, Password: req.Password, DisplayName: req.DisplayName, OldToken: sessionToken(c)})
	if err != nil {
		fail(c, err)
		return
	}
	a.cookies.setSession(c, out.Token)
	c.Header("Cache-Control", "no-store")
	c.JSON(http.StatusCreated, out.Account)
}

func (a *API) logIn(c *gin.Context) {
	var req credentialsRequest
	if !bindJSON(c, &req) || !a.loginAccountLimit(c, accountKeyOf(req.Email)) {
		return
	}
	out, err := a.cmd.LogIn.Handle(c.Request.Context(), commands.LogIn{Email: req.Email, Password: req.Password, OldToken: sessionToken(c)})
	if err != nil {
		fail(c, err)
		return
	}
	a.cookies.setSession(c, out.Token)
	c.Header("Cache-Control", "no-store")
	c.JSON(http.StatusOK, out.Account)
}

func (a *API) logOut(c *gin.Context) {
	if err := a.cmd.LogOut.Handle(c.Request.Context(), commands.LogOut{Token: sessionToken(c)}); err != nil {
		fail(c, err)
		return
	}
	a.cookies.clearSession(c)
	c.Header("Cache-Control", "no-store")
	c.Status(http.StatusNoContent)
}

func (a *API) authMe(c *gin.Context) {
	acc, ok := a.requireAccount(c)
	if !ok {
		return
	}
	c.Header("Cache-Control", "private, no-store")
	c.JSON(http.StatusOK, acc)
}

// organizer is the caller of an organizer command: the bearer token and,
// when the browser has a session cookie, the signed-in account. With
// neither it answers 401.
func (a *API) organizer(c *gin.Context) (commands.Caller, bool) {
	caller := commands.Caller{Token: bearer(c)}
	if sessionToken(c) != "" {
		acc, ok := a.account(c)
		if !ok {
			return caller, false
		}
		if acc != nil {
			caller.AccountID = acc.ID
		}
	}
	if caller.Token == "" && caller.AccountID == "" {
		fail(c, caja.Errorf(caja.Unauthorized, "this needs the session's admin token, or a signed-in organizer").WithCode(caja.CodeAdminTokenRequired))
		return caller, false
	}
	return caller, true
}

// readerAccount is the signed-in account's id for an organizer read that
// came without a bearer token ("" otherwise, or when the cookie opens
// nothing: the read then answers as it would to anyone). A token, when
// sent, decides alone, so a dashboard polling with its admin token never
// reads the accounts' tables.
func (a *API) readerAccount(c *gin.Context) string {
	if bearer(c) != "" || edgeBearer(c) != "" || sessionToken(c) == "" {
		return ""
	}
	got, err := a.cmd.Authenticate.Handle(c.Request.Context(), commands.Authenticate{Token: sessionToken(c)})
	if err != nil || got == nil {
		return ""
	}
	if got.Touched {
		a.cookies.setSession(c, sessionToken(c))
	}
	return got.Account.ID
}

// readerOf is the account of an organizer read, when no token was sent.
func readerOf(c commands.Caller) string {
	if c.Token != "" {
		return ""
	}
	return c.AccountID
}
