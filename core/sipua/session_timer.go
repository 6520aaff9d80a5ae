package sipua

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/emiago/sipgo/sip"
)

// Session timers (RFC 4028), UAS side. An INVITE (or re-INVITE) with
// Session-Expires gets a session timer in its 2xx:
//
//   - the UAC supports "timer" and refreshes (refresher=uac, or none given
//     and no UPDATE in its Allow):
//     Session-Expires with refresher=uac and Require: timer; when no refresh
//     (a re-INVITE answered 2xx) comes in time the dialog ends with a BYE, so
//     a SIP Server that died or lost its BYE cannot leave a call recording
//     silence for ever;
//   - we are to refresh (refresher=uas, or a UAC without "timer" support,
//     RFC 4028 §9) or may choose (no refresher given), and the UAC allows
//     UPDATE: refresher=uas, and we send an UPDATE every half interval
//     (session_refresh.go);
//   - we are to refresh but cannot (no UPDATE in Allow; we do not send
//     re-INVITEs): no Session-Expires in the 2xx and no timer, as by a UAS
//     without the extension, which such a UAC did not require.
//
// Require: timer is accepted when one of these grants a timer (or nothing
// asks for one); otherwise it gets 420 with Unsupported: timer.

// DefaultMinSE is the smallest session interval accepted, the RFC 4028
// minimum; a shorter Session-Expires is answered 422 with Min-SE.
const DefaultMinSE = 90 * time.Second

var errIntervalTooSmall = errors.New("session interval too small")

// sessionExpires is a parsed Session-Expires header.
type sessionExpires struct {
	interval  time.Duration
	refresher string // "uac", "uas" or ""
}

// grant is the session timer a 2xx grants; the zero value grants none.
type grant struct {
	interval  time.Duration
	refresher string // "uac" or "uas"
}

// sessionGrant returns the session timer the 2xx to the INVITE req grants,
// or the error to reject req with: 400 for a malformed Session-Expires, 422
// for an interval below MinSE from a UAC that supports timers, 420 for a
// UAC that requires timers on terms we cannot serve.
func (u *UA) sessionGrant(req *sip.Request) (grant, error) {
	required := hasToken(req, "Require", "timer")
	if u.cfg.NoSessionTimers {
		if required {
			return grant{}, errTimerRequired
		}
		return grant{}, nil
	}
	values := headerValues(req, "Session-Expires")
	if len(values) == 0 {
		return grant{}, nil // nothing asked; Require: timer alone is met by supporting it
	}
	se, err := parseSessionExpires(values[0])
	if err != nil || len(values) > 1 {
		return grant{}, badRequest("Invalid Session-Expires")
	}
	g, err := u.choose(req, se, required || hasToken(req, "Supported", "timer"))
	if err == nil && g.interval == 0 && required {
		return grant{}, errTimerRequired
	}
	return g, err
}

// errTimerRequired answers a Require: timer we cannot meet (420 with
// Unsupported: timer).
var errTimerRequired = Status(420, errors.New("session timer required on terms not served (refresher=uas without UPDATE, or timers off)"))

// choose picks the grant for se from a UAC that does or does not support
// timers (RFC 4028 §9).
func (u *UA) choose(req *sip.Request, se sessionExpires, supported bool) (grant, error) {
	switch {
	case se.interval < u.cfg.MinSE && supported:
		return grant{}, Status(422, fmt.Errorf("%w: Session-Expires %v, Min-SE %v", errIntervalTooSmall, se.interval, u.cfg.MinSE))
	case se.interval < u.cfg.MinSE:
		return grant{}, nil // a UAC without timers cannot take a 422; nor may we raise the interval
	case supported && se.refresher == "uac":
		return grant{interval: se.interval, refresher: "uac"}, nil
	case hasToken(req, "Allow", "UPDATE"):
		// Asked to refresh, left the choice, or a UAC without timers: we
		// refresh, which does not rely on the UAC's refreshing for the call
		// to go on.
		return grant{interval: se.interval, refresher: "uas"}, nil
	case supported && se.refresher == "":
		return grant{interval: se.interval, refresher: "uac"}, nil
	}
	return grant{}, nil // we would refresh, and cannot
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

// timerHeaders are the 2xx headers of g (RFC 4028 §9): Supported: timer
// whenever session timers are on, Session-Expires when g grants one, and
// Require: timer with refresher=uac only, as the UAC then must refresh.
func (u *UA) timerHeaders(g grant) []sip.Header {
	if u.cfg.NoSessionTimers {
		return nil
	}
	h := []sip.Header{sip.NewHeader("Supported", "timer")}
	if g.interval <= 0 {
		return h
	}
	h = append(h, sip.NewHeader("Session-Expires", headerInterval(g.interval)+";refresher="+g.refresher))
	if g.refresher == "uac" {
		h = append(h, sip.NewHeader("Require", "timer"))
	}
	return h
}

// minSEHeader is the Min-SE of a 422.
func (u *UA) minSEHeader() sip.Header { return sip.NewHeader("Min-SE", headerInterval(u.cfg.MinSE)) }

// headerInterval is d in whole seconds, as Session-Expires and Min-SE carry it.
func headerInterval(d time.Duration) string { return strconv.Itoa(int(d / time.Second)) }

// armSessionTimer (re)starts d's session timer after a 2xx that granted g,
// or stops it when the 2xx granted none (a refresh without Session-Expires
// turns the timer off). As refreshee we end the dialog min(32 s, interval/3)
// before the session expires unless a refresh comes (RFC 4028 §10); as
// refresher we send an UPDATE at half the interval.
func (u *UA) armSessionTimer(d *Dialog, g grant) {
	switch g.refresher {
	case "uas":
		d.setSessionTimer(g.interval/2, func(gen uint64) { u.refreshSession(d, gen, g) })
	case "uac":
		d.setSessionTimer(g.interval-min(32*time.Second, g.interval/3), func(gen uint64) { u.sessionExpired(d, gen, g.interval) })
	default:
		d.setSessionTimer(0, nil)
	}
}

// setSessionTimer replaces d's session timer with one that runs f after
// after (none when after is 0). f gets the timer's generation: it is stale,
// and must do nothing, once timerCurrent says so.
func (d *Dialog) setSessionTimer(after time.Duration, f func(gen uint64)) {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.stopSessionTimerLocked()
	if after <= 0 || f == nil || d.state == stateEnded {
		return
	}
	gen := d.timerGen
	d.expiry = time.AfterFunc(after, func() { f(gen) })
}

// timerCurrent reports whether gen is still d's session timer.
func (d *Dialog) timerCurrent(gen uint64) bool {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.timerGen == gen && d.state != stateEnded
}

// sessionExpired ends d with a BYE unless a refresh re-armed the timer.
func (u *UA) sessionExpired(d *Dialog, gen uint64, interval time.Duration) {
	if !d.timerCurrent(gen) {
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

// headerValues returns the values of every header named name (a full name,
// as in compact's values), its compact form included ("x" for
// Session-Expires, "k" for Supported). It allocates only for matches.
func headerValues(req *sip.Request, name string) []string {
	short := compactOf[name]
	var out []string
	for _, h := range req.Headers() {
		n := strings.TrimSpace(h.Name())
		if strings.EqualFold(n, name) || (short != "" && strings.EqualFold(n, short)) {
			out = append(out, h.Value())
		}
	}
	return out
}

// compactOf maps a full header name to its compact form.
var compactOf = func() map[string]string {
	m := make(map[string]string, len(compact))
	for short, full := range compact {
		m[full] = short
	}
	return m
}()

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
