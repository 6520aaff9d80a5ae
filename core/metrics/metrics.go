package metrics

import (
	"net/http"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// Metrics is reel-mcp's set of collectors and the registry that holds them.
// The fields are ready to use; vectors take the labels in their comments.
type Metrics struct {
	CallsActive      prometheus.Gauge
	CallsTotal       *prometheus.CounterVec // result
	LegsActive       prometheus.Gauge
	LegsEnded        *prometheus.CounterVec // reason
	RecordingsActive prometheus.Gauge
	RecordingsTotal  *prometheus.CounterVec // result

	RTPPacketsReceived       prometheus.Counter
	RTPPacketsSent           prometheus.Counter
	RTPPacketsLost           prometheus.Counter
	RTPPacketsLate           prometheus.Counter
	RTPPacketsDroppedForeign prometheus.Counter // from an address or SSRC that is not the leg's
	SRTPPacketsDropped       prometheus.Counter // failed SRTP/SRTCP authentication, or replayed
	ConcealedMs              prometheus.Counter
	MP3QueueFull             prometheus.Counter

	SIPRequests *prometheus.CounterVec // method, status

	TickDuration prometheus.Histogram
	TickOverruns prometheus.Counter

	registry *prometheus.Registry
}

// New returns the metrics, registered in a new registry together with the
// Go runtime and process collectors.
func New() *Metrics {
	m := &Metrics{
		CallsActive:      gauge(NameCallsActive, "Calls in progress."),
		CallsTotal:       counterVec(NameCallsTotal, "Calls ended, by result.", LabelResult),
		LegsActive:       gauge(NameLegsActive, "Call legs (SIP dialogs with media) in progress."),
		LegsEnded:        counterVec(NameLegsEnded, "Call legs ended, by reason (bye, local bye, cancel, no ack, session expired, shutdown, …).", LabelReason),
		RecordingsActive: gauge(NameRecordingsActive, "Recordings being written."),
		RecordingsTotal:  counterVec(NameRecordingsTotal, "Recordings ended, by result.", LabelResult),

		RTPPacketsReceived:       counter(NameRTPPacketsReceived, "RTP packets received on all legs."),
		RTPPacketsSent:           counter(NameRTPPacketsSent, "RTP packets sent on all legs."),
		RTPPacketsLost:           counter(NameRTPPacketsLost, "RTP packets never received (sequence gaps)."),
		RTPPacketsLate:           counter(NameRTPPacketsLate, "RTP packets dropped because they came after their playout time."),
		RTPPacketsDroppedForeign: counter(NameRTPPacketsDroppedForeign, "RTP packets dropped because their source or SSRC is not the leg's."),
		SRTPPacketsDropped:       counter(NameSRTPPacketsDropped, "SRTP and SRTCP packets dropped: authentication failed (wrong key, damaged) or replayed."),
		ConcealedMs:              counter(NameConcealedMs, "Milliseconds of lost audio replaced by concealment."),
		MP3QueueFull:             counter(NameMP3QueueFull, "Frames that found an MP3 encoder queue full."),

		SIPRequests: counterVec(NameSIPRequests, "SIP requests answered, by method and final status.", LabelMethod, LabelStatus),

		TickDuration: prometheus.NewHistogram(prometheus.HistogramOpts{
			Name: NameTickDuration, Help: "Time to process one 20 ms conference clock tick.", Buckets: TickBuckets,
		}),
		TickOverruns: counter(NameTickOverruns, "Ticks whose processing took longer than the tick."),
		registry:     prometheus.NewRegistry(),
	}
	m.registry.MustRegister(m.collectors()...)
	m.registry.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}

// collectors lists the fields of m for registration.
func (m *Metrics) collectors() []prometheus.Collector {
	return []prometheus.Collector{
		m.CallsActive, m.CallsTotal, m.LegsActive, m.LegsEnded, m.RecordingsActive, m.RecordingsTotal,
		m.RTPPacketsReceived, m.RTPPacketsSent, m.RTPPacketsLost, m.RTPPacketsLate,
		m.RTPPacketsDroppedForeign, m.SRTPPacketsDropped, m.ConcealedMs, m.MP3QueueFull,
		m.SIPRequests, m.TickDuration, m.TickOverruns,
	}
}

// Registry returns the registry, to add collectors (e.g. a plugin host's)
// or to gather in tests.
func (m *Metrics) Registry() *prometheus.Registry { return m.registry }

// Handler serves the registry in the Prometheus exposition formats.
func (m *Metrics) Handler() http.Handler {
	return promhttp.HandlerFor(m.registry, promhttp.HandlerOpts{Registry: m.registry})
}

func gauge(name, help string) prometheus.Gauge {
	return prometheus.NewGauge(prometheus.GaugeOpts{Name: name, Help: help})
}

func counter(name, help string) prometheus.Counter {
	return prometheus.NewCounter(prometheus.CounterOpts{Name: name, Help: help})
}

func counterVec(name, help string, labels ...string) *prometheus.CounterVec {
	return prometheus.NewCounterVec(prometheus.CounterOpts{Name: name, Help: help}, labels)
}
