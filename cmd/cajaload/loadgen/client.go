// Package loadgen drives a running Caja server through its public HTTP API
// only, to measure it: phones polling, participants voting, a quiz burst.
package loadgen

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"strconv"
	"strings"
	"sync/atomic"
	"time"
)

// Client talks to one Caja server.
type Client struct {
	Base string
	HTTP *http.Client
	// MetricsToken opens the server's /metrics (CAJA_METRICS_TOKEN).
	MetricsToken string
	// Throttled counts 429 answers, which are retried after Retry-After.
	Throttled atomic.Int64
	parent    *Client // counts this client's 429s too
	raw       *rawConn
}

// OwnConnection is a client whose requests go one after the other over a
// connection of its own, written and read by hand by the calling goroutine
// (see rawConn): one per worker, so the machine's CPU goes to the server
// being measured. Its 429s count in c's Throttled. closeConn closes the
// connection. When the base URL is not plain http, it is a client over one
// net/http connection instead.
func (c *Client) OwnConnection() (own *Client, closeConn func()) {
	if raw, err := newRawConn(c.Base); err == nil {
		return &Client{Base: c.Base, raw: raw, parent: c}, raw.close
	}
	conn := &ownConn{}
	return &Client{Base: c.Base, HTTP: &http.Client{Transport: conn, Timeout: 30 * time.Second}, parent: c}, conn.close
}

// NewClient returns a client with a connection pool sized for conns
// concurrent requests.
func NewClient(base string, conns int) *Client {
	return &Client{Base: strings.TrimRight(base, "/"), HTTP: &http.Client{Transport: NewTransport(conns), Timeout: 30 * time.Second},
		MetricsToken: os.Getenv("CAJA_METRICS_TOKEN")}
}

// NewTransport is an HTTP/1.1 keep-alive transport for up to conns
// connections to one host.
func NewTransport(conns int) *http.Transport {
	return &http.Transport{
		DialContext:         (&net.Dialer{Timeout: 5 * time.Second, KeepAlive: 30 * time.Second}).DialContext,
		MaxIdleConns:        conns,
		MaxIdleConnsPerHost: conns,
		MaxConnsPerHost:     conns,
		IdleConnTimeout:     90 * time.Second,
		DisableCompression:  true,
		ForceAttemptHTTP2:   false,
	}
}

// StatusError is a non-2xx answer.
type StatusError struct {
	Method, Path string
	Status       int
	Body         string
}

func (e *StatusError) Error() string {
	return fmt.Sprintf("%s %s: %d %s", e.Method, e.Path, e.Status, e.Body)
}

// Do sends a JSON request and decodes a JSON answer into out (when not
// nil). A 429 is retried after its Retry-After; any other non-2xx is a
// *StatusError.
func (c *Client) Do(ctx context.Context, method, path, token string, body, out any) (int, error) {
	var payload []byte
	if body != nil {
		var err error
		if s, ok := body.(string); ok {
			payload = []byte(s)
		} else if payload, err = json.Marshal(body); err != nil {
			return 0, err
		}
	}
	if c.raw != nil {
		return c.doRaw(ctx, method, path, token, payload, out)
	}
	for {
		var rd io.Reader
		if payload != nil {
			rd = bytes.NewReader(payload)
		}
		req, err := http.NewRequestWithContext(ctx, method, c.Base+path, rd)
		if err != nil {
			return 0, err
		}
		if payload != nil {
			req.Header.Set("Content-Type", "application/json")
		}
		if token != "" {
			req.Header.Set("Authorization", "Bearer "+token)
		}
		resp, err := c.HTTP.Do(req)
		if err != nil {
			return 0, err
		}
		data, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		if err != nil {
			return resp.StatusCode, err
		}
		if resp.StatusCode == http.StatusTooManyRequests {
			if err := c.throttled(ctx, resp.Header.Get("Retry-After")); err != nil {
				return resp.StatusCode, err
			}
			continue
		}
		return resp.StatusCode, answered(method, path, resp.StatusCode, data, out)
	}
}

// doRaw is Do over the client's own raw connection.
func (c *Client) doRaw(ctx context.Context, method, path, token string, payload []byte, out any) (int, error) {
	for {
		resp, err := c.raw.do(ctx, method, path, token, payload)
		if err != nil {
			return 0, fmt.Errorf("%s %s: %w", method, path, err)
		}
		if resp.status == http.StatusTooManyRequests {
			if err := c.throttled(ctx, resp.retryAfter); err != nil {
				return resp.status, err
			}
			continue
		}
		return resp.status, answered(method, path, resp.status, resp.body, out)
	}
}

// throttled counts a 429 and waits for its Retry-After.
func (c *Client) throttled(ctx context.Context, retryAfter string) error {
	c.Throttled.Add(1)
	if c.parent != nil {
		c.parent.Throttled.Add(1)
	}
	wait := time.Second
	if s, err := strconv.Atoi(retryAfter); err == nil && s > 0 {
		wait = time.Duration(s) * time.Second
	}
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-time.After(wait):
		return nil
	}
}

// answered turns a non-2xx answer into a *StatusError and decodes a 2xx
// one into out (when not nil).
func answered(method, path string, status int, data []byte, out any) error {
	if status < 200 || status > 299 {
		return &StatusError{Method: method, Path: path, Status: status, Body: truncate(string(data), 300)}
	}
	if out != nil && len(data) > 0 {
		if err := json.Unmarshal(data, out); err != nil {
			return fmt.Errorf("%s %s: decode: %w", method, path, err)
		}
	}
	return nil
}

func truncate(s string, n int) string {
	if len(s) > n {
		return s[:n] + "…"
	}
	return s
}

// Session is what the organizer gets back at creation.
type Session struct {
	ID         string `json:"id"`
	JoinCode   string `json:"join_code"`
	AdminToken string `json:"admin_token"`
	DisplayKey string `json:"display_key"`
}

// Activity is the part of an activity the scenarios use.
type Activity struct {
	ID      string `json:"id"`
	Options []struct {
		ID      string `json:"id"`
		Label   string `json:"label"`
		Correct *bool  `json:"correct"`
	} `json:"options"`
}

// Participant is a joined phone.
type Participant struct {
	ID       string `json:"id"`
	Nickname string `json:"nickname"`
	Token    string `json:"token"`
}

// CreateSession creates a session and makes it active.
func (c *Client) CreateSession(ctx context.Context, name string) (*Session, error) {
	var s Session
	if _, err := c.Do(ctx, "POST", "/api/v1/sessions", "", map[string]string{"name": name, "admin_id": "cajaload"}, &s); err != nil {
		return nil, fmt.Errorf("create session: %w", err)
	}
	if err := c.PatchSession(ctx, &s, `{"status":"active"}`); err != nil {
		return nil, err
	}
	return &s, nil
}

// PatchSession sends an organizer's session update.
func (c *Client) PatchSession(ctx context.Context, s *Session, body string) error {
	if _, err := c.Do(ctx, "PATCH", "/api/v1/sessions/"+s.ID, s.AdminToken, body, nil); err != nil {
		return fmt.Errorf("update session: %w", err)
	}
	return nil
}

// CreateActivity adds an activity (body is its JSON).
func (c *Client) CreateActivity(ctx context.Context, s *Session, body string) (*Activity, error) {
	var a Activity
	if _, err := c.Do(ctx, "POST", "/api/v1/sessions/"+s.ID+"/activities", s.AdminToken, body, &a); err != nil {
		return nil, fmt.Errorf("create activity: %w", err)
	}
	return &a, nil
}

// PatchActivity sends an organizer's activity update.
func (c *Client) PatchActivity(ctx context.Context, s *Session, aid, body string) error {
	if _, err := c.Do(ctx, "PATCH", "/api/v1/sessions/"+s.ID+"/activities/"+aid, s.AdminToken, body, nil); err != nil {
		return fmt.Errorf("update activity: %w", err)
	}
	return nil
}

// Present opens an activity and puts it on every screen.
func (c *Client) Present(ctx context.Context, s *Session, aid string) error {
	if err := c.PatchActivity(ctx, s, aid, `{"status":"open"}`); err != nil {
		return err
	}
	return c.PatchSession(ctx, s, `{"current_activity_id":"`+aid+`"}`)
}

// Join adds a participant.
func (c *Client) Join(ctx context.Context, sessionID, nickname string) (*Participant, error) {
	var p Participant
	if _, err := c.Do(ctx, "POST", "/api/v1/sessions/"+sessionID+"/participants", "", map[string]string{"nickname": nickname}, &p); err != nil {
		return nil, err
	}
	return &p, nil
}

// Answer submits a response with the participant's token.
func (c *Client) Answer(ctx context.Context, sessionID, aid, token, body string) (int, error) {
	return c.Do(ctx, "POST", "/api/v1/sessions/"+sessionID+"/activities/"+aid+"/responses", token, body, nil)
}

// OptionResults are the results of a poll or quiz.
type OptionResults struct {
	TotalResponses int `json:"total_responses"`
	Options        []struct {
		ID    string `json:"id"`
		Count int    `json:"count"`
	} `json:"options"`
}

// Results reads an activity's results as the organizer.
func (c *Client) Results(ctx context.Context, s *Session, aid string) (*OptionResults, error) {
	var r OptionResults
	if _, err := c.Do(ctx, "GET", "/api/v1/sessions/"+s.ID+"/activities/"+aid+"/results", s.AdminToken, nil, &r); err != nil {
		return nil, err
	}
	return &r, nil
}

// LeaderEntry is one line of the leaderboard.
type LeaderEntry struct {
	ParticipantID  string `json:"participant_id"`
	Score          int    `json:"score"`
	Rank           int    `json:"rank"`
	CorrectAnswers int    `json:"correct_answers"`
}

// Leaderboard reads the top limit entries.
func (c *Client) Leaderboard(ctx context.Context, sessionID string, limit int) ([]LeaderEntry, error) {
	var out struct {
		Entries []LeaderEntry `json:"entries"`
	}
	if _, err := c.Do(ctx, "GET", "/api/v1/sessions/"+sessionID+"/leaderboard?limit="+strconv.Itoa(limit), "", nil, &out); err != nil {
		return nil, err
	}
	return out.Entries, nil
}

// Me reads a participant's own document.
func (c *Client) Me(ctx context.Context, sessionID, token string) (score, correct int, err error) {
	var out struct {
		Score          int `json:"score"`
		CorrectAnswers int `json:"correct_answers"`
	}
	if _, err := c.Do(ctx, "GET", "/api/v1/sessions/"+sessionID+"/participants/me", token, nil, &out); err != nil {
		return 0, 0, err
	}
	return out.Score, out.CorrectAnswers, nil
}

// ParticipantCount reads how many participants a session's state shows.
func (c *Client) ParticipantCount(ctx context.Context, sessionID string) (int, error) {
	var out struct {
		ParticipantCount int `json:"participant_count"`
	}
	if _, err := c.Do(ctx, "GET", "/api/v1/sessions/"+sessionID+"/state", "", nil, &out); err != nil {
		return 0, err
	}
	return out.ParticipantCount, nil
}

// AwaitParticipants waits until the session's state shows n participants:
// the read model has caught up with the joins, so that the next phase is
// measured on its own, not while the projector still works through them.
func (c *Client) AwaitParticipants(ctx context.Context, sessionID string, n int, limit time.Duration) error {
	deadline := time.Now().Add(limit)
	for {
		got, err := c.ParticipantCount(ctx, sessionID)
		if err == nil && got >= n {
			return nil
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("the state shows %d of %d participants after %s (last error: %v)", got, n, limit, err)
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(50 * time.Millisecond):
		}
	}
}

// errorSample keeps the first few distinct error messages of a run.
type errorSample struct {
	n    atomic.Int64
	seen chan string
}

func newErrorSample() *errorSample { return &errorSample{seen: make(chan string, 5)} }

func (e *errorSample) add(err error) {
	e.n.Add(1)
	select {
	case e.seen <- err.Error():
	default:
	}
}

func (e *errorSample) messages() []string {
	var out []string
	for {
		select {
		case m := <-e.seen:
			out = append(out, truncate(m, 200))
		default:
			return out
		}
	}
}
