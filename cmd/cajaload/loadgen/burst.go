package loadgen

import (
	"bytes"
	"context"
	"fmt"
	mrand "math/rand/v2"
	"sync"
	"sync/atomic"
	"time"
)

// BurstConfig is the burst scenario: N participants wait in the lobby, a
// quiz question opens, and all of them answer within Window.
type BurstConfig struct {
	N, C     int
	Window   time.Duration
	Points   int
	Converge time.Duration
}

// BurstReport is what a burst run measured.
type BurstReport struct {
	Participants       int
	Joined             int
	JoinElapsed        time.Duration
	Answered           int
	Correct            int
	AnswerElapsed      time.Duration
	AnswerLatency      Percentiles
	Errors             int64
	Throttled          int64
	ErrorSamples       []string
	CountsConverged    bool
	CountsAfter        time.Duration
	LeaderboardOK      bool
	LeaderboardAfter   time.Duration // from the reveal's acknowledgement
	Mismatch           string
	LeaderboardEntries int
}

// AnswersPerSecond over the burst.
func (r BurstReport) AnswersPerSecond() float64 {
	return float64(r.Answered) / r.AnswerElapsed.Seconds()
}

func (r BurstReport) String() string {
	var b bytes.Buffer
	fmt.Fprintf(&b, "participants      %d (joined %d in %s)\n", r.Participants, r.Joined, r.JoinElapsed.Round(time.Millisecond))
	fmt.Fprintf(&b, "answers           %d (%d right) in %s: %.0f/s\n", r.Answered, r.Correct, r.AnswerElapsed.Round(time.Millisecond), r.AnswersPerSecond())
	fmt.Fprintf(&b, "answer latency    %s\n", r.AnswerLatency)
	fmt.Fprintf(&b, "errors            %d  (429s retried: %d)\n", r.Errors, r.Throttled)
	if r.CountsConverged {
		fmt.Fprintf(&b, "results exact     %s after the last acknowledged answer\n", r.CountsAfter.Round(time.Millisecond))
	} else {
		fmt.Fprintf(&b, "results exact     NO: %s\n", r.Mismatch)
	}
	if r.LeaderboardOK {
		fmt.Fprintf(&b, "leaderboard exact %s after the reveal (%d entries)\n", r.LeaderboardAfter.Round(time.Millisecond), r.LeaderboardEntries)
	} else if r.CountsConverged {
		fmt.Fprintf(&b, "leaderboard exact NO: %s\n", r.Mismatch)
	}
	for _, m := range r.ErrorSamples {
		fmt.Fprintf(&b, "error sample      %s\n", m)
	}
	return b.String()
}

// OK reports whether everything converged without errors.
func (r BurstReport) OK() bool { return r.Errors == 0 && r.CountsConverged && r.LeaderboardOK }

// Burst runs the burst scenario against a fresh session.
func Burst(ctx context.Context, cl *Client, cfg BurstConfig) (*BurstReport, error) {
	if cfg.N <= 0 || cfg.C <= 0 || cfg.Window <= 0 {
		return nil, fmt.Errorf("burst: -n, -c and -window must be positive")
	}
	if cfg.Points <= 0 {
		cfg.Points = 1000
	}
	if cfg.Converge <= 0 {
		cfg.Converge = 30 * time.Second
	}
	s, err := cl.CreateSession(ctx, "cajaload burst")
	if err != nil {
		return nil, err
	}
	limit := max(30, int(cfg.Window.Seconds())*3)
	a, err := cl.CreateActivity(ctx, s, fmt.Sprintf(`{"type":"quiz","title":"Load test quiz","options":[{"label":"A","correct":true},{"label":"B"},{"label":"C"},{"label":"D"}],"settings":{"time_limit_s":%d,"points":%d}}`, min(limit, 300), cfg.Points))
	if err != nil {
		return nil, err
	}
	errs := newErrorSample()
	rep := &BurstReport{Participants: cfg.N}
	people, joinElapsed := JoinAll(ctx, cl, s.ID, cfg.N, cfg.C, errs)
	rep.Joined, rep.JoinElapsed = len(people), joinElapsed
	if err := cl.AwaitParticipants(ctx, s.ID, len(people), cfg.Converge); err != nil {
		return nil, err
	}
	if err := cl.Present(ctx, s, a.ID); err != nil {
		return nil, err
	}

	// Every phone answers at a random moment of the window, at most C in
	// flight; about 60 % choose the right option.
	acked := make([]atomic.Int64, len(a.Options))
	right := make([]bool, len(people))
	latencies := make([]time.Duration, len(people))
	var lastAck atomic.Int64
	sem := make(chan struct{}, cfg.C)
	start := time.Now()
	var wg sync.WaitGroup
	for i, p := range people {
		wg.Add(1)
		go func() {
			defer wg.Done()
			time.Sleep(time.Duration(mrand.Int64N(int64(cfg.Window))))
			k := 0
			if mrand.IntN(10) >= 6 {
				k = 1 + mrand.IntN(len(a.Options)-1)
			}
			sem <- struct{}{}
			began := time.Now()
			_, err := cl.Answer(ctx, s.ID, a.ID, p.Token, `{"option_ids":["`+a.Options[k].ID+`"]}`)
			latencies[i] = time.Since(began)
			<-sem
			if err != nil {
				errs.add(err)
				return
			}
			acked[k].Add(1)
			right[i] = k == 0
			storeMax(&lastAck, time.Now().UnixNano())
		}()
	}
	wg.Wait()
	rep.AnswerElapsed = time.Since(start)
	rep.AnswerLatency = Summarize(latencies)
	want := make(map[string]int)
	for k, o := range a.Options {
		want[o.ID] = int(acked[k].Load())
		rep.Answered += want[o.ID]
	}
	rep.Correct = want[a.Options[0].ID]
	rep.CountsConverged, rep.CountsAfter, rep.Mismatch = awaitCounts(ctx, cl, s, a.ID, want, rep.Answered, time.Unix(0, lastAck.Load()), cfg.Converge)
	rep.Errors, rep.ErrorSamples, rep.Throttled = errs.n.Load(), errs.messages(), cl.Throttled.Load()
	if !rep.CountsConverged {
		return rep, nil
	}

	// The organizer closes the question and reveals it: the leaderboard
	// must then rank exactly the acknowledged answers.
	if err := cl.PatchActivity(ctx, s, a.ID, `{"status":"closed","results_visible":true}`); err != nil {
		return nil, err
	}
	revealed := time.Now()
	correctIDs := make(map[string]bool)
	for i, p := range people {
		if right[i] {
			correctIDs[p.ID] = true
		}
	}
	deadline := revealed.Add(cfg.Converge)
	for {
		entries, err := cl.Leaderboard(ctx, s.ID, 1000)
		if err == nil {
			if m := checkLeaderboard(entries, correctIDs, rep.Answered, cfg.Points); m == "" {
				rep.LeaderboardOK, rep.LeaderboardAfter, rep.LeaderboardEntries = true, time.Since(revealed), len(entries)
				break
			} else {
				rep.Mismatch = m
			}
		} else {
			rep.Mismatch = err.Error()
		}
		if time.Now().After(deadline) || ctx.Err() != nil {
			break
		}
		time.Sleep(10 * time.Millisecond)
	}
	if rep.LeaderboardOK {
		rep.Mismatch = checkSampleOfMe(ctx, cl, s.ID, people, correctIDs, cfg.Points)
		rep.LeaderboardOK = rep.Mismatch == ""
	}
	return rep, nil
}

// checkLeaderboard compares the top of the leaderboard with the
// acknowledged answers: every answerer listed (up to the limit), the right
// ones first with points between half and full, ranks shared on ties.
func checkLeaderboard(entries []LeaderEntry, correct map[string]bool, answered, points int) string {
	if want := min(answered, 1000); len(entries) != want {
		return fmt.Sprintf("%d leaderboard entries, want %d", len(entries), want)
	}
	scored := 0
	for i, e := range entries {
		if i > 0 {
			prev := entries[i-1]
			if e.Score > prev.Score || (e.Score == prev.Score && e.Rank != prev.Rank) || (e.Score < prev.Score && e.Rank != i+1) {
				return fmt.Sprintf("entry %d: score %d rank %d after score %d rank %d", i, e.Score, e.Rank, prev.Score, prev.Rank)
			}
		}
		if e.Score > 0 {
			scored++
			if !correct[e.ParticipantID] || e.Score < points/2 || e.Score > points || e.CorrectAnswers != 1 {
				return fmt.Sprintf("participant %s: score %d, %d correct answers", e.ParticipantID, e.Score, e.CorrectAnswers)
			}
		} else if correct[e.ParticipantID] {
			return fmt.Sprintf("participant %s answered right but scored 0", e.ParticipantID)
		}
	}
	if want := min(len(correct), 1000); scored != want {
		return fmt.Sprintf("%d entries with points, want %d", scored, want)
	}
	return ""
}

// checkSampleOfMe asks up to 50 phones for their own score.
func checkSampleOfMe(ctx context.Context, cl *Client, sessionID string, people []*Participant, correct map[string]bool, points int) string {
	for i := 0; i < len(people); i += max(1, len(people)/50) {
		p := people[i]
		score, n, err := cl.Me(ctx, sessionID, p.Token)
		if err != nil {
			return err.Error()
		}
		if correct[p.ID] != (n == 1) || correct[p.ID] != (score >= points/2 && score <= points) {
			return fmt.Sprintf("participant %s: /me says score %d, %d correct", p.ID, score, n)
		}
	}
	return ""
}
