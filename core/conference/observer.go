package conference

import "time"

// Observer is told what happens in the engine, for metrics. Its methods are
// called from the clock and SIP goroutines and must be cheap and safe for
// concurrent use.
type Observer interface {
	CallStarted()
	CallEnded()
	LegJoined()
	LegLeft(LegTotals)
	RecordingStarted()
	RecordingDone(ok bool)
	Tick(took time.Duration, skipped int64)
}

// LegTotals is a leg's lifetime packet accounting, reported when it leaves.
type LegTotals struct {
	Received, Sent, Lost, Late, DroppedForeign uint64
	SRTPFailed                                 uint64 // failed SRTP authentication or replayed
	ConcealedMs                                int64
}

type noObserver struct{}

func (noObserver) CallStarted()              {}
func (noObserver) CallEnded()                {}
func (noObserver) LegJoined()                {}
func (noObserver) LegLeft(LegTotals)         {}
func (noObserver) RecordingStarted()         {}
func (noObserver) RecordingDone(bool)        {}
func (noObserver) Tick(time.Duration, int64) {}

func (e *Engine) observer() Observer {
	if e.cfg.Observer == nil {
		return noObserver{}
	}
	return e.cfg.Observer
}

// totalsLocked collects a closing leg's counters from its session and
// buffer; the caller holds c.mu.
func (l *Leg) totalsLocked() LegTotals {
	st := l.sess.Stats()
	t := LegTotals{Received: st.PacketsReceived, Sent: st.PacketsSent, DroppedForeign: st.DroppedForeign, SRTPFailed: st.SRTPFailed}
	if l.jb != nil {
		c := l.jb.Stats().Completeness
		t.Lost, t.Late, t.ConcealedMs = c.PacketsLost, c.PacketsLate, c.ConcealedMs
	}
	return t
}
