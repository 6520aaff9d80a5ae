package app

import (
	"time"

	"github.com/reel-project/reel/codecs"
	"github.com/reel-project/reel/core/conference"
	"github.com/reel-project/reel/core/metrics"
)

// observer turns engine events into Prometheus metrics.
type observer struct{ m *metrics.Metrics }

var _ conference.Observer = observer{}

func (o observer) CallStarted() { o.m.CallsActive.Inc() }

func (o observer) CallEnded() {
	o.m.CallsActive.Dec()
	o.m.CallsTotal.WithLabelValues("ended").Inc()
}

func (o observer) LegJoined() { o.m.LegsActive.Inc() }

func (o observer) LegLeft(t conference.LegTotals) {
	o.m.LegsActive.Dec()
	o.m.RTPPacketsReceived.Add(float64(t.Received))
	o.m.RTPPacketsSent.Add(float64(t.Sent))
	o.m.RTPPacketsLost.Add(float64(t.Lost))
	o.m.RTPPacketsLate.Add(float64(t.Late))
	o.m.RTPPacketsDroppedForeign.Add(float64(t.DroppedForeign))
	o.m.SRTPPacketsDropped.Add(float64(t.SRTPFailed))
	o.m.ConcealedMs.Add(float64(t.ConcealedMs))
}

func (o observer) RecordingStarted() { o.m.RecordingsActive.Inc() }

func (o observer) RecordingDone(ok bool) {
	o.m.RecordingsActive.Dec()
	result := "ok"
	if !ok {
		result = "error"
	}
	o.m.RecordingsTotal.WithLabelValues(result).Inc()
}

func (o observer) Tick(took time.Duration, skipped int64) {
	o.m.TickDuration.Observe(took.Seconds())
	if took > codecs.FrameDuration {
		o.m.TickOverruns.Inc()
	}
	if skipped > 0 {
		o.m.TickOverruns.Add(float64(skipped))
	}
}
