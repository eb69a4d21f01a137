package loadgen

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"math"
	mrand "math/rand/v2"
	"net/http"
	"strings"
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
	// Via, when set, is the base URL phones send their requests to (a
	// cache in front of the server: nginx, a CDN); the organizer's changes
	// and the metrics still go to the server itself.
	Via string
	// Join makes each phone what the web app is: it joins (64 at a time,
	// before polling starts), fetches /participants/me, polls once and
	// fetches /me again, as the app does on joining; then it polls, and
	// fetches /me whenever the participant view's me_marker moves. At three quarters of the run the organizer kicks a participant
	// of its own, which moves me_marker: every phone fetches /me once.
	Join bool
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
	// MeFetches counts GET /participants/me (Join): on joining, on the first
	// poll, after me_marker moved.
	MeFetches int64
	// MarkerMissed counts phones that never fetched /me after the kick
	// moved me_marker (Join).
	MarkerMissed int
	// OriginParticipantRPS is the rate at which the server itself answered
	// polls of the participant view (its caja_poll_responses_total), over
	// the polling window, and the most in any one-second sample: behind a
	// cache, what the cache let through.
	OriginParticipantRPS, OriginParticipantRPSMax float64
	Via                                           string
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
	if r.Via != "" {
		fmt.Fprintf(&b, "via               %s\n", r.Via)
	}
	if !math.IsNaN(r.OriginParticipantRPS) {
		fmt.Fprintf(&b, "origin polls/s    %.1f participant-view requests/s reached the server (max %.0f in a second)\n", r.OriginParticipantRPS, r.OriginParticipantRPSMax)
	}
	if r.MeFetches > 0 {
		fmt.Fprintf(&b, "/me fetches       %d  (phones that missed the kick's me_marker: %d)\n", r.MeFetches, r.MarkerMissed)
	}
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
	// kickAt: when the organizer's kick (which moves me_marker) was sent;
	// unix nanos, 0 until then.
	kickAt atomic.Int64
}

type phone struct {
	first     time.Duration
	latencies []time.Duration
	ok, nm    int64
	seenAt    time.Time
	// Join: the phone's identity and what it knows of /me; etag and polled
	// carry its first poll, made when it joined.
	etag        string
	polled      bool
	token       string
	meTag       string
	marker      string
	meFetches   int64
	meAfterKick bool
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
	base := c.Base
	if cfg.Via != "" {
		base = strings.TrimRight(cfg.Via, "/")
	}
	sessionPath := base + "/api/v1/sessions/" + s.ID

	var shared *http.Client
	if cfg.Conns > 0 {
		shared = &http.Client{Transport: NewTransport(cfg.Conns), Timeout: 10 * time.Second}
	}

	var nonce [6]byte
	_, _ = rand.Read(nonce[:])
	ch := &change{marker: []byte("changed " + hex.EncodeToString(nonce[:]))}
	var maxSuggested atomic.Int64
	errs := newErrorSample()
	phones := make([]phone, cfg.N)

	var victim *Participant
	if cfg.Join {
		if victim, err = c.Join(ctx, s.ID, "kicked-"+hex.EncodeToString(nonce[:])); err != nil {
			return nil, fmt.Errorf("phones: join: %w", err)
		}
		if err := joinPhones(ctx, base, s.ID, hex.EncodeToString(nonce[:]), phones, errs); err != nil {
			return nil, err
		}
	}

	runCtx, cancel := context.WithTimeout(ctx, cfg.Duration)
	defer cancel()
	start := time.Now()
	before, _ := c.Scrape(ctx)

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
			poll(runCtx, client, sessionPath, cfg, p, ch, errs, &maxSuggested, start.Add(time.Duration(mrand.Int64N(int64(cfg.RampUp)))))
		}(&phones[i])
	}

	// Halfway through, the organizer renames the session; at three
	// quarters (Join) it kicks a participant, which moves me_marker.
	var changeErr error
	rssMax := math.NaN()
	originMax := 0.0
	wg.Add(1)
	go func() {
		defer wg.Done()
		half := time.NewTimer(cfg.Duration / 2)
		defer half.Stop()
		kick := time.NewTimer(cfg.Duration * 3 / 4)
		defer kick.Stop()
		sample := time.NewTicker(time.Second)
		defer sample.Stop()
		last, lastAt := before, start
		changed := false
		for {
			select {
			case <-runCtx.Done():
				return
			case now := <-sample.C:
				if m, err := c.Scrape(runCtx); err == nil {
					if v := m.Gauge("process_resident_memory_bytes"); !math.IsNaN(v) && (math.IsNaN(rssMax) || v > rssMax) {
						rssMax = v
					}
					if last != nil {
						if r := (m.participantPolls() - last.participantPolls()) / now.Sub(lastAt).Seconds(); r > originMax {
							originMax = r
						}
					}
					last, lastAt = m, now
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
			case <-kick.C:
				if victim == nil {
					continue
				}
				ch.kickAt.Store(time.Now().UnixNano())
				if _, err := c.Do(runCtx, "DELETE", "/api/v1/sessions/"+s.ID+"/participants/"+victim.ID, s.AdminToken, nil, nil); err != nil {
					changeErr = fmt.Errorf("kick: %w", err)
					return
				}
			}
		}
	}()
	wg.Wait()
	elapsed := time.Since(start)
	if changeErr != nil {
		return nil, fmt.Errorf("phones: the organizer's change failed: %w", changeErr)
	}
	after, _ := c.Scrape(ctx)

	rep := &PhonesReport{Phones: cfg.N, Elapsed: elapsed, Errors: errs.n.Load(), ErrorSamples: errs.messages(), MaxSuggestedPoll: time.Duration(maxSuggested.Load()), ServerRSSMax: rssMax, Via: cfg.Via, OriginParticipantRPS: math.NaN(), OriginParticipantRPSMax: originMax}
	if before != nil && after != nil {
		rep.OriginParticipantRPS = (after.participantPolls() - before.participantPolls()) / elapsed.Seconds()
	}
	var lat, first, vis []time.Duration
	ack := ch.ackAt.Load()
	kicked := ch.kickAt.Load() != 0
	for i := range phones {
		p := &phones[i]
		lat = append(lat, p.latencies...)
		if p.first > 0 {
			first = append(first, p.first)
		}
		rep.OK += p.ok
		rep.NotModified += p.nm
		rep.MeFetches += p.meFetches
		if kicked && !p.meAfterKick {
			rep.MarkerMissed++
		}
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

// participantPolls is how many polls of the participant view the server
// answered (200 and 304).
func (m ServerMetrics) participantPolls() float64 {
	f, ok := m["caja_poll_responses_total"]
	if !ok {
		return 0
	}
	total := 0.0
	for _, mt := range f.Metric {
		for _, l := range mt.Label {
			if l.GetName() == "view" && l.GetValue() == "participant" && mt.Counter != nil {
				total += mt.Counter.GetValue()
			}
		}
	}
	return total
}
