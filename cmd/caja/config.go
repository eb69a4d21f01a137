package main

import (
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/url"
	"reflect"
	"strings"
	"time"

	"github.com/caarlos0/env/v11"

	"github.com/cajalive/caja"
	"github.com/cajalive/caja/commands"
	"github.com/cajalive/caja/readmodel"
	"github.com/cajalive/caja/transport/httpapi"
	"github.com/cajalive/caja/writemodel"
)

// Config is the whole process's configuration, read from the environment.
type Config struct {
	Write       writemodel.Config
	Commands    commands.Config
	Read        readmodel.Config
	HTTP        httpapi.Config
	FrontendURL string `env:"FRONTEND_URL"`
	LogLevel    string `env:"CAJA_LOG_LEVEL" envDefault:"info"`
	PprofAddr   string `env:"CAJA_PPROF_ADDR"`

	// JoinBaseURL is the base of join links and QR codes: FRONTEND_URL
	// when set, otherwise an address of this machine that phones reach.
	JoinBaseURL string `env:"-"`
}

// loadConfig reads the environment. Errors are one line naming the variable.
func loadConfig(environ map[string]string) (Config, error) {
	var cfg Config
	opts := env.Options{Environment: environ}
	if err := env.ParseWithOptions(&cfg, opts); err != nil {
		return cfg, configError(err)
	}
	if err := cfg.validate(); err != nil {
		return cfg, err
	}
	cfg.resolveNetwork(thisMachine())
	return cfg, nil
}

// resolveNetwork fills in what phones need when the operator left it to
// us: a join base URL they can reach and the host names they may use.
func (c *Config) resolveNetwork(m machine) {
	c.JoinBaseURL = strings.TrimRight(c.FrontendURL, "/")
	if c.JoinBaseURL == "" {
		c.JoinBaseURL = m.joinBaseURL(c.HTTP.Addr)
	}
	c.HTTP.PublicURL = c.JoinBaseURL
	if len(c.HTTP.AllowedHosts) == 0 {
		var frontendHost string
		if u, err := url.Parse(c.JoinBaseURL); err == nil {
			frontendHost = u.Hostname()
		}
		c.HTTP.AllowedHosts = m.allowedHosts(frontendHost)
	}
}

func (c Config) validate() error {
	bad := func(name, why string) error { return fmt.Errorf("invalid configuration: %s: %s", name, why) }
	if c.FrontendURL != "" {
		if u, err := url.Parse(c.FrontendURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return bad("FRONTEND_URL", "must be an absolute http(s) URL such as https://caja.example.com")
		}
	}
	if _, _, err := net.SplitHostPort(c.HTTP.Addr); err != nil {
		return bad("CAJA_ADDR", "must be host:port or :port, e.g. :8080")
	}
	if d := c.Write.DatabaseURL; d != "" && !strings.HasPrefix(d, "postgres://") && !strings.HasPrefix(d, "postgresql://") {
		return bad("DATABASE_URL", "must be a postgres:// URL (leave it unset for the embedded SQLite)")
	}
	if r := c.Read.RedisURL; r != "" && !strings.HasPrefix(r, "redis://") && !strings.HasPrefix(r, "rediss://") && !strings.HasPrefix(r, "unix://") {
		return bad("REDIS_URL", "must be a redis:// or rediss:// URL (leave it unset for the embedded Redis)")
	}
	if !readmodel.ValidMode(c.Read.Mode) {
		return bad("CAJA_REDIS_MODE", "must be single, cluster or sentinel")
	}
	if c.Read.Mode != readmodel.ModeSingle && c.Read.RedisURL == "" {
		return bad("REDIS_URL", "must be set when CAJA_REDIS_MODE is "+c.Read.Mode+" (the embedded Redis is a single node)")
	}
	if c.Read.Mode == readmodel.ModeSentinel {
		if u, err := url.Parse(c.Read.RedisURL); err != nil || u.Query().Get("master_name") == "" {
			return bad("REDIS_URL", "must name the primary with master_name=NAME when CAJA_REDIS_MODE=sentinel, e.g. redis://sentinel1:26379?addr=sentinel2:26379&master_name=mymaster")
		}
	}
	if strings.ContainsAny(c.Read.Prefix, "{}") {
		return bad("CAJA_REDIS_PREFIX", "must not contain { or } (they mark the hash tag of a session's keys)")
	}
	if _, _, err := net.SplitHostPort(c.Read.EmbeddedAddr); err != nil {
		return bad("CAJA_EMBEDDED_REDIS_ADDR", "must be host:port")
	}
	if c.PprofAddr != "" {
		if _, _, err := net.SplitHostPort(c.PprofAddr); err != nil {
			return bad("CAJA_PPROF_ADDR", "must be host:port, e.g. 127.0.0.1:6060")
		}
	}
	if c.Commands.AnswerLanes < 1 || c.Commands.AnswerLanes > c.Write.MaxConns {
		return bad("CAJA_ANSWER_LANES", "must be between 1 and CAJA_DB_MAX_CONNS")
	}
	if c.Write.MaxConns < 1 {
		return bad("CAJA_DB_MAX_CONNS", "must be at least 1")
	}
	if c.Commands.QnAMaxQuestions < 1 {
		return bad("CAJA_QNA_MAX_QUESTIONS", "must be at least 1")
	}
	if c.Commands.QnAMaxPerParticipant < 1 {
		return bad("CAJA_QNA_MAX_PER_PARTICIPANT", "must be at least 1")
	}
	if c.HTTP.SessionConcurrency < 0 {
		return bad("CAJA_SESSION_CONCURRENCY", "must be 0 (off) or a positive number of requests, e.g. 8")
	}
	if c.Write.ProjectorConns < 2 {
		return bad("CAJA_DB_PROJECTOR_CONNS", "must be at least 2 connections, e.g. 8")
	}
	if c.Read.ProjectorCacheBytes < 1<<20 {
		return bad("CAJA_PROJECTOR_CACHE_BYTES", "must be at least 1048576 bytes (1 MiB), e.g. 134217728 (128 MiB)")
	}
	if c.Read.ExportMaxBytes < 1 {
		return bad("CAJA_EXPORT_MAX_BYTES", "must be a positive number of bytes, e.g. 67108864 (64 MiB)")
	}
	if c.HTTP.ShutdownTimeout <= 0 {
		return bad("CAJA_SHUTDOWN_TIMEOUT", "must be a positive duration such as 15s")
	}
	if c.HTTP.PollInterval < 100_000_000 {
		return bad("CAJA_POLL_INTERVAL", "must be at least 100ms")
	}
	if c.HTTP.PollIntervalMax < c.HTTP.PollInterval {
		return bad("CAJA_POLL_INTERVAL_MAX", "must be at least CAJA_POLL_INTERVAL")
	}
	if c.HTTP.PollSharedMaxAge < 0 || c.HTTP.PollSharedMaxAge%time.Second != 0 {
		return bad("CAJA_POLL_SHARED_MAX_AGE", "must be a whole number of seconds, 0 or more, such as 1s")
	}
	if c.HTTP.PollTargetRPS < 0 {
		return bad("CAJA_POLL_TARGET_RPS", "must be 0 (never stretch) or more")
	}
	switch c.Commands.Auth {
	case caja.AuthOpen, caja.AuthAccounts, caja.AuthSSO:
	default:
		return bad("CAJA_AUTH", "must be open, accounts or sso")
	}
	if o := c.HTTP.OIDC; o.Issuer != "" {
		if u, err := url.Parse(o.Issuer); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return bad("CAJA_OIDC_ISSUER", "must be the provider's absolute http(s) URL, e.g. https://accounts.example.com")
		}
		if o.ClientID == "" {
			return bad("CAJA_OIDC_CLIENT_ID", "must be set when CAJA_OIDC_ISSUER is")
		}
	} else if c.Commands.Auth == caja.AuthSSO {
		return bad("CAJA_OIDC_ISSUER", "must be set when CAJA_AUTH=sso")
	}
	if _, err := parseLevel(c.LogLevel); err != nil {
		return bad("CAJA_LOG_LEVEL", "must be debug, info, warn or error")
	}
	for _, p := range c.HTTP.TrustedProxies {
		if net.ParseIP(p) == nil {
			if _, _, err := net.ParseCIDR(p); err != nil {
				return bad("TRUSTED_PROXIES", fmt.Sprintf("%q is neither an IP address nor a CIDR range", p))
			}
		}
	}
	return nil
}

func parseLevel(s string) (slog.Level, error) {
	var l slog.Level
	err := l.UnmarshalText([]byte(s))
	return l, err
}

// configError names the environment variable behind a parse error.
func configError(err error) error {
	var agg env.AggregateError
	if errors.As(err, &agg) && len(agg.Errors) > 0 {
		err = agg.Errors[0]
	}
	var pe env.ParseError
	if errors.As(err, &pe) {
		name := envName(reflect.TypeOf(Config{}), pe.Name)
		return fmt.Errorf("invalid configuration: %s: cannot read this value as %s", name, kindName(pe.Type))
	}
	return fmt.Errorf("invalid configuration: %w", err)
}

// envName finds the env tag of the (possibly nested) field called field.
func envName(t reflect.Type, field string) string {
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if f.Name == field {
			if tag := f.Tag.Get("env"); tag != "" {
				return strings.Split(tag, ",")[0]
			}
		}
		if f.Type.Kind() == reflect.Struct && f.Type.PkgPath() != "time" {
			if n := envName(f.Type, field); n != field {
				return n
			}
		}
	}
	return field
}

func kindName(t reflect.Type) string {
	switch t.String() {
	case "bool":
		return "a boolean (true or false)"
	case "time.Duration":
		return "a duration (e.g. 2s, 500ms)"
	case "int", "int64":
		return "a whole number"
	case "float64":
		return "a number"
	default:
		return t.String()
	}
}
