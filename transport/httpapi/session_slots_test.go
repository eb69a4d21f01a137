package httpapi

import (
	"context"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/gin-gonic/gin"
)

// TestSessionSlots_AFloodedSessionWaitsTheOthersDoNot: past its slots a
// session's write requests wait (503 with Retry-After at their deadline),
// while another session's request runs at once.
func TestSessionSlots_AFloodedSessionWaitsTheOthersDoNot(t *testing.T) {
	gin.SetMode(gin.TestMode)
	const limit = 3
	r := gin.New()
	release := make(chan struct{})
	var running, most atomic.Int32
	r.POST("/sessions/:id", newSessionSlots(limit).middleware("audience"), func(c *gin.Context) {
		n := running.Add(1)
		for {
			m := most.Load()
			if n <= m || most.CompareAndSwap(m, n) {
				break
			}
		}
		if c.Param("id") == "flooded" {
			<-release
		}
		running.Add(-1)
		c.Status(http.StatusOK)
	})
	do := func(id string, timeout time.Duration) *httptest.ResponseRecorder {
		ctx, cancel := context.WithTimeout(context.Background(), timeout)
		defer cancel()
		w := httptest.NewRecorder()
		r.ServeHTTP(w, httptest.NewRequest("POST", "/sessions/"+id, nil).WithContext(ctx))
		return w
	}
	var wg sync.WaitGroup
	codes := make([]int, 2*limit)
	for i := range codes {
		wg.Add(1)
		go func() { defer wg.Done(); codes[i] = do("flooded", 5*time.Second).Code }()
	}
	for running.Load() < limit {
		time.Sleep(time.Millisecond)
	}
	if w := do("quiet", time.Second); w.Code != http.StatusOK {
		t.Fatalf("another session's request while one is flooded: %d", w.Code)
	}
	if w := do("flooded", 50*time.Millisecond); w.Code != http.StatusServiceUnavailable || w.Header().Get("Retry-After") == "" {
		t.Errorf("a flooded session's request past its deadline: %d, Retry-After %q", w.Code, w.Header().Get("Retry-After"))
	}
	close(release)
	wg.Wait()
	for i, c := range codes {
		if c != http.StatusOK {
			t.Errorf("request %d of the flooded session: %d, want 200 once a slot was free", i, c)
		}
	}
	if m := most.Load(); m > limit+1 { // the flooded ones, plus the quiet one
		t.Errorf("%d requests ran at once, want at most %d of the flooded session", m, limit)
	}
}
