package loadgen

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"strconv"
	"sync"
	"sync/atomic"
	"time"
)

// joinPhones joins every phone, 64 at a time, through base (the cache, when
// there is one: a POST goes through it to the server); each reads /me right
// after joining, as the web app does.
func joinPhones(ctx context.Context, base, sessionID, nonce string, phones []phone, errs *errorSample) error {
	jc := NewClient(base, 64)
	var next atomic.Int64
	var wg sync.WaitGroup
	var failed atomic.Pointer[error]
	for w := 0; w < min(64, len(phones)); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1)) - 1
				if i >= len(phones) || failed.Load() != nil {
					return
				}
				p, err := jc.Join(ctx, sessionID, fmt.Sprintf("phone-%d-%s", i, nonce))
				if err != nil {
					err = fmt.Errorf("phones: join: %w", err)
					failed.Store(&err)
					return
				}
				phones[i].token = p.Token
				firstPoll(ctx, jc.HTTP, base+"/api/v1/sessions/"+sessionID, &phones[i], errs)
			}
		}()
	}
	wg.Wait()
	if err := failed.Load(); err != nil {
		return *err
	}
	return nil
}

// firstPoll is what the web app does right after joining: /me, its first
// poll of the state, and /me again (the first poll always fetches it). A
// real crowd does this as it joins, over minutes, not all at once when the
// polling starts.
func firstPoll(ctx context.Context, client *http.Client, sessionPath string, p *phone, errs *errorSample) {
	fetchMe(ctx, client, sessionPath, p, errs)
	req, _ := http.NewRequestWithContext(ctx, "GET", sessionPath+"/state", nil)
	resp, err := client.Do(req)
	if err != nil {
		errs.add(fmt.Errorf("first poll: %w", err))
		return
	}
	body, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil || resp.StatusCode != http.StatusOK {
		errs.add(fmt.Errorf("first poll: %d %v", resp.StatusCode, err))
		return
	}
	p.etag, p.marker, p.polled = resp.Header.Get("ETag"), meMarker(body), true
	fetchMe(ctx, client, sessionPath, p, errs)
}

// fetchMe is the web app's GET /participants/me, revalidated with the last
// ETag it got.
func fetchMe(ctx context.Context, client *http.Client, sessionPath string, p *phone, errs *errorSample) {
	req, _ := http.NewRequestWithContext(ctx, "GET", sessionPath+"/participants/me", nil)
	req.Header["Authorization"] = []string{"Bearer " + p.token}
	req.Header["Accept-Encoding"] = acceptGzip
	if p.meTag != "" {
		req.Header["If-None-Match"] = []string{p.meTag}
	}
	resp, err := client.Do(req)
	if err == nil {
		_, err = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
	}
	if ctx.Err() != nil {
		return
	}
	p.meFetches++
	switch {
	case err != nil:
		errs.add(fmt.Errorf("GET /me: %w", err))
	case resp.StatusCode == http.StatusOK:
		p.meTag = resp.Header.Get("ETag")
	case resp.StatusCode != http.StatusNotModified:
		errs.add(fmt.Errorf("GET /me: %d", resp.StatusCode))
	}
}

// acceptGzip is what browsers send; the participant view comes back
// gzip-compressed.
var acceptGzip = []string{"gzip, deflate, br"}

// meMarker reads the participant view's me_marker without decoding the
// document.
func meMarker(body []byte) string {
	const key = `"me_marker":"`
	i := bytes.Index(body, []byte(key))
	if i < 0 {
		return ""
	}
	rest := body[i+len(key):]
	j := bytes.IndexByte(rest, '"')
	if j < 0 {
		return ""
	}
	return string(rest[:j])
}

// poll is one phone: a conditional GET every interval (fixed rate, not
// drifting with latency), from its first tick until ctx ends. A phone that
// joined fetches /me on its first poll and when me_marker moves.
func poll(ctx context.Context, client *http.Client, sessionPath string, cfg PhonesConfig, p *phone, ch *change, errs *errorSample, maxSuggested *atomic.Int64, first time.Time) {
	url := sessionPath + "/state"
	interval := cfg.Interval
	next := first
	etag, polled := p.etag, p.polled
	buf := bytes.NewBuffer(make([]byte, 0, 4096))
	var zr *gzip.Reader
	for {
		if d := time.Until(next); d > 0 {
			t := time.NewTimer(d)
			select {
			case <-ctx.Done():
				t.Stop()
				return
			case <-t.C:
			}
		}
		if ctx.Err() != nil {
			return
		}
		req, _ := http.NewRequestWithContext(ctx, "GET", url, nil)
		req.Header["Accept-Encoding"] = acceptGzip
		if etag != "" {
			req.Header.Set("If-None-Match", etag)
		}
		began := time.Now()
		resp, err := client.Do(req)
		if err == nil {
			buf.Reset()
			var body io.Reader = resp.Body
			if resp.StatusCode == http.StatusOK && resp.Header.Get("Content-Encoding") == "gzip" {
				if zr == nil {
					zr, err = gzip.NewReader(resp.Body)
				} else {
					err = zr.Reset(resp.Body)
				}
				body = zr
			}
			if err == nil {
				_, err = io.Copy(buf, body)
			}
			resp.Body.Close()
		}
		took := time.Since(began)
		if ctx.Err() != nil {
			return // cut off by the end of the run: not a server error
		}
		switch {
		case err != nil:
			errs.add(err)
		case resp.StatusCode == http.StatusNotModified:
			p.nm++
			p.latencies = append(p.latencies, took)
		case resp.StatusCode == http.StatusOK:
			p.ok++
			if p.first == 0 {
				p.first = took // reported apart: it includes the TCP connect
			} else {
				p.latencies = append(p.latencies, took)
			}
			etag = resp.Header.Get("ETag")
			if p.seenAt.IsZero() && bytes.Contains(buf.Bytes(), ch.marker) {
				p.seenAt = time.Now()
			}
			if p.token != "" {
				if m := meMarker(buf.Bytes()); !polled || m != p.marker {
					p.marker = m
					fetchMe(ctx, client, sessionPath, p, errs)
					// Only the kick moves me_marker in this run.
					p.meAfterKick = p.meAfterKick || polled
				}
			}
			polled = true
		default:
			errs.add(fmt.Errorf("GET state: %d %s", resp.StatusCode, truncate(buf.String(), 200)))
		}
		if err == nil {
			if msv, perr := strconv.Atoi(resp.Header.Get("X-Poll-Interval-Ms")); perr == nil && msv > 0 {
				suggested := time.Duration(msv) * time.Millisecond
				for {
					cur := maxSuggested.Load()
					if int64(suggested) <= cur || maxSuggested.CompareAndSwap(cur, int64(suggested)) {
						break
					}
				}
				if cfg.FollowServerInterval {
					interval = suggested
				}
			}
		}
		next = next.Add(interval)
		if now := time.Now(); next.Before(now) {
			next = now // fell behind: poll now, don't burst to catch up
		}
	}
}

// ownConn is one phone's keep-alive connection: requests go one after the
// other over it, written and read by the phone's own goroutine. (An
// http.Transport per phone would add two goroutines and a pool per
// connection: at 10,000 phones the tool, not the server, would set the
// latency.)
type ownConn struct {
	conn net.Conn
	br   *bufio.Reader
}

func (o *ownConn) RoundTrip(req *http.Request) (*http.Response, error) {
	if o.conn == nil {
		d := net.Dialer{Timeout: 5 * time.Second}
		c, err := d.DialContext(req.Context(), "tcp", req.URL.Host)
		if err != nil {
			return nil, err
		}
		o.conn, o.br = c, bufio.NewReaderSize(c, 8<<10)
	}
	// Not the context's deadline: that is the end of the run, and a poll
	// cut off by it is not the server's error.
	_ = o.conn.SetDeadline(time.Now().Add(10 * time.Second))
	if err := req.Write(o.conn); err != nil {
		o.close()
		return nil, err
	}
	resp, err := http.ReadResponse(o.br, req)
	if err != nil {
		o.close()
		return nil, err
	}
	if resp.Close {
		resp.Body = closeAfter{resp.Body, o}
	}
	return resp, nil
}

func (o *ownConn) close() {
	if o.conn != nil {
		_ = o.conn.Close()
		o.conn, o.br = nil, nil
	}
}

// closeAfter closes the connection once the body is read, when the server
// asked for it.
type closeAfter struct {
	io.ReadCloser
	o *ownConn
}

func (c closeAfter) Close() error {
	err := c.ReadCloser.Close()
	c.o.close()
	return err
}
