package loadgen

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"strconv"
	"sync"
	"sync/atomic"
	"time"
)

// NoisyConfig is the noisy-neighbour scenario: one session is flooded with
// questions (up to the server's caps), upvote toggles and answers from
// Flooders participants for Duration, while a quiet session takes one answer
// every QuietEvery; what is measured is how soon each quiet answer is
// visible in the quiet session's results.
type NoisyConfig struct {
	Flooders   int
	Duration   time.Duration
	QuietEvery time.Duration
	// Calm measures the quiet session alone for this long first (the
	// reference of the same run); 0 skips it.
	Calm time.Duration
}

// NoisyReport is what a noisy run measured.
type NoisyReport struct {
	Questions, QuestionsRefused int64 // asked; refused by a cap (409)
	Toggles, Answers            int64
	Throttled                   int64
	FloodErrors                 int64
	ErrorSamples                []string
	Calm                        Percentiles // quiet session alone
	Flooded                     Percentiles // quiet session during the flood
	Missed                      int         // quiet answers never seen
}

func (r NoisyReport) String() string {
	var b bytes.Buffer
	fmt.Fprintf(&b, "flood             %d questions asked (%d refused by the caps), %d upvote toggles, %d answers; %d throttled (429), %d errors\n",
		r.Questions, r.QuestionsRefused, r.Toggles, r.Answers, r.Throttled, r.FloodErrors)
	if r.Calm.N > 0 {
		fmt.Fprintf(&b, "quiet, alone      change visible %s\n", r.Calm)
	}
	fmt.Fprintf(&b, "quiet, flooded    change visible %s\n", r.Flooded)
	if r.Missed > 0 {
		fmt.Fprintf(&b, "quiet answers never visible: %d\n", r.Missed)
	}
	for _, m := range r.ErrorSamples {
		fmt.Fprintf(&b, "error sample      %s\n", m)
	}
	return b.String()
}

// Noisy runs the noisy-neighbour scenario against two fresh sessions.
func Noisy(ctx context.Context, cl *Client, cfg NoisyConfig) (*NoisyReport, error) {
	if cfg.Flooders <= 0 || cfg.Duration <= 0 || cfg.QuietEvery <= 0 {
		return nil, errors.New("noisy: -flooders, -duration and -every must be positive")
	}
	noisy, err := cl.CreateSession(ctx, "cajaload noisy")
	if err != nil {
		return nil, err
	}
	qna, err := cl.CreateActivity(ctx, noisy, `{"type":"qna","title":"Ask anything"}`)
	if err != nil {
		return nil, err
	}
	if err := cl.Present(ctx, noisy, qna.ID); err != nil {
		return nil, err
	}
	poll, err := cl.CreateActivity(ctx, noisy, `{"type":"poll","title":"Flood","options":[{"label":"a"},{"label":"b"},{"label":"c"}]}`)
	if err != nil {
		return nil, err
	}
	if err := cl.PatchActivity(ctx, noisy, poll.ID, `{"status":"open"}`); err != nil {
		return nil, err
	}
	quiet, err := cl.CreateSession(ctx, "cajaload quiet")
	if err != nil {
		return nil, err
	}
	quietPoll, err := cl.CreateActivity(ctx, quiet, `{"type":"poll","title":"Quiet","options":[{"label":"yes"},{"label":"no"}]}`)
	if err != nil {
		return nil, err
	}
	if err := cl.Present(ctx, quiet, quietPoll.ID); err != nil {
		return nil, err
	}
	errs := newErrorSample()
	flooders, _ := JoinAll(ctx, cl, noisy.ID, cfg.Flooders, 16, errs)
	calmN := int(cfg.Calm / cfg.QuietEvery)
	floodN := int(cfg.Duration / cfg.QuietEvery)
	voters, _ := JoinAll(ctx, cl, quiet.ID, calmN+floodN, 16, errs)
	for _, p := range append(append([]*Participant{}, flooders...), voters...) {
		if p == nil {
			return nil, fmt.Errorf("noisy: joins failed: %v", errs.messages())
		}
	}

	rep := &NoisyReport{}
	var answered atomic.Int64 // quiet answers acknowledged so far
	watch, stopWatch := watchTotal(ctx, cl, quiet, quietPoll.ID)
	defer stopWatch()
	measure := func(voters []*Participant) (Percentiles, int) {
		var lat []time.Duration
		missed := 0
		for _, v := range voters {
			next := time.Now().Add(cfg.QuietEvery)
			if _, err := cl.Answer(ctx, quiet.ID, quietPoll.ID, v.Token, `{"option_ids":["`+quietPoll.Options[0].ID+`"]}`); err != nil {
				errs.add(err)
				missed++
				continue
			}
			acked := time.Now()
			want := answered.Add(1)
			if d, ok := watch(want, acked, 5*time.Second); ok {
				lat = append(lat, d)
			} else {
				missed++
			}
			time.Sleep(time.Until(next))
		}
		return Summarize(lat), missed
	}
	if calmN > 0 {
		var missed int
		rep.Calm, missed = measure(voters[:calmN])
		rep.Missed += missed
	}

	floodCtx, stopFlood := context.WithCancel(ctx)
	var wg sync.WaitGroup
	var qids []string // questions asked so far
	var qmu sync.Mutex
	for i, p := range flooders {
		wg.Add(1)
		go func() {
			defer wg.Done()
			own, closeConn := cl.OwnConnection()
			defer closeConn()
			rng := rand.New(rand.NewPCG(uint64(i), 7))
			for n := 0; floodCtx.Err() == nil; n++ {
				var err error
				switch n % 4 {
				case 0: // a question, until the caps refuse
					var q struct {
						ID string `json:"id"`
					}
					_, err = own.Do(floodCtx, "POST", "/api/v1/sessions/"+noisy.ID+"/activities/"+qna.ID+"/questions", p.Token, map[string]string{"text": "flood " + p.Nickname + " " + strconv.Itoa(n)}, &q)
					var se *StatusError
					switch {
					case errors.As(err, &se) && se.Status == 409:
						atomic.AddInt64(&rep.QuestionsRefused, 1)
						err = nil
					case err == nil:
						atomic.AddInt64(&rep.Questions, 1)
						qmu.Lock()
						qids = append(qids, q.ID)
						qmu.Unlock()
					}
				case 1, 3: // an upvote toggle
					qmu.Lock()
					var qid string
					if len(qids) > 0 {
						qid = qids[rng.IntN(len(qids))]
					}
					qmu.Unlock()
					if qid == "" {
						continue
					}
					method := "POST"
					if rng.IntN(2) == 0 {
						method = "DELETE"
					}
					_, err = own.Do(floodCtx, method, "/api/v1/sessions/"+noisy.ID+"/activities/"+qna.ID+"/questions/"+qid+"/upvote", p.Token, nil, nil)
					var se *StatusError
					if errors.As(err, &se) && se.Status == 409 {
						err = nil // already (un)upvoted
					}
					atomic.AddInt64(&rep.Toggles, 1)
				case 2: // an answer (changed on every call)
					_, err = own.Answer(floodCtx, noisy.ID, poll.ID, p.Token, `{"option_ids":["`+poll.Options[rng.IntN(3)].ID+`"]}`)
					var se *StatusError
					if errors.As(err, &se) && se.Status == 409 {
						err = nil // answered already
					}
					atomic.AddInt64(&rep.Answers, 1)
				}
				if err != nil && floodCtx.Err() == nil {
					atomic.AddInt64(&rep.FloodErrors, 1)
					errs.add(err)
				}
			}
		}()
	}
	var missed int
	rep.Flooded, missed = measure(voters[calmN:])
	rep.Missed += missed
	stopFlood()
	wg.Wait()
	rep.Throttled = cl.Throttled.Load()
	rep.ErrorSamples = errs.messages()
	return rep, nil
}

// watchTotal polls the quiet poll's results as fast as one connection
// allows; watch(n, since, limit) waits until the total reaches n and says how
// long after since it was first seen.
func watchTotal(ctx context.Context, cl *Client, s *Session, aid string) (watch func(n int64, since time.Time, limit time.Duration) (time.Duration, bool), stop func()) {
	seen := &atomic.Int64{}
	var mu sync.Mutex
	cond := sync.NewCond(&mu)
	wctx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() {
		defer close(done)
		own, closeConn := cl.OwnConnection()
		defer closeConn()
		for wctx.Err() == nil {
			r, err := own.Results(wctx, s, aid)
			if err == nil && int64(r.TotalResponses) > seen.Load() {
				mu.Lock()
				seen.Store(int64(r.TotalResponses))
				cond.Broadcast()
				mu.Unlock()
			}
			time.Sleep(2 * time.Millisecond)
		}
		mu.Lock()
		cond.Broadcast()
		mu.Unlock()
	}()
	watch = func(n int64, since time.Time, limit time.Duration) (time.Duration, bool) {
		deadline := time.Now().Add(limit)
		timer := time.AfterFunc(limit, func() { mu.Lock(); cond.Broadcast(); mu.Unlock() })
		defer timer.Stop()
		mu.Lock()
		defer mu.Unlock()
		for seen.Load() < n {
			if time.Now().After(deadline) || wctx.Err() != nil {
				return 0, false
			}
			cond.Wait()
		}
		return time.Since(since), true
	}
	return watch, func() { cancel(); <-done }
}
