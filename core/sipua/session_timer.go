package sipua

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/emiago/sipgo/sip"
)

// Session timers (RFC 4028), UAS side. When the INVITE's UAC supports
// "timer", asks for a Session-Expires and lets us leave the refreshing to it
// (refresher=uac or no refresher), the 2xx carries Session-Expires with
// refresher=uac and Require: timer, and the dialog ends with a BYE when no
// refresh (a re-INVITE answered 2xx) comes in time: a SIP Server that died
// or lost its BYE no longer leaves a call recording silence for ever. We do
// not refresh sessions ourselves, so an INVITE that wants us as the refresher
// (refresher=uas, or Session-Expires without Supported: timer) is served as
// by a UAS without the extension: no Session-Expires in the 2xx, no timer.
// "timer" is not among the option tags we accept in Require: such an INVITE
// gets 420, and the UAC may send it again with Supported only.

// DefaultMinSE is the smallest session interval accepted, the RFC 4028
// minimum; a shorter Session-Expires is answered 422 with Min-SE.
const DefaultMinSE = 90 * time.Second

var errIntervalTooSmall = errors.New("session interval too small")

// sessionExpires is a parsed Session-Expires header.
type sessionExpires struct {
	interval  time.Duration
	refresher string // "uac", "uas" or ""
}

// sessionInterval returns the session interval the 2xx to the INVITE req
// grants (0: no session timer), or the error to reject req with: 400 for a
// malformed header, 422 for an interval below MinSE.
func (u *UA) sessionInterval(req *sip.Request) (time.Duration, error) {
	if u.cfg.NoSessionTimers {
		return 0, nil
	}
	values := headerValues(req, "Session-Expires")
	if len(values) == 0 {
		return 0, nil
	}
	se, err := parseSessionExpires(values[0])
	if err != nil || len(values) > 1 {
		return 0, badRequest("Invalid Session-Expires")
	}
	if !hasToken(req, "Supported", "timer") {
		return 0, nil // we would be the refresher
	}
	if se.interval < u.cfg.MinSE {
		return 0, Status(422, fmt.Errorf("%w: Session-Expires %v, Min-SE %v", errIntervalTooSmall, se.interval, u.cfg.MinSE))
	}
	if se.refresher == "uas" {
		return 0, nil
	}
	return se.interval, nil
}

// parseSessionExpires reads "delta-seconds *(;param)" (RFC 4028 §4).
func parseSessionExpires(v string) (sessionExpires, error) {
	parts := strings.Split(v, ";")
	secs, err := strconv.ParseUint(strings.TrimSpace(parts[0]), 10, 32)
	if err != nil || secs == 0 {
		return sessionExpires{}, fmt.Errorf("Session-Expires %q: not a number of seconds", v)
	}
	se := sessionExpires{interval: time.Duration(secs) * time.Second}
	for _, p := range parts[1:] {
		name, val, _ := strings.Cut(p, "=")
		if !strings.EqualFold(strings.TrimSpace(name), "refresher") {
			continue
		}
		se.refresher = strings.ToLower(strings.TrimSpace(val))
		if se.refresher != "uac" && se.refresher != "uas" {
			return sessionExpires{}, fmt.Errorf("Session-Expires %q: refresher is uac or uas", v)
		}
	}
	return se, nil
}

// timerHeaders are the 2xx headers that grant interval with the UAC as
// refresher (RFC 4028 §9).
func timerHeaders(interval time.Duration) []sip.Header {
	if interval <= 0 {
		return nil
	}
	return []sip.Header{
		sip.NewHeader("Session-Expires", strconv.Itoa(int(interval/time.Second))+";refresher=uac"),
		sip.NewHeader("Require", "timer"),
		sip.NewHeader("Supported", "timer"),
	}
}

// minSEHeader is the Min-SE of a 422.
func (u *UA) minSEHeader() sip.Header {
	return sip.NewHeader("Min-SE", strconv.Itoa(int(u.cfg.MinSE/time.Second)))
}

// armSessionTimer (re)starts d's session timer after a 2xx that granted
// interval, or stops it when the 2xx granted none (a refresh without
// Session-Expires turns the timer off). Without a refresh the dialog ends
// min(32 s, interval/3) before the session expires (RFC 4028 §10).
func (u *UA) armSessionTimer(d *Dialog, interval time.Duration) {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.timerGen++
	if d.expiry != nil {
		d.expiry.Stop()
		d.expiry = nil
	}
	if interval <= 0 || d.state == stateEnded {
		return
	}
	gen := d.timerGen
	d.expiry = time.AfterFunc(interval-min(32*time.Second, interval/3), func() { u.sessionExpired(d, gen, interval) })
}

// sessionExpired ends d with a BYE unless a refresh re-armed the timer.
func (u *UA) sessionExpired(d *Dialog, gen uint64, interval time.Duration) {
	d.mu.Lock()
	current := d.timerGen == gen
	d.mu.Unlock()
	if !current {
		return
	}
	u.log.Warn("sip session expired", "call_id", d.callID, "session_expires", interval.String())
	_ = u.hangup(u.ctx, d, ReasonSessionExpired)
}

// stopSessionTimerLocked stops the timer of an ending dialog.
func (d *Dialog) stopSessionTimerLocked() {
	d.timerGen++
	if d.expiry != nil {
		d.expiry.Stop()
		d.expiry = nil
	}
}

// headerValues returns the values of every header named name, its compact
// form included ("x" for Session-Expires, "k" for Supported).
func headerValues(req *sip.Request, name string) []string {
	want := headerKey(name)
	var out []string
	for _, h := range req.Headers() {
		if headerKey(h.Name()) == want {
			out = append(out, h.Value())
		}
	}
	return out
}

// hasToken reports whether a header named name lists the option tag tag.
func hasToken(req *sip.Request, name, tag string) bool {
	for _, v := range headerValues(req, name) {
		for t := range strings.SplitSeq(v, ",") {
			if strings.EqualFold(strings.TrimSpace(t), tag) {
				return true
			}
		}
	}
	return false
}
