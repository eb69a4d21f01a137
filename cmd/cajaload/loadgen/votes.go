package loadgen

import (
	"bytes"
	"context"
	"fmt"
	"math"
	"strconv"
	"sync"
	"sync/atomic"
	"time"
)

// VotesConfig is the votes scenario: N participants join, then each answers
// an open poll once, C requests at a time.
type VotesConfig struct {
	N, C    int
	Options int
	// Converge bounds the wait for the read model to equal the answers.
	Converge time.Duration
}

// VotesReport is what a votes run measured.
type VotesReport struct {
	Participants   int
	Joined         int
	JoinElapsed    time.Duration
	Answered       int
	AnswerElapsed  time.Duration
	Errors         int64
	ErrorSamples   []string
	Throttled      int64
	AnswerLatency  Percentiles
	Converged      bool
	ConvergedAfter time.Duration // from the last acknowledged answer
	Mismatch       string        // when not converged: what differed last
	ProjectorLag   Percentiles   // from the server's histogram: P50, P99 only
	LagSamples     uint64
}

// JoinsPerSecond is the join rate.
func (r VotesReport) JoinsPerSecond() float64 { return float64(r.Joined) / r.JoinElapsed.Seconds() }

// AnswersPerSecond is the answer rate.
func (r VotesReport) AnswersPerSecond() float64 {
	return float64(r.Answered) / r.AnswerElapsed.Seconds()
}

func (r VotesReport) String() string {
	var b bytes.Buffer
	fmt.Fprintf(&b, "participants      %d\n", r.Participants)
	fmt.Fprintf(&b, "joins/s           %.0f  (%d in %s)\n", r.JoinsPerSecond(), r.Joined, r.JoinElapsed.Round(time.Millisecond))
	fmt.Fprintf(&b, "answers/s         %.0f  (%d in %s)\n", r.AnswersPerSecond(), r.Answered, r.AnswerElapsed.Round(time.Millisecond))
	fmt.Fprintf(&b, "answer latency    %s\n", r.AnswerLatency)
	fmt.Fprintf(&b, "errors            %d  (429s retried: %d)\n", r.Errors, r.Throttled)
	if r.Converged {
		fmt.Fprintf(&b, "read model exact  %s after the last acknowledged answer\n", r.ConvergedAfter.Round(time.Millisecond))
	} else {
		fmt.Fprintf(&b, "read model exact  NO: %s\n", r.Mismatch)
	}
	if r.LagSamples > 0 {
		fmt.Fprintf(&b, "projector lag     p50 %s  p99 %s  (outbox rows: %d, server histogram)\n", ms(r.ProjectorLag.P50), ms(r.ProjectorLag.P99), r.LagSamples)
	}
	for _, m := range r.ErrorSamples {
		fmt.Fprintf(&b, "error sample      %s\n", m)
	}
	return b.String()
}

// JoinAll joins n participants, c at a time.
func JoinAll(ctx context.Context, cl *Client, sessionID string, n, c int, errs *errorSample) ([]*Participant, time.Duration) {
	out := make([]*Participant, n)
	start := time.Now()
	forEach(cl, n, c, func(cl *Client, i int) {
		p, err := cl.Join(ctx, sessionID, "p"+strconv.Itoa(i))
		if err != nil {
			errs.add(err)
			return
		}
		out[i] = p
	})
	elapsed := time.Since(start)
	joined := out[:0]
	for _, p := range out {
		if p != nil {
			joined = append(joined, p)
		}
	}
	return joined, elapsed
}

// forEach runs fn(0..n-1) on c workers, each with its own connection.
func forEach(cl *Client, n, c int, fn func(cl *Client, i int)) {
	var next atomic.Int64
	var wg sync.WaitGroup
	for w := 0; w < max(1, min(c, n)); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			own, closeConn := cl.OwnConnection()
			defer closeConn()
			for {
				i := int(next.Add(1)) - 1
				if i >= n {
					return
				}
				fn(own, i)
			}
		}()
	}
	wg.Wait()
}

// Votes runs the votes scenario against a fresh session.
func Votes(ctx context.Context, cl *Client, cfg VotesConfig) (*VotesReport, error) {
	if cfg.N <= 0 || cfg.C <= 0 {
		return nil, fmt.Errorf("votes: -n and -c must be positive")
	}
	cfg.Options = max(2, min(cfg.Options, 20))
	if cfg.Converge <= 0 {
		cfg.Converge = 30 * time.Second
	}
	s, err := cl.CreateSession(ctx, "cajaload votes")
	if err != nil {
		return nil, err
	}
	var opts bytes.Buffer
	for i := 0; i < cfg.Options; i++ {
		if i > 0 {
			opts.WriteByte(',')
		}
		fmt.Fprintf(&opts, `{"label":"Option %d"}`, i+1)
	}
	a, err := cl.CreateActivity(ctx, s, `{"type":"poll","title":"Load test poll","options":[`+opts.String()+`]}`)
	if err != nil {
		return nil, err
	}
	if err := cl.Present(ctx, s, a.ID); err != nil {
		return nil, err
	}

	errs := newErrorSample()
	rep := &VotesReport{Participants: cfg.N}
	people, joinElapsed := JoinAll(ctx, cl, s.ID, cfg.N, cfg.C, errs)
	rep.Joined, rep.JoinElapsed = len(people), joinElapsed
	if err := cl.AwaitParticipants(ctx, s.ID, len(people), cfg.Converge); err != nil {
		return nil, err
	}

	before, _ := cl.Scrape(ctx)
	acked := make([]atomic.Int64, len(a.Options))
	latencies := make([]time.Duration, len(people))
	var lastAck atomic.Int64
	start := time.Now()
	forEach(cl, len(people), cfg.C, func(cl *Client, i int) {
		k := i % len(a.Options)
		began := time.Now()
		_, err := cl.Answer(ctx, s.ID, a.ID, people[i].Token, `{"option_ids":["`+a.Options[k].ID+`"]}`)
		latencies[i] = time.Since(began)
		if err != nil {
			errs.add(err)
			return
		}
		acked[k].Add(1)
		storeMax(&lastAck, time.Now().UnixNano())
	})
	rep.AnswerElapsed = time.Since(start)
	want := make(map[string]int, len(a.Options))
	for k, o := range a.Options {
		want[o.ID] = int(acked[k].Load())
		rep.Answered += want[o.ID]
	}
	rep.AnswerLatency = Summarize(latencies)

	rep.Converged, rep.ConvergedAfter, rep.Mismatch = awaitCounts(ctx, cl, s, a.ID, want, rep.Answered, time.Unix(0, lastAck.Load()), cfg.Converge)
	if after, err := cl.Scrape(ctx); err == nil && before != nil {
		p50, n := HistogramQuantile(before, after, "caja_projector_lag_seconds", 0.50)
		p99, _ := HistogramQuantile(before, after, "caja_projector_lag_seconds", 0.99)
		if !math.IsNaN(p99) {
			rep.ProjectorLag = Percentiles{P50: secs(p50), P99: secs(p99)}
			rep.LagSamples = n
		}
	}
	rep.Errors, rep.ErrorSamples, rep.Throttled = errs.n.Load(), errs.messages(), cl.Throttled.Load()
	return rep, nil
}

func secs(f float64) time.Duration { return time.Duration(f * float64(time.Second)) }

func storeMax(v *atomic.Int64, x int64) {
	for {
		cur := v.Load()
		if x <= cur || v.CompareAndSwap(cur, x) {
			return
		}
	}
}

// awaitCounts polls an activity's results until they equal the acknowledged
// answers exactly, or the deadline passes.
func awaitCounts(ctx context.Context, cl *Client, s *Session, aid string, want map[string]int, total int, lastAck time.Time, limit time.Duration) (bool, time.Duration, string) {
	deadline := time.Now().Add(limit)
	mismatch := "no results read"
	for {
		r, err := cl.Results(ctx, s, aid)
		if err != nil {
			mismatch = err.Error()
		} else if m := compareCounts(r, want, total); m == "" {
			return true, max(0, time.Since(lastAck)), ""
		} else {
			mismatch = m
		}
		if time.Now().After(deadline) || ctx.Err() != nil {
			return false, 0, mismatch
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func compareCounts(r *OptionResults, want map[string]int, total int) string {
	if r.TotalResponses != total {
		return fmt.Sprintf("total_responses %d, acknowledged %d", r.TotalResponses, total)
	}
	for _, o := range r.Options {
		if o.Count != want[o.ID] {
			return fmt.Sprintf("option %s: count %d, acknowledged %d", o.ID, o.Count, want[o.ID])
		}
	}
	return ""
}
