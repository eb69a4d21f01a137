package main

import (
	"context"
	"testing"
	"time"

	"github.com/cajalive/caja/cmd/cajaload/loadgen"
)

// The load tool's scenarios, small, against a real server: what they report
// is what BENCHMARKS.md relies on.

func TestLoad_PhonesSeeTheChange(t *testing.T) {
	t.Parallel()
	ts := startServer(t, serverEnv(t))
	rep, err := loadgen.Phones(context.Background(), loadgen.NewClient(ts.URL, 4), loadgen.PhonesConfig{N: 40, Interval: 300 * time.Millisecond, Duration: 3 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Errors != 0 || rep.MissedChange != 0 || rep.ChangeVisible.N != 40 {
		t.Fatalf("phones:\n%s", rep)
	}
	if rep.NotModified == 0 || rep.OK < 80 {
		t.Errorf("each phone should get a first 200, the change's 200, and 304s between:\n%s", rep)
	}
	// Seen within one interval of the acknowledgement, with room for a
	// loaded test machine.
	if rep.ChangeVisible.Max > 300*time.Millisecond+time.Second {
		t.Errorf("change visible after %s", rep.ChangeVisible.Max)
	}
}

func TestLoad_VotesCountExactly(t *testing.T) {
	t.Parallel()
	ts := startServer(t, serverEnv(t))
	cl := loadgen.NewClient(ts.URL, 16)
	cl.MetricsToken = testMetricsToken
	rep, err := loadgen.Votes(context.Background(), cl, loadgen.VotesConfig{N: 150, C: 16, Options: 3, Converge: 10 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Errors != 0 || rep.Joined != 150 || rep.Answered != 150 || !rep.Converged {
		t.Fatalf("votes:\n%s", rep)
	}
	if rep.LagSamples == 0 {
		t.Errorf("no projector lag read from /metrics:\n%s", rep)
	}
}

func TestLoad_BurstRanksEveryAnswer(t *testing.T) {
	t.Parallel()
	ts := startServer(t, serverEnv(t))
	rep, err := loadgen.Burst(context.Background(), loadgen.NewClient(ts.URL, 32), loadgen.BurstConfig{N: 120, C: 32, Window: time.Second, Converge: 10 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	if !rep.OK() || rep.Answered != 120 || rep.LeaderboardEntries != 120 {
		t.Fatalf("burst:\n%s", rep)
	}
}
