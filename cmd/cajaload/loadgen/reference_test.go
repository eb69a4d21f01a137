package loadgen

import (
	"context"
	"sync"
	"testing"
	"time"
)

// TestPhones_AgainstReference runs the phones scenario, with a connection
// per phone and with shared connections, against the reference server: the
// tool itself must see every change and count every request.
func TestPhones_AgainstReference(t *testing.T) {
	t.Parallel()
	ref, err := NewReference("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	wg.Add(1)
	go func() { defer wg.Done(); _ = ref.Serve(ctx) }()
	t.Cleanup(func() { cancel(); wg.Wait() })

	tests := []struct {
		name  string
		conns int
	}{
		{"ConnectionPerPhone", 0},
		{"SharedConnections", 4},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rep, err := Phones(context.Background(), NewClient("http://"+ref.Addr(), 2), PhonesConfig{N: 30, Interval: 200 * time.Millisecond, Duration: 2 * time.Second, Conns: tt.conns})
			if err != nil {
				t.Fatal(err)
			}
			if rep.Errors != 0 || rep.MissedChange != 0 || rep.ChangeVisible.N != 30 || rep.NotModified == 0 {
				t.Fatalf("against the reference:\n%s", rep)
			}
			if rep.Requests != rep.OK+rep.NotModified {
				t.Errorf("requests %d != 200s %d + 304s %d", rep.Requests, rep.OK, rep.NotModified)
			}
		})
	}
}
