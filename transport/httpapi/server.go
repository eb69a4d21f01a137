// Package httpapi is Caja's HTTP transport: gin routes, JSON in and out,
// problem+json errors, middleware, health, the embedded web app.
package httpapi

import (
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/gin-contrib/cors"
	"github.com/gin-gonic/gin"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/cajalive/caja"
	"github.com/cajalive/caja/commands"
	"github.com/cajalive/caja/queries"
)

// Config is the HTTP layer's configuration.
type Config struct {
	Addr           string   `env:"CAJA_ADDR" envDefault:":8080"`
	AllowedOrigins []string `env:"ALLOWED_ORIGINS" envDefault:"http://localhost:8080,http://127.0.0.1:8080,http://localhost:5173"`
	// AllowedHosts left empty by the operator is filled in by cmd/caja with
	// this machine's names and addresses.
	AllowedHosts    []string      `env:"ALLOWED_HOSTS"`
	TrustedProxies  []string      `env:"TRUSTED_PROXIES"`
	Debug           bool          `env:"DEBUG"`
	APIDocs         bool          `env:"CAJA_API_DOCS"`
	ShutdownTimeout time.Duration `env:"CAJA_SHUTDOWN_TIMEOUT" envDefault:"15s"`
	PollInterval    time.Duration `env:"CAJA_POLL_INTERVAL" envDefault:"2s"`
	PollIntervalMax time.Duration `env:"CAJA_POLL_INTERVAL_MAX" envDefault:"10s"`
	PollTargetRPS   int           `env:"CAJA_POLL_TARGET_RPS" envDefault:"10000"`
	// PollSharedMaxAge is how long shared caches (a CDN, nginx) may serve
	// the participant view without asking again (s-maxage, whole seconds).
	PollSharedMaxAge time.Duration `env:"CAJA_POLL_SHARED_MAX_AGE" envDefault:"1s"`
	// CommandTimeout bounds every command (every write request): a hung
	// Postgres makes it a 503 with Retry-After, not a request that waits
	// as long as the database does.
	CommandTimeout time.Duration `env:"CAJA_COMMAND_TIMEOUT" envDefault:"5s"`
	// SessionConcurrency bounds the write requests of one session running
	// at once on a replica (answers aside, which are group-committed), so
	// that a flooded session cannot take every database connection; 0
	// turns it off.
	SessionConcurrency int `env:"CAJA_SESSION_CONCURRENCY" envDefault:"8"`
	// MaxConnections caps open connections (0: sized from the memory and
	// open-file limits, DefaultMaxConnections); IdleTimeout closes a
	// kept-alive connection that sends nothing (phones poll every few
	// seconds, so a minute is plenty).
	MaxConnections int           `env:"CAJA_MAX_CONNECTIONS"`
	IdleTimeout    time.Duration `env:"CAJA_IDLE_TIMEOUT" envDefault:"60s"`
	// MetricsToken, when set, is the bearer token /metrics asks for;
	// MetricsAddr, when set, moves /metrics to a listener of its own. With
	// neither, /metrics is not served: it tells outsiders how busy the
	// service is and which sessions' work fails.
	MetricsToken string `env:"CAJA_METRICS_TOKEN"`
	// DisplayFrameAncestors lets these origins embed the display page
	// (frame-ancestors), e.g. a slide deck; every other page stays unframed.
	DisplayFrameAncestors string `env:"CAJA_DISPLAY_FRAME_ANCESTORS"`
	MetricsAddr           string `env:"CAJA_METRICS_ADDR"`
	Rates                 RateConfig
	// PublicURL is the server's public base URL (FRONTEND_URL, or the
	// address cmd/caja found): an https one makes the session cookie
	// Secure, and its origin may send signed-in writes.
	PublicURL string `env:"-"`
	OIDC      OIDCConfig
}

// API holds what the handlers need.
type API struct {
	cmd      commands.Handlers
	qry      queries.Handlers
	health   *Health
	metrics  *Metrics
	poll     *PollInterval
	gatherer prometheus.Gatherer
	limiter  Limiter
	// sharedPoll is the participant view's Cache-Control.
	sharedPoll []string
	// limiterDown paces the warning that the shared limiter is unreachable.
	limiterDown *onceEvery
	// commandTimeout is CAJA_COMMAND_TIMEOUT (commandDeadline).
	commandTimeout time.Duration
	// cookies is the signed-in browser's cookie policy (Secure, CSRF).
	cookies cookiePolicy
	// loginAccountLimit counts sign-in attempts per account.
	loginAccountLimit func(c *gin.Context, key string) bool
	// sso is the OpenID Connect relying party (nil: not configured).
	sso *ssoClient
}

// Deps are the HTTP layer's collaborators. Metrics and Gatherer may be nil.
type Deps struct {
	Commands commands.Handlers
	Queries  queries.Handlers
	Health   *Health
	Metrics  *Metrics
	Gatherer prometheus.Gatherer
	Limiter  Limiter
	Log      *slog.Logger
	// Poll is the suggested poll interval; nil suggests cfg.PollInterval
	// without ever stretching it.
	Poll *PollInterval
}

// NewHandler builds the gin engine with every route and middleware.
func NewHandler(cfg Config, d Deps) (http.Handler, error) {
	gin.SetMode(gin.ReleaseMode)
	poll := d.Poll
	if poll == nil {
		poll = NewPollInterval(cfg.PollInterval, cfg.PollInterval, 0)
	}
	if cfg.PollSharedMaxAge < 0 || cfg.PollSharedMaxAge%time.Second != 0 {
		return nil, fmt.Errorf("CAJA_POLL_SHARED_MAX_AGE: %s is not a whole number of seconds (0 or more)", cfg.PollSharedMaxAge)
	}
	a := &API{cmd: d.Commands, qry: d.Queries, health: d.Health, metrics: d.Metrics, poll: poll, gatherer: d.Gatherer, limiter: d.Limiter, sharedPoll: sharedPollCacheControl(cfg.PollSharedMaxAge), limiterDown: &onceEvery{period: 10 * time.Second}, commandTimeout: cfg.CommandTimeout}
	r := gin.New()
	r.HandleMethodNotAllowed = true
	r.ContextWithFallback = true
	if err := r.SetTrustedProxies(cfg.TrustedProxies); err != nil {
		return nil, fmt.Errorf("TRUSTED_PROXIES: %w", err)
	}
	if len(cfg.TrustedProxies) == 0 {
		r.ForwardedByClientIP = false
	}

	trusted, err := parseTrustedProxies(cfg.TrustedProxies)
	if err != nil {
		return nil, err
	}
	r.Use(recovery(), viewerAddress(trusted), requestID(d.Log), accessLog(d.Log), d.Metrics.middleware(), securityHeaders(), allowedHosts(NewHostPolicy(cfg.AllowedHosts), d.Log))
	corsMW, err := newCORS(cfg.AllowedOrigins)
	if err != nil {
		return nil, err
	}
	// The cross-site check comes before CORS, whose refusals have no body.
	a.cookies = newCookiePolicy(cfg, trusted)
	a.sso = newSSOClient(cfg.OIDC, cfg.PublicURL)
	r.Use(pollPathVary(), a.cookies.csrf(), corsMW, limitBody(), commandDeadline(cfg.CommandTimeout), compressJSON())

	a.health.register(r)
	registerAPIDocs(r, cfg)
	if a.gatherer != nil && cfg.MetricsToken != "" && cfg.MetricsAddr == "" {
		metrics := MetricsHandler(a.gatherer, cfg.MetricsToken)
		r.GET("/metrics", func(c *gin.Context) {
			c.Writer.Header()["Cache-Control"] = noStore
			metrics.ServeHTTP(c.Writer, c.Request)
		})
	}

	v1 := r.Group("/api/v1")
	rates := cfg.Rates
	limitCreate := a.rateLimit(rateRule{name: "create", limit: caja.RateLimit{Rate: rates.CreatePerMinute, Period: time.Minute}, key: byClientIP})
	limitJoin := a.rateLimit(rateRule{name: "join", limit: caja.RateLimit{Rate: rates.JoinPerSecond, Period: time.Second}, key: byClientIP})
	limitLookup := a.rateLimit(rateRule{name: "lookup", limit: caja.RateLimit{Rate: rates.LookupPerSecond, Burst: rates.LookupBurst, Period: time.Second}, key: byClientIP, missCost: rates.LookupMissCost})
	limitAnswer := a.rateLimit(rateRule{name: "answer", limit: caja.RateLimit{Rate: rates.AnswerPerSecond, Period: time.Second}, key: byParticipant, quiet: newQuietKeys(time.Second)})
	limitReact := a.rateLimit(rateRule{name: "reaction", limit: caja.RateLimit{Rate: rates.ReactionPerSecond, Period: time.Second}, key: byParticipant})
	limitVote := a.rateLimit(rateRule{name: "vote", limit: caja.RateLimit{Rate: rates.VotePerSecond, Period: time.Second}, key: byParticipant})
	limitLogin := a.rateLimit(rateRule{name: "login", limit: caja.RateLimit{Rate: rates.LoginPerMinute, Period: time.Minute}, key: byClientIP})
	a.loginAccountLimit, _ = a.rateCheck(rateRule{name: "login-account", limit: caja.RateLimit{Rate: rates.LoginAccountPerMinute, Period: time.Minute}})
	slots := newSessionSlots(cfg.SessionConcurrency)
	slot, organizerSlot := slots.middleware("audience"), slots.middleware("organizer")
	v1.POST("/auth/signup", limitLogin, a.signUp)
	v1.POST("/auth/login", limitLogin, a.logIn)
	v1.POST("/auth/logout", a.logOut)
	v1.GET("/auth/me", a.authMe)
	v1.GET("/auth/oidc/start", limitLogin, a.oidcStart)
	v1.GET("/auth/oidc/callback", limitLogin, a.oidcCallback)
	v1.DELETE("/auth/me", a.deleteAccount)
	v1.GET("/me/sessions", a.mySessions)
	v1.GET("/me/export", a.myExport)
	v1.POST("/sessions/:id/claim", organizerSlot, a.claimSession)
	v1.POST("/sessions/:id/invitations", organizerSlot, a.createInvitation)
	v1.DELETE("/sessions/:id/invitations", organizerSlot, a.revokeInvitations)
	v1.POST("/invitations/:token/accept", a.acceptInvitation)
	v1.GET("/sessions/:id/members", a.listMembers)
	v1.DELETE("/sessions/:id/members/:account_id", organizerSlot, a.removeMember)
	v1.DELETE("/sessions/:id/admin-token", organizerSlot, a.revokeAdminToken)
	v1.DELETE("/sessions/:id", organizerSlot, a.deleteSession)
	v1.POST("/sessions/:id/transfer", organizerSlot, a.transferSession)
	v1.POST("/sessions", limitCreate, a.createSession)
	v1.GET("/sessions/:id", a.getSession)
	v1.PATCH("/sessions/:id", organizerSlot, a.updateSession)
	v1.GET("/sessions/:id/state", a.state)
	v1.GET("/sessions/:id/qr.png", a.qrCode)
	v1.GET("/join/:code", limitLookup, a.joinByCode)
	v1.POST("/sessions/:id/duplicate", limitCreate, a.duplicateSession)
	v1.GET("/sessions/:id/export.csv", a.export(exportCSV))
	v1.GET("/sessions/:id/export.json", a.export(exportJSON))
	v1.GET("/sessions/:id/export.xlsx", a.export(exportXLSX))
	v1.GET("/sessions/:id/leaderboard", a.leaderboard)
	v1.POST("/sessions/:id/moderator-token", a.rotateModeratorToken)
	v1.POST(strings.TrimPrefix(imageUploadPath, "/api/v1"), organizerSlot, a.uploadImage)
	v1.GET("/images/:image_id", a.getImage)

	v1.POST("/sessions/:id/activities", organizerSlot, a.createActivity)
	v1.GET("/sessions/:id/activities", a.listActivities)
	v1.GET("/sessions/:id/activities/:aid", a.getActivity)
	v1.PATCH("/sessions/:id/activities/:aid", organizerSlot, a.updateActivity)
	v1.DELETE("/sessions/:id/activities/:aid", organizerSlot, a.deleteActivity)
	v1.GET("/sessions/:id/activities/:aid/results", a.results)
	v1.POST("/sessions/:id/activities/:aid/responses", limitAnswer, a.respond)
	v1.POST("/sessions/:id/activities/:aid/questions", limitAnswer, slot, a.ask)
	v1.GET("/sessions/:id/activities/:aid/questions", a.questions)
	v1.PATCH("/sessions/:id/activities/:aid/questions/:qid", organizerSlot, a.moderate)
	v1.PATCH("/sessions/:id/activities/:aid/entries/:entry_id", organizerSlot, a.moderateEntry)
	v1.POST("/sessions/:id/activities/:aid/questions/:qid/upvote", limitVote, slot, a.upvote(true))
	v1.DELETE("/sessions/:id/activities/:aid/questions/:qid/upvote", limitVote, slot, a.upvote(false))

	v1.POST("/sessions/:id/reactions", limitReact, slot, a.react)
	v1.POST("/sessions/:id/participants", limitJoin, a.join)
	v1.GET("/sessions/:id/participants", a.listParticipants)
	v1.GET("/sessions/:id/participants/me", a.me)
	v1.PATCH("/sessions/:id/participants/:pid", organizerSlot, a.hideParticipantEntries)
	v1.DELETE("/sessions/:id/participants/:pid", organizerSlot, a.kick)

	headOnGetRoutes(r)
	r.NoMethod(func(c *gin.Context) {
		writeProblem(c, http.StatusMethodNotAllowed, "this method is not allowed here", nil)
	})
	displayCSP, err := displayPageCSP(cfg.DisplayFrameAncestors)
	if err != nil {
		return nil, err
	}
	r.NoRoute(spa(displayCSP))
	return r, nil
}

// headOnGetRoutes answers HEAD wherever GET is answered (RFC 9110 §9.3.2):
// the same handler, whose body net/http discards while keeping the headers
// and Content-Length. Caches and monitors probe with HEAD. No GET route has
// middleware of its own (the last handler is the whole chain); keep it so.
func headOnGetRoutes(r *gin.Engine) {
	for _, ri := range r.Routes() {
		if ri.Method == http.MethodGet {
			r.HEAD(ri.Path, ri.HandlerFunc)
		}
	}
}

func newCORS(origins []string) (gin.HandlerFunc, error) {
	cfg := cors.Config{
		AllowMethods:     []string{"GET", "HEAD", "POST", "PATCH", "DELETE", "OPTIONS"},
		AllowHeaders:     []string{"Authorization", "Content-Type", "If-None-Match", "X-Request-Id"},
		ExposeHeaders:    []string{"ETag", "Retry-After", "X-Poll-Interval-Ms", "X-Request-Id", "Location"},
		AllowCredentials: false,
		MaxAge:           12 * time.Hour,
	}
	for _, o := range origins {
		if strings.TrimSpace(o) == "*" {
			cfg.AllowAllOrigins = true
		}
	}
	if !cfg.AllowAllOrigins {
		for _, o := range origins {
			if o = strings.TrimSpace(o); o != "" {
				cfg.AllowOrigins = append(cfg.AllowOrigins, o)
			}
		}
	}
	if err := cfg.Validate(); err != nil {
		return nil, fmt.Errorf("ALLOWED_ORIGINS: %w", err)
	}
	return cors.New(cfg), nil
}
