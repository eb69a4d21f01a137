// Command cajaload drives a running Caja server through its public API and
// reports what it measured.
//
//	cajaload phones -n 10000 -interval 2s -duration 60s
//	cajaload votes  -n 5000 -c 64
//	cajaload burst  -n 2000 -window 3s
//	cajaload noisy  -flooders 200 -duration 20s
//	cajaload compare -redis redis://127.0.0.1:6379/0   (needs wrk)
//
// Every scenario creates its own session. The simulated phones all come
// from one address, so run the server with CAJA_JOIN_RATE=0 for throughput
// runs (or expect 429s, which are retried and counted).
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/cajalive/caja/cmd/cajaload/loadgen"
)

const usage = `usage: cajaload [-url http://127.0.0.1:8080] SCENARIO [flags]

scenarios:
  phones   -n N -interval 2s -duration D   N phones join and poll the participant state as the web app does
           [-via URL] [-conns N] [-join=false] (through a cache; on shared connections; anonymous viewers);
           halfway the organizer renames the session, at 3/4 kicks a participant (me_marker moves)
  votes    -n N -c C                       N participants join, then each answers an open poll once, C at a time
  burst    -n N -window 3s                 a quiz opens and N participants answer within the window
  noisy    -flooders N -duration D         one session flooded with questions (to the caps), upvote toggles and answers
           [-every 50ms] [-calm 5s]        while a quiet session takes an answer every 50ms: how soon each is visible
  compare  -redis URL -prefix caja:        wrk: the 304 and 200 poll paths against naive gin handlers on the same Redis
  reference -addr 127.0.0.1:18090          serve the floor for "phones": plain net/http answering from memory

run "cajaload SCENARIO -h" for a scenario's flags`

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "cajaload:", err)
		os.Exit(1)
	}
}

// errFailed means a scenario ran but its checks failed (errors, counts that
// never matched).
var errFailed = errors.New("the run failed its checks")

func run(ctx context.Context, args []string, out io.Writer) error {
	global := flag.NewFlagSet("cajaload", flag.ContinueOnError)
	base := global.String("url", envOr("CAJA_URL", "http://127.0.0.1:8080"), "the server's base URL")
	global.Usage = func() { fmt.Fprintln(global.Output(), usage) }
	if err := global.Parse(args); err != nil {
		return err
	}
	if global.NArg() == 0 {
		global.Usage()
		return errors.New("no scenario")
	}
	scenario, rest := global.Arg(0), global.Args()[1:]
	fs := flag.NewFlagSet(scenario, flag.ContinueOnError)
	switch scenario {
	case "phones":
		var cfg loadgen.PhonesConfig
		fs.IntVar(&cfg.N, "n", 1000, "phones")
		fs.DurationVar(&cfg.Interval, "interval", 2*time.Second, "poll interval")
		fs.DurationVar(&cfg.Duration, "duration", 30*time.Second, "how long to poll")
		fs.IntVar(&cfg.Conns, "conns", 0, "connections shared by all phones (0: one per phone, as real phones)")
		fs.BoolVar(&cfg.FollowServerInterval, "follow", true, "poll at the interval the server suggests (X-Poll-Interval-Ms)")
		fs.StringVar(&cfg.Via, "via", "", "send the phones' requests through this base URL (a cache: nginx, a CDN); the organizer's changes go to -url")
		fs.BoolVar(&cfg.Join, "join", true, "phones join and fetch /participants/me as the web app does (on joining, first poll, me_marker moves)")
		if err := fs.Parse(rest); err != nil {
			return err
		}
		cl := loadgen.NewClient(*base, 16)
		rep, err := loadgen.Phones(ctx, cl, cfg)
		if err != nil {
			return err
		}
		fmt.Fprint(out, rep)
		if rep.Errors > 0 || rep.MissedChange > 0 || rep.MarkerMissed > 0 {
			return errFailed
		}
	case "votes":
		var cfg loadgen.VotesConfig
		fs.IntVar(&cfg.N, "n", 1000, "participants")
		fs.IntVar(&cfg.C, "c", 32, "requests in flight")
		fs.IntVar(&cfg.Options, "options", 4, "poll options")
		fs.DurationVar(&cfg.Converge, "converge", 30*time.Second, "how long to wait for exact results")
		if err := fs.Parse(rest); err != nil {
			return err
		}
		rep, err := loadgen.Votes(ctx, loadgen.NewClient(*base, cfg.C), cfg)
		if err != nil {
			return err
		}
		fmt.Fprint(out, rep)
		if rep.Errors > 0 || !rep.Converged {
			return errFailed
		}
	case "burst":
		var cfg loadgen.BurstConfig
		fs.IntVar(&cfg.N, "n", 1000, "participants")
		fs.IntVar(&cfg.C, "c", 64, "answers in flight at most")
		fs.DurationVar(&cfg.Window, "window", 3*time.Second, "the answers arrive within this window")
		fs.IntVar(&cfg.Points, "points", 1000, "the quiz question's points")
		fs.DurationVar(&cfg.Converge, "converge", 30*time.Second, "how long to wait for exact results and leaderboard")
		if err := fs.Parse(rest); err != nil {
			return err
		}
		rep, err := loadgen.Burst(ctx, loadgen.NewClient(*base, cfg.C), cfg)
		if err != nil {
			return err
		}
		fmt.Fprint(out, rep)
		if !rep.OK() {
			return errFailed
		}
	case "noisy":
		var cfg loadgen.NoisyConfig
		fs.IntVar(&cfg.Flooders, "flooders", 200, "participants flooding the noisy session")
		fs.DurationVar(&cfg.Duration, "duration", 20*time.Second, "how long the flood lasts")
		fs.DurationVar(&cfg.QuietEvery, "every", 50*time.Millisecond, "one quiet answer this often")
		fs.DurationVar(&cfg.Calm, "calm", 5*time.Second, "measure the quiet session alone this long first (the reference)")
		max := fs.Duration("max-p99", 300*time.Millisecond, "fail when the flooded quiet session's p99 exceeds this")
		if err := fs.Parse(rest); err != nil {
			return err
		}
		rep, err := loadgen.Noisy(ctx, loadgen.NewClient(*base, cfg.Flooders+4), cfg)
		if err != nil {
			return err
		}
		fmt.Fprint(out, rep)
		if rep.Missed > 0 || rep.FloodErrors > 0 || rep.Flooded.P99 > *max {
			return errFailed
		}
	case "compare":
		var cfg loadgen.CompareConfig
		fs.StringVar(&cfg.RedisURL, "redis", envOr("REDIS_URL", "redis://127.0.0.1:6379/0"), "the server's Redis (the naive handlers read it)")
		fs.StringVar(&cfg.Prefix, "prefix", envOr("CAJA_REDIS_PREFIX", "caja:"), "the server's CAJA_REDIS_PREFIX")
		fs.DurationVar(&cfg.Duration, "d", 10*time.Second, "each wrk run")
		fs.IntVar(&cfg.Conns, "c", 100, "wrk connections")
		fs.IntVar(&cfg.Threads, "t", 2, "wrk threads")
		fs.IntVar(&cfg.Rounds, "rounds", 3, "alternating rounds per path (best of each is compared)")
		fs.StringVar(&cfg.Wrk, "wrk", "wrk", "the wrk binary")
		if err := fs.Parse(rest); err != nil {
			return err
		}
		rep, err := loadgen.Compare(ctx, loadgen.NewClient(*base, 4), cfg)
		if err != nil {
			return err
		}
		fmt.Fprint(out, rep)
	case "reference":
		addr := fs.String("addr", "127.0.0.1:18090", "listen address")
		if err := fs.Parse(rest); err != nil {
			return err
		}
		ref, err := loadgen.NewReference(*addr)
		if err != nil {
			return err
		}
		fmt.Fprintf(out, "reference server on http://%s (until interrupted)\n", ref.Addr())
		return ref.Serve(ctx)
	default:
		global.Usage()
		return fmt.Errorf("unknown scenario %q", scenario)
	}
	return nil
}

func envOr(name, def string) string {
	if v := os.Getenv(name); v != "" {
		return v
	}
	return def
}
