package conference

import (
	"cmp"
	"slices"

	"github.com/reel-project/reel/core/calls"
)

// Calls describes the calls in progress, ordered by id, for the admin API.
func (e *Engine) Calls() calls.Report {
	var r calls.Report
	for _, c := range e.snapshot(nil) {
		call := c.info()
		r.Legs += len(call.Legs)
		r.Calls = append(r.Calls, call)
	}
	slices.SortFunc(r.Calls, func(a, b calls.Call) int { return cmp.Compare(a.ID, b.ID) })
	return r
}

func (c *Conference) info() calls.Call {
	c.mu.Lock()
	defer c.mu.Unlock()
	call := calls.Call{ID: c.target.ID, Kind: c.target.Kind.String(), CallUUID: c.callUUID, Legs: []calls.Leg{}}
	for _, l := range c.legs {
		call.Legs = append(call.Legs, l.infoLocked())
	}
	if c.rec != nil {
		call.Recording = &calls.Recording{ID: c.rec.r.ID(), State: c.rec.r.State(), Files: c.rec.r.Files(), MSML: c.rec.ctl != nil}
	}
	return call
}

// infoLocked describes the leg; the caller holds c.mu.
func (l *Leg) infoLocked() calls.Leg {
	st := l.sess.Stats()
	info := calls.Leg{ID: l.id, CallID: l.req.CallID, DN: l.req.Target.DN, Recorded: l.record,
		Codec: l.law.String(), Direction: direction(l.sendOK, l.recvOK), LocalPort: l.sess.LocalPort(),
		PacketsReceived: st.PacketsReceived, PacketsSent: st.PacketsSent, Level: l.level.get()}
	if l.jb != nil {
		info.PacketsLost = int64(l.jb.Stats().Completeness.PacketsLost)
	}
	if st.Dest.IsValid() {
		info.Remote = st.Dest.String()
	}
	return info
}

// direction names what reel-mcp does with the leg's media.
func direction(send, recv bool) string {
	switch {
	case send && recv:
		return "sendrecv"
	case send:
		return "sendonly"
	case recv:
		return "recvonly"
	}
	return "inactive"
}
