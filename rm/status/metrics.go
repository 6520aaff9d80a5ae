package status

import (
	"strconv"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"

	"github.com/reel-project/reel/core/metrics"
	"github.com/reel-project/reel/rm"
)

// Metric names of reel-rm, as they appear on /metrics.
const (
	NameAttempts    = metrics.Namespace + "_rm_invite_attempts_total"  // mcp, outcome
	NameAnswered    = metrics.Namespace + "_rm_requests_total"         // method, status
	NameForward     = metrics.Namespace + "_rm_invite_forward_seconds" // histogram
	NameProfiles    = metrics.Namespace + "_rm_profile_rules_total"    // rule
	NameMCPUp       = metrics.Namespace + "_rm_mcp_state"              // mcp, state: 1 for the current one
	NameMCPCalls    = metrics.Namespace + "_rm_mcp_calls"              // mcp
	NameMCPLegs     = metrics.Namespace + "_rm_mcp_legs"               // mcp
	NameMCPCapacity = metrics.Namespace + "_rm_mcp_capacity"           // mcp
)

// Metrics is reel-rm's registry; it implements proxy.Observer. Safe for
// concurrent use.
type Metrics struct {
	attempts *prometheus.CounterVec
	answered *prometheus.CounterVec
	forward  prometheus.Histogram
	profiles *prometheus.CounterVec
	registry *prometheus.Registry
}

// NewMetrics returns the metrics, with per-MCP gauges read from pool at
// each scrape, the Go runtime and process collectors.
func NewMetrics(pool *rm.Pool) *Metrics {
	m := &Metrics{
		attempts: prometheus.NewCounterVec(prometheus.CounterOpts{Name: NameAttempts,
			Help: "Initial INVITE attempts on an MCP, by outcome (answered, failover, cancelled)."}, []string{"mcp", "outcome"}),
		answered: prometheus.NewCounterVec(prometheus.CounterOpts{Name: NameAnswered,
			Help: "Final answers sent upstream, by method and status."}, []string{metrics.LabelMethod, metrics.LabelStatus}),
		forward: prometheus.NewHistogram(prometheus.HistogramOpts{Name: NameForward,
			Help:    "Time from an initial INVITE's arrival to its departure to the first MCP.",
			Buckets: []float64{.0001, .00025, .0005, .001, .002, .005, .01, .05}}),
		profiles: prometheus.NewCounterVec(prometheus.CounterOpts{Name: NameProfiles,
			Help: "Initial INVITEs by the profile rule that chose their profile."}, []string{"rule"}),
		registry: prometheus.NewRegistry(),
	}
	m.registry.MustRegister(m.attempts, m.answered, m.forward, m.profiles, nodeCollector{pool},
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}

// Registry returns the registry, for /metrics and tests.
func (m *Metrics) Registry() *prometheus.Registry { return m.registry }

// Attempt implements proxy.Observer.
func (m *Metrics) Attempt(n *rm.Node, outcome string) {
	m.attempts.WithLabelValues(n.Addr, outcome).Inc()
}

// Answered implements proxy.Observer.
func (m *Metrics) Answered(method string, code int) {
	m.answered.WithLabelValues(method, strconv.Itoa(code)).Inc()
}

// Forwarded implements proxy.Observer.
func (m *Metrics) Forwarded(d time.Duration) { m.forward.Observe(d.Seconds()) }

// Profile implements proxy.Observer.
func (m *Metrics) Profile(rule string) { m.profiles.WithLabelValues(rule).Inc() }

// nodeCollector reports every node's state and load at scrape time.
type nodeCollector struct{ pool *rm.Pool }

var (
	descState = prometheus.NewDesc(NameMCPUp, "1 for the MCP's current state (up, draining, down), else 0.", []string{"mcp", "state"}, nil)
	descCalls = prometheus.NewDesc(NameMCPCalls, "Calls with a live leg on the MCP, through this RM.", []string{"mcp"}, nil)
	descLegs  = prometheus.NewDesc(NameMCPLegs, "Live dialogs on the MCP, through this RM.", []string{"mcp"}, nil)
	descCap   = prometheus.NewDesc(NameMCPCapacity, "The MCP's configured capacity in calls.", []string{"mcp"}, nil)
)

func (nodeCollector) Describe(ch chan<- *prometheus.Desc) {
	ch <- descState
	ch <- descCalls
	ch <- descLegs
	ch <- descCap
}

func (c nodeCollector) Collect(ch chan<- prometheus.Metric) {
	for _, n := range c.pool.Nodes() {
		for _, s := range []rm.State{rm.Up, rm.Draining, rm.Down} {
			v := 0.0
			if n.State() == s {
				v = 1
			}
			ch <- prometheus.MustNewConstMetric(descState, prometheus.GaugeValue, v, n.Addr, s.String())
		}
		ch <- prometheus.MustNewConstMetric(descCalls, prometheus.GaugeValue, float64(n.Calls()), n.Addr)
		ch <- prometheus.MustNewConstMetric(descLegs, prometheus.GaugeValue, float64(n.Legs()), n.Addr)
		ch <- prometheus.MustNewConstMetric(descCap, prometheus.GaugeValue, float64(n.Capacity), n.Addr)
	}
}
