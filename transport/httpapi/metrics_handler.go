package httpapi

import (
	"crypto/sha256"
	"crypto/subtle"
	"net/http"
	"strings"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// MetricsHandler serves Prometheus metrics, to the holder of token only
// (when token is set), compared in constant time.
func MetricsHandler(g prometheus.Gatherer, token string) http.Handler {
	metrics := promhttp.HandlerFor(g, promhttp.HandlerOpts{})
	want := sha256.Sum256([]byte(token))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if token != "" {
			got := sha256.Sum256([]byte(strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ")))
			if !strings.HasPrefix(r.Header.Get("Authorization"), "Bearer ") || subtle.ConstantTimeCompare(got[:], want[:]) != 1 {
				w.Header().Set("WWW-Authenticate", `Bearer realm="caja-metrics"`)
				w.Header().Set("Content-Type", "application/problem+json")
				w.Header().Set("Cache-Control", "no-store")
				w.WriteHeader(http.StatusUnauthorized)
				_, _ = w.Write([]byte(`{"type":"urn:caja:problem:unauthorized","title":"Unauthorized","status":401,"detail":"/metrics needs the bearer token set in CAJA_METRICS_TOKEN","code":"unauthorized","errors":[]}`))
				return
			}
		}
		metrics.ServeHTTP(w, r)
	})
}
