package httpapi

import (
	"strconv"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/cajalive/caja"
)

// Metrics are the HTTP layer's Prometheus instruments; nil records nothing.
type Metrics struct {
	requests *prometheus.CounterVec
	duration *prometheus.HistogramVec
	polls    *prometheus.CounterVec
	joins    prometheus.Counter
	answers  prometheus.Counter
	interval prometheus.Gauge
	// pre-resolved children for the hot path
	poll200, poll304 map[caja.View]prometheus.Counter
}

// NewMetrics registers the HTTP instruments.
func NewMetrics(reg prometheus.Registerer) *Metrics {
	m := &Metrics{
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "caja_http_requests_total", Help: "HTTP requests by route, method and status."}, []string{"route", "method", "status"}),
		duration: prometheus.NewHistogramVec(prometheus.HistogramOpts{Name: "caja_http_request_duration_seconds", Help: "HTTP request duration by route and method.", Buckets: []float64{.0005, .001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5}}, []string{"route", "method"}),
		polls:    prometheus.NewCounterVec(prometheus.CounterOpts{Name: "caja_poll_responses_total", Help: "Polling endpoint answers by view and code (200 or 304)."}, []string{"view", "code"}),
		joins:    prometheus.NewCounter(prometheus.CounterOpts{Name: "caja_joins_total", Help: "Participants who joined."}),
		answers:  prometheus.NewCounter(prometheus.CounterOpts{Name: "caja_answers_total", Help: "Answers accepted (created or replaced)."}),
		interval: prometheus.NewGauge(prometheus.GaugeOpts{Name: "caja_poll_interval_seconds", Help: "The poll interval suggested to phones (X-Poll-Interval-Ms); above CAJA_POLL_INTERVAL when stretched under load."}),
		poll200:  map[caja.View]prometheus.Counter{},
		poll304:  map[caja.View]prometheus.Counter{},
	}
	reg.MustRegister(m.requests, m.duration, m.polls, m.joins, m.answers, m.interval)
	for _, v := range []caja.View{caja.ViewParticipant, caja.ViewDisplay, caja.ViewAdmin} {
		m.poll200[v] = m.polls.WithLabelValues(string(v), "200")
		m.poll304[v] = m.polls.WithLabelValues(string(v), "304")
	}
	return m
}

func (m *Metrics) middleware() gin.HandlerFunc {
	return func(c *gin.Context) {
		if m == nil {
			c.Next()
			return
		}
		start := time.Now()
		c.Next()
		route := c.FullPath()
		if route == "" {
			route = "unmatched"
		}
		m.requests.WithLabelValues(route, c.Request.Method, statusLabel(c.Writer.Status())).Inc()
		m.duration.WithLabelValues(route, c.Request.Method).Observe(time.Since(start).Seconds())
	}
}

func (m *Metrics) poll(v caja.View, notModified bool) {
	if m == nil {
		return
	}
	if notModified {
		m.poll304[v].Inc()
	} else {
		m.poll200[v].Inc()
	}
}

func (m *Metrics) joined() {
	if m != nil {
		m.joins.Inc()
	}
}

func (m *Metrics) answered() {
	if m != nil {
		m.answers.Inc()
	}
}

func (m *Metrics) setPollInterval(d time.Duration) {
	if m != nil {
		m.interval.Set(d.Seconds())
	}
}

// statusLabels are the metric labels of status codes, made once.
var statusLabels = func() (l [600]string) {
	for i := range l {
		l[i] = strconv.Itoa(i)
	}
	return l
}()

func statusLabel(code int) string {
	if code >= 0 && code < len(statusLabels) {
		return statusLabels[code]
	}
	return strconv.Itoa(code)
}
