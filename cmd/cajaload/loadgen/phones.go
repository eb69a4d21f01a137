package loadgen

import (
	"bufio"
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"io"
	"math"
	mrand "math/rand/v2"
	"net"
	"net/http"
	"strconv"
	"sync"
	"sync/atomic"
	"time"
)

// PhonesConfig is the phones scenario: N phones poll one session's
// participant state, and halfway through the organizer changes something.
type PhonesConfig struct {
	N        int
	Interval time.Duration
	Duration time.Duration
	// Conns caps the connections to the server; 0 gives every phone its
	// own, as real phones have.
	Conns int
	// FollowServerInterval makes phones poll at the interval the server
	// suggests (X-Poll-Interval-Ms), as the web app does.
	FollowServerInterval bool
	// RampUp spreads the phones' first polls over this long (default one
	// interval).
	RampUp time.Duration
}

// PhonesReport is what a phones run measured.
type PhonesReport struct {
	Phones          int
	Elapsed         time.Duration
	Requests        int64
	OK, NotModified int64
	Errors          int64
	ErrorSamples    []string
	Latency         Percentiles
	// FirstPoll is each phone's first poll, which opens its connection.
	FirstPoll        Percentiles
	ChangeVisible    Percentiles
	MissedChange     int
	MaxSuggestedPoll time.Duration
	ServerRSSMax     float64 // bytes; NaN when not exported
}

// RequestsPerSecond over the whole run.
func (r PhonesReport) RequestsPerSecond() float64 { return float64(r.Requests) / r.Elapsed.Seconds() }

func (r PhonesReport) String() string {
	var b bytes.Buffer
	fmt.Fprintf(&b, "phones            %d over %s\n", r.Phones, r.Elapsed.Round(time.Millisecond))
	fmt.Fprintf(&b, "requests/s        %.0f  (200: %d, 304: %d, errors: %d)\n", r.RequestsPerSecond(), r.OK, r.NotModified, r.Errors)
	fmt.Fprintf(&b, "poll latency      %s\n", r.Latency)
	fmt.Fprintf(&b, "first poll        %s  (opens the phone's connection)\n", r.FirstPoll)
	fmt.Fprintf(&b, "change visible    %s  (phones that never saw it: %d)\n", r.ChangeVisible, r.MissedChange)
	fmt.Fprintf(&b, "suggested poll    up to %s\n", r.MaxSuggestedPoll)
	if !math.IsNaN(r.ServerRSSMax) {
		fmt.Fprintf(&b, "server RSS        max %.0f MB\n", r.ServerRSSMax/(1<<20))
	}
	for _, m := range r.ErrorSamples {
		fmt.Fprintf(&b, "error sample      %s\n", m)
	}
	return b.String()
}

// change is the organizer's edit the phones are waiting to see.
type change struct {
	marker []byte
	ackAt  atomic.Int64 // unix nanos; 0 until acknowledged
}

type phone struct {
	first     time.Duration
	latencies []time.Duration
	ok, nm    int64
	seenAt    time.Time
}

// Phones runs the phones scenario against a fresh session.
func Phones(ctx context.Context, c *Client, cfg PhonesConfig) (*PhonesReport, error) {
	if cfg.N <= 0 || cfg.Interval <= 0 || cfg.Duration <= 0 {
		return nil, fmt.Errorf("phones: -n, -interval and -duration must be positive")
	}
	if cfg.RampUp <= 0 {
		cfg.RampUp = cfg.Interval
	}
	s, err := c.CreateSession(ctx, "cajaload phones")
	if err != nil {
		return nil, err
	}
	statePath := c.Base + "/api/v1/sessions/" + s.ID + "/state"

	var shared *http.Client
	if cfg.Conns > 0 {
		shared = &http.Client{Transport: NewTransport(cfg.Conns), Timeout: 10 * time.Second}
	}
	runCtx, cancel := context.WithTimeout(ctx, cfg.Duration)
	defer cancel()

	var nonce [6]byte
	_, _ = rand.Read(nonce[:])
	ch := &change{marker: []byte("changed " + hex.EncodeToString(nonce[:]))}
	var maxSuggested atomic.Int64
	errs := newErrorSample()
	phones := make([]phone, cfg.N)
	start := time.Now()

	var wg sync.WaitGroup
	for i := range phones {
		wg.Add(1)
		go func(p *phone) {
			defer wg.Done()
			client := shared
			if client == nil {
				conn := &ownConn{}
				defer conn.close()
				client = &http.Client{Transport: conn, Timeout: 10 * time.Second}
			}
			poll(runCtx, client, statePath, cfg, p, ch, errs, &maxSuggested, start.Add(time.Duration(mrand.Int64N(int64(cfg.RampUp)))))
		}(&phones[i])
	}

	// Halfway through, the organizer renames the session.
	var changeErr error
	rssMax := math.NaN()
	wg.Add(1)
	go func() {
		defer wg.Done()
		half := time.NewTimer(cfg.Duration / 2)
		defer half.Stop()
		sample := time.NewTicker(2 * time.Second)
		defer sample.Stop()
		changed := false
		for {
			select {
			case <-runCtx.Done():
				return
			case <-sample.C:
				if m, err := c.Scrape(runCtx); err == nil {
					if v := m.Gauge("process_resident_memory_bytes"); !math.IsNaN(v) && (math.IsNaN(rssMax) || v > rssMax) {
						rssMax = v
					}
				}
			case <-half.C:
				if changed {
					continue
				}
				changed = true
				if err := c.PatchSession(runCtx, s, fmt.Sprintf(`{"name":%q}`, string(ch.marker))); err != nil {
					changeErr = err
					return
				}
				ch.ackAt.Store(time.Now().UnixNano())
			}
		}
	}()
	wg.Wait()
	elapsed := time.Since(start)
	if changeErr != nil {
		return nil, fmt.Errorf("phones: the organizer's change failed: %w", changeErr)
	}

	rep := &PhonesReport{Phones: cfg.N, Elapsed: elapsed, Errors: errs.n.Load(), ErrorSamples: errs.messages(), MaxSuggestedPoll: time.Duration(maxSuggested.Load()), ServerRSSMax: rssMax}
	var lat, first, vis []time.Duration
	ack := ch.ackAt.Load()
	for i := range phones {
		p := &phones[i]
		lat = append(lat, p.latencies...)
		if p.first > 0 {
			first = append(first, p.first)
		}
		rep.OK += p.ok
		rep.NotModified += p.nm
		switch {
		case ack == 0:
		case p.seenAt.IsZero():
			rep.MissedChange++
		default:
			vis = append(vis, max(0, p.seenAt.Sub(time.Unix(0, ack))))
		}
	}
	rep.Requests = rep.OK + rep.NotModified + rep.Errors
	rep.Latency = Summarize(lat)
	rep.FirstPoll = Summarize(first)
	rep.ChangeVisible = Summarize(vis)
	return rep, nil
}

// poll is one phone: a conditional GET every interval (fixed rate, not
// drifting with latency), from its first tick until ctx ends.
func poll(ctx context.Context, client *http.Client, url string, cfg PhonesConfig, p *phone, ch *change, errs *errorSample, maxSuggested *atomic.Int64, first time.Time) {
	interval := cfg.Interval
	next := first
	etag := ""
	buf := bytes.NewBuffer(make([]byte, 0, 4096))
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
		if etag != "" {
			req.Header.Set("If-None-Match", etag)
		}
		began := time.Now()
		resp, err := client.Do(req)
		if err == nil {
			buf.Reset()
			_, err = io.Copy(buf, resp.Body)
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
