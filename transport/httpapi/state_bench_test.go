package httpapi_test

import (
	"context"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/cajalive/caja"
	"github.com/cajalive/caja/commands"
	"github.com/cajalive/caja/queries"
	"github.com/cajalive/caja/readmodel"
	"github.com/cajalive/caja/readmodel/readmodeltest"
	"github.com/cajalive/caja/transport/httpapi"
	"github.com/cajalive/caja/writemodel/writemodeltest"
)

// pollTarget is a projected session behind the production handler (every
// middleware on), on real Postgres and Redis.
func pollTarget(b *testing.B, viewCache time.Duration) (http.Handler, string, string) {
	b.Helper()
	store := writemodeltest.NewStore(b)
	r := readmodeltest.NewRedis(b)
	presenter := caja.NewPresenter("https://caja.test")
	cmd := commands.NewHandlers(store, presenter)
	ctx := context.Background()
	s, err := cmd.CreateSession.Handle(ctx, commands.CreateSession{Name: "Bench", AdminID: "b"})
	if err != nil {
		b.Fatal(err)
	}
	p := readmodel.NewProjector(store, r, readmodel.NewRenderer(presenter), slog.New(slog.DiscardHandler), nil, readmodel.DefaultProjectorConfig())
	if err := p.Drain(ctx); err != nil {
		b.Fatal(err)
	}
	reg := prometheus.NewRegistry()
	h, err := httpapi.NewHandler(httpapi.Config{
		AllowedOrigins: []string{"http://localhost:8080"}, AllowedHosts: []string{"localhost"},
		PollInterval: 2e9, PollIntervalMax: 2e9, Rates: httpapi.RateConfig{JoinPerSecond: 100, AnswerPerSecond: 5, CreatePerMinute: 30},
	}, httpapi.Deps{
		Commands: cmd, Queries: queries.NewHandlers(readmodel.NewReader(r).WithViewCacheTTL(viewCache), readmodel.NewImageReader(store)), Health: httpapi.NewHealth(),
		Metrics: httpapi.NewMetrics(reg), Gatherer: reg, Limiter: readmodel.NewRateLimiter(r), Log: slog.New(slog.DiscardHandler),
	})
	if err != nil {
		b.Fatal(err)
	}
	url := "http://localhost/api/v1/sessions/" + s.ID + "/state"
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", url, nil))
	if rec.Code != http.StatusOK || rec.Header().Get("ETag") == "" {
		b.Fatalf("first poll: %d %q", rec.Code, rec.Body.String())
	}
	return h, url, rec.Header().Get("ETag")
}

// discard is a ResponseWriter that keeps nothing, so the benchmark measures
// the handler, not a recorder.
type discard struct {
	h    http.Header
	code int
}

func (d *discard) Header() http.Header         { return d.h }
func (d *discard) Write(b []byte) (int, error) { return len(b), nil }
func (d *discard) WriteHeader(code int)        { d.code = code }

// BenchmarkState is the polling endpoint through every production
// middleware, with Redis over a real connection: the up-to-date phone's 304
// and the 200 that writes the stored view; served from the view cache (as
// most polls are) and with the one Redis round trip every poll makes when
// the cache is off.
func BenchmarkState(b *testing.B) {
	for _, cache := range []struct {
		name string
		ttl  time.Duration
	}{{"cached", readmodel.ViewCacheTTL}, {"redis", 0}} {
		b.Run(cache.name, func(b *testing.B) { benchmarkState(b, cache.ttl) })
	}
}

func benchmarkState(b *testing.B, viewCache time.Duration) {
	h, url, etag := pollTarget(b, viewCache)
	tests := []struct {
		name        string
		ifNoneMatch string
		want        int
	}{
		{"304", etag, http.StatusNotModified},
		{"200", "", http.StatusOK},
	}
	for _, tt := range tests {
		b.Run(tt.name, func(b *testing.B) {
			req := httptest.NewRequest("GET", url, nil)
			if tt.ifNoneMatch != "" {
				req.Header.Set("If-None-Match", tt.ifNoneMatch)
			}
			w := &discard{h: http.Header{}}
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				clear(w.h)
				h.ServeHTTP(w, req)
				if w.code != tt.want {
					b.Fatalf("status %d, want %d", w.code, tt.want)
				}
			}
		})
		b.Run(tt.name+"-parallel", func(b *testing.B) {
			b.ReportAllocs()
			b.SetParallelism(50)
			b.RunParallel(func(pb *testing.PB) {
				req := httptest.NewRequest("GET", url, nil)
				if tt.ifNoneMatch != "" {
					req.Header.Set("If-None-Match", tt.ifNoneMatch)
				}
				w := &discard{h: http.Header{}}
				for pb.Next() {
					clear(w.h)
					h.ServeHTTP(w, req)
					if w.code != tt.want {
						b.Errorf("status %d, want %d", w.code, tt.want)
						return
					}
				}
			})
		})
	}
}
