package readmodel

import (
	"time"

	"github.com/prometheus/client_golang/prometheus"
)

// Metrics are the projector's Prometheus instruments. A nil *Metrics records
// nothing, so constructors and tests can leave it out.
type Metrics struct {
	lag     prometheus.Histogram
	batch   prometheus.Histogram
	active  prometheus.Gauge
	backlog prometheus.Gauge
	exports *prometheus.CounterVec
	epoch   prometheus.Gauge
	// failures counts failed projections by reason: of a whole batch
	// (scope "batch": Redis or Postgres unreachable) or of one session
	// (scope "session": it backs off, the others go on).
	failures   *prometheus.CounterVec
	backingOff prometheus.Gauge
	repairs    prometheus.Counter
}

// NewMetrics registers the projector's instruments.
func NewMetrics(reg prometheus.Registerer) *Metrics {
	m := &Metrics{
		lag: prometheus.NewHistogram(prometheus.HistogramOpts{
			Name:    "caja_projector_lag_seconds",
			Help:    "Time from an outbox row's commit to its documents being written to Redis.",
			Buckets: []float64{.001, .0025, .005, .01, .025, .05, .075, .1, .15, .25, .5, 1, 2.5, 5, 10},
		}),
		batch: prometheus.NewHistogram(prometheus.HistogramOpts{
			Name:    "caja_projector_batch_size",
			Help:    "Outbox rows applied per projector batch.",
			Buckets: prometheus.ExponentialBuckets(1, 2, 12),
		}),
		active: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "caja_projector_active",
			Help: "1 while this process holds the projector lease.",
		}),
		backlog: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "caja_outbox_backlog",
			Help: "Outbox rows waiting to be projected (sampled by the active projector).",
		}),
		exports: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "caja_export_renders_total",
			Help: "Session exports rendered into Redis, by result (ok, too_large, failed); repeated requests for an unchanged session reuse a copy and render nothing.",
		}, []string{"result"}),
	}
	m.epoch = prometheus.NewGauge(prometheus.GaugeOpts{
		Name: "caja_projector_lease_epoch",
		Help: "The fencing token (epoch) of the projector lease this process holds or last held.",
	})
	m.failures = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "caja_projector_failures_total",
		Help: "Failed projections, by scope (batch: nothing could be written; session: one session backs off while the others are projected) and reason (timeout, redis, redis_config, database, render, fenced).",
	}, []string{"scope", "reason"})
	m.backingOff = prometheus.NewGauge(prometheus.GaugeOpts{
		Name: "caja_projector_sessions_backing_off",
		Help: "Sessions whose projection failed and waits for its retry.",
	})
	m.repairs = prometheus.NewCounter(prometheus.CounterOpts{
		Name: "caja_projector_anti_entropy_repairs_total",
		Help: "Sessions the anti-entropy pass re-projected because their Redis copy was missing or behind Postgres.",
	})
	reg.MustRegister(m.lag, m.batch, m.active, m.backlog, m.exports, m.epoch, m.failures, m.backingOff, m.repairs)
	return m
}

func (m *Metrics) observeBatch(n int, oldest []time.Time, now time.Time) {
	if m == nil {
		return
	}
	m.batch.Observe(float64(n))
	for _, t := range oldest {
		m.lag.Observe(now.Sub(t).Seconds())
	}
}

func (m *Metrics) setActive(on bool, epoch int64) {
	if m == nil {
		return
	}
	m.epoch.Set(float64(epoch))
	if on {
		m.active.Set(1)
	} else {
		m.active.Set(0)
	}
}

func (m *Metrics) setBacklog(n int64) {
	if m == nil {
		return
	}
	m.backlog.Set(float64(n))
}

// PoolCollector exports go-redis connection pool statistics.
type PoolCollector struct {
	r                                   *Redis
	hits, misses, timeouts, total, idle *prometheus.Desc
}

// NewPoolCollector returns a collector for r's pool.
func NewPoolCollector(r *Redis) *PoolCollector {
	return &PoolCollector{
		r:        r,
		hits:     prometheus.NewDesc("caja_redis_pool_hits_total", "Times a free connection was found in the pool.", nil, nil),
		misses:   prometheus.NewDesc("caja_redis_pool_misses_total", "Times a free connection was not found in the pool.", nil, nil),
		timeouts: prometheus.NewDesc("caja_redis_pool_timeouts_total", "Times a wait for a connection timed out.", nil, nil),
		total:    prometheus.NewDesc("caja_redis_pool_total_conns", "Connections in the pool.", nil, nil),
		idle:     prometheus.NewDesc("caja_redis_pool_idle_conns", "Idle connections in the pool.", nil, nil),
	}
}

// Describe implements prometheus.Collector.
func (c *PoolCollector) Describe(ch chan<- *prometheus.Desc) {
	ch <- c.hits
	ch <- c.misses
	ch <- c.timeouts
	ch <- c.total
	ch <- c.idle
}

// Collect implements prometheus.Collector.
func (c *PoolCollector) Collect(ch chan<- prometheus.Metric) {
	s := c.r.Client.PoolStats()
	ch <- prometheus.MustNewConstMetric(c.hits, prometheus.CounterValue, float64(s.Hits))
	ch <- prometheus.MustNewConstMetric(c.misses, prometheus.CounterValue, float64(s.Misses))
	ch <- prometheus.MustNewConstMetric(c.timeouts, prometheus.CounterValue, float64(s.Timeouts))
	ch <- prometheus.MustNewConstMetric(c.total, prometheus.GaugeValue, float64(s.TotalConns))
	ch <- prometheus.MustNewConstMetric(c.idle, prometheus.GaugeValue, float64(s.IdleConns))
}

func (m *Metrics) exportRendered(result string) {
	if m == nil {
		return
	}
	m.exports.WithLabelValues(result).Inc()
}

func (m *Metrics) projectionFailed(reason string) {
	if m == nil {
		return
	}
	m.failures.WithLabelValues("batch", reason).Inc()
}

func (m *Metrics) sessionFailed(reason string) {
	if m == nil {
		return
	}
	m.failures.WithLabelValues("session", reason).Inc()
}

func (m *Metrics) setBackingOff(n int) {
	if m == nil {
		return
	}
	m.backingOff.Set(float64(n))
}

func (m *Metrics) repaired(n int) {
	if m == nil {
		return
	}
	m.repairs.Add(float64(n))
}
