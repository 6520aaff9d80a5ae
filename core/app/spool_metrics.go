package app

import (
	"github.com/reel-project/reel/core/metrics"
	"github.com/reel-project/reel/core/spool"
)

// registerSpoolMetrics exports s's Stats on /metrics.
func registerSpoolMetrics(m *metrics.Metrics, s *spool.Spool) {
	m.RegisterSpool(func() metrics.SpoolSnapshot { return snapshot(s.Stats()) })
}

func snapshot(st spool.Stats) metrics.SpoolSnapshot {
	out := metrics.SpoolSnapshot{
		Jobs: map[string]int{"pending": st.Pending, "in-progress": st.InProgress, "dead": st.Dead, "corrupt": st.Corrupt},
		Totals: map[string]uint64{
			"submitted": st.Submitted, "recovered": st.Recovered, "resumed": st.Resumed,
			"completed": st.Completed, "dead_lettered": st.DeadLettered,
		},
		Deliveries: map[[2]string]uint64{},
	}
	for name, d := range st.Destinations {
		out.Deliveries[[2]string{name, "ok"}] = d.OK
		out.Deliveries[[2]string{name, "failed"}] = d.Failed
		out.Deliveries[[2]string{name, "permanent"}] = d.Permanent
	}
	return out
}
