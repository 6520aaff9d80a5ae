package sipua

import (
	"context"
	"errors"
	"net/http"

	"github.com/emiago/sipgo/sip"
)

// refreshSession sends the UPDATE that refreshes d's session when we are the
// refresher (RFC 4028 §7.4 with RFC 3311, no SDP). A 2xx restarts the timer
// with what it grants; 408, 481 or no answer means the session is gone, and
// the dialog ends with a BYE (§10). Any other refusal (405, 491, 500, …)
// still shows a live peer: the call goes on and the next refresh follows
// half an interval later — a recording is never cut for a refresh the peer
// will not take.
func (u *UA) refreshSession(d *Dialog, gen uint64, g grant) {
	if !d.timerCurrent(gen) {
		return
	}
	ctx, cancel := context.WithTimeout(u.ctx, min(64*sip.T1, g.interval/2))
	defer cancel()
	se := sip.NewHeader("Session-Expires", headerInterval(g.interval)+";refresher=uas")
	res, err := d.request(ctx, sip.UPDATE, "", nil, se, sip.NewHeader("Supported", "timer"))
	if !d.timerCurrent(gen) {
		return // a re-INVITE re-armed the timer meanwhile
	}
	var se2 *StatusError
	switch {
	case err == nil:
		u.armSessionTimer(d, refreshed(res, g))
	case errors.As(err, &se2) && se2.Code != http.StatusRequestTimeout && se2.Code != 481:
		u.log.Warn("sip session refresh refused; the call goes on", "call_id", d.callID, "status", se2.Code)
		u.armSessionTimer(d, g)
	default:
		u.log.Warn("sip session refresh failed", "call_id", d.callID, "error", err)
		_ = u.hangup(u.ctx, d, ReasonSessionExpired)
	}
}

// refreshed is the timer after a 2xx to our refresh: the interval and
// refresher it carries, or g again when it carries none we can use.
func refreshed(res *sip.Response, g grant) grant {
	h := res.GetHeader("Session-Expires")
	if h == nil {
		return g
	}
	se, err := parseSessionExpires(h.Value())
	if err != nil || se.interval > g.interval {
		return g // a UAC may shorten the interval, not lengthen it
	}
	if se.refresher == "uac" {
		return grant{interval: se.interval, refresher: "uac"}
	}
	return grant{interval: se.interval, refresher: "uas"}
}
