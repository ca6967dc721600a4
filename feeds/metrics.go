package feeds

import (
	"fmt"
	"time"

	"github.com/prometheus/client_golang/prometheus"
)

// Poll outcomes, the "outcome" label of gapwatch_feed_polls_total.
const (
	OutcomeOK          = "ok"
	OutcomeNotModified = "not_modified"
	OutcomeError       = "error"
	OutcomeSkipped     = "skipped"
)

// Metrics are the poller's Prometheus collectors. A nil *Metrics records
// nothing, so every method is safe to call without metrics configured.
type Metrics struct {
	polls    *prometheus.CounterVec
	errors   *prometheus.CounterVec
	items    *prometheus.CounterVec
	duration *prometheus.HistogramVec
}

// NewMetrics creates the feed collectors and registers them on reg. A nil
// reg returns nil Metrics (no metrics) and no error.
func NewMetrics(reg prometheus.Registerer) (*Metrics, error) {
	if reg == nil {
		return nil, nil
	}
	m := &Metrics{
		polls: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "gapwatch_feed_polls_total",
			Help: "Feed polls by feed and outcome (ok, not_modified, error, skipped).",
		}, []string{"feed", "outcome"}),
		errors: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "gapwatch_feed_errors_total",
			Help: "Failed feed polls by feed and error class.",
		}, []string{"feed", "class"}),
		items: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "gapwatch_feed_items_stored_total",
			Help: "Items stored by feed and kind (new, revised).",
		}, []string{"feed", "kind"}),
		duration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "gapwatch_feed_poll_duration_seconds",
			Help:    "Duration of feed polls that fetched (skipped polls excluded).",
			Buckets: []float64{0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120},
		}, []string{"feed"}),
	}
	for _, c := range []prometheus.Collector{m.polls, m.errors, m.items, m.duration} {
		if err := reg.Register(c); err != nil {
			return nil, fmt.Errorf("register feed metrics: %w", err)
		}
	}
	return m, nil
}

// observe records one poll's result.
func (m *Metrics) observe(r PollResult) {
	if m == nil {
		return
	}
	outcome := OutcomeOK
	switch {
	case r.Skipped:
		outcome = OutcomeSkipped
	case r.Class != "":
		outcome = OutcomeError
	case r.NotModified:
		outcome = OutcomeNotModified
	}
	m.polls.WithLabelValues(r.Feed, outcome).Inc()
	if r.Skipped {
		return
	}
	if r.Class != "" {
		m.errors.WithLabelValues(r.Feed, string(r.Class)).Inc()
	}
	if r.New > 0 {
		m.items.WithLabelValues(r.Feed, "new").Add(float64(r.New))
	}
	if r.Revised > 0 {
		m.items.WithLabelValues(r.Feed, "revised").Add(float64(r.Revised))
	}
	m.duration.WithLabelValues(r.Feed).Observe(r.Duration.Seconds())
}

// durationOf is the elapsed time between two clock readings, never negative.
func durationOf(start, end time.Time) time.Duration {
	if d := end.Sub(start); d > 0 {
		return d
	}
	return 0
}
