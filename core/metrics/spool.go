package metrics

import "github.com/prometheus/client_golang/prometheus"

// SpoolSnapshot is what the spool metrics read: jobs by state (gauges),
// totals since start (counters) and deliveries by destination and outcome.
type SpoolSnapshot struct {
	Jobs       map[string]int // pending, in-progress, dead, corrupt
	Totals     map[string]uint64
	Deliveries map[[2]string]uint64 // (destination, outcome: ok, failed, permanent)
}

// Spool metric names.
const (
	SpoolJobs       = "reel_spool_jobs"
	SpoolEvents     = "reel_spool_jobs_total"
	SpoolDeliveries = "reel_spool_deliveries_total"
	SpoolDead       = "reel_spool_dead_letters_total"
)

var (
	spoolJobsDesc = prometheus.NewDesc(SpoolJobs, "Spooled recording jobs by state.", []string{"state"}, nil)
	spoolEvDesc   = prometheus.NewDesc(SpoolEvents, "Spool jobs since start: submitted, recovered, resumed, completed, dead_lettered.", []string{"event"}, nil)
	spoolDelDesc  = prometheus.NewDesc(SpoolDeliveries, "Deliveries to each destination by outcome.", []string{"destination", "outcome"}, nil)
	spoolDeadDesc = prometheus.NewDesc(SpoolDead, "Jobs moved to the dead-letter folder since start.", nil, nil)
)

// RegisterSpool exports the spool's statistics, read from snap at every
// scrape.
func (m *Metrics) RegisterSpool(snap func() SpoolSnapshot) {
	m.registry.MustRegister(spoolCollector(snap))
}

type spoolCollector func() SpoolSnapshot

func (spoolCollector) Describe(ch chan<- *prometheus.Desc) {
	ch <- spoolJobsDesc
	ch <- spoolEvDesc
	ch <- spoolDelDesc
	ch <- spoolDeadDesc
}

func (c spoolCollector) Collect(ch chan<- prometheus.Metric) {
	s := c()
	for state, n := range s.Jobs {
		ch <- prometheus.MustNewConstMetric(spoolJobsDesc, prometheus.GaugeValue, float64(n), state)
	}
	for ev, n := range s.Totals {
		ch <- prometheus.MustNewConstMetric(spoolEvDesc, prometheus.CounterValue, float64(n), ev)
	}
	for k, n := range s.Deliveries {
		ch <- prometheus.MustNewConstMetric(spoolDelDesc, prometheus.CounterValue, float64(n), k[0], k[1])
	}
	ch <- prometheus.MustNewConstMetric(spoolDeadDesc, prometheus.CounterValue, float64(s.Totals["dead_lettered"]))
}
