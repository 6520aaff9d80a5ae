package sipua

import (
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/emiago/sipgo/sip"
)

var allowUpdate = sip.NewHeader("Allow", "INVITE, ACK, CANCEL, BYE, OPTIONS, INFO, UPDATE")

// timedPeer starts a UA that takes session intervals from 1 s and a peer
// on transport tr.
func timedPeer(t *testing.T, tr string) (*fakeMedia, *peer) {
	t.Helper()
	m := newFakeMedia()
	u := startUA(t, m, func(c *Config) { c.MinSE = time.Second })
	return m, newPeer(t, tr, u)
}

func seHeaders(value string, supported bool) []sip.Header {
	h := []sip.Header{sip.NewHeader("Session-Expires", value)}
	if supported {
		h = append(h, sip.NewHeader("Supported", "timer, replaces"))
	}
	return h
}

// The UAC that refreshes gets its interval granted; without a refresh the
// dialog ends with a BYE before the session expires (RFC 4028 §10).
func TestSessionTimerEndsADialogThatIsNotRefreshed(t *testing.T) {
	t.Parallel() // sleeps through session intervals
	transports(t, func(t *testing.T, tr string) {
		m, p := timedPeer(t, tr)
		c := p.newCall(ruri)
		res := c.invite(sdpOffer, seHeaders("3", true)...)
		if res.StatusCode != 200 || header(res, "Session-Expires") != "3;refresher=uac" || header(res, "Require") != "timer" {
			t.Fatalf("INVITE: %d, Session-Expires %q, Require %q; want 200, 3;refresher=uac, timer",
				res.StatusCode, header(res, "Session-Expires"), header(res, "Require"))
		}
		c.ack(nil)
		l := recv(t, m.opened)
		if r := recv(t, l.closed); r != ReasonSessionExpired {
			t.Errorf("Close(%q), want %q", r, ReasonSessionExpired)
		}
		if bye := p.next(); bye.Method != sip.BYE || callID(bye) != c.callID {
			t.Errorf("peer got %s for %s, want BYE for %s", bye.Method, callID(bye), c.callID)
		}
	})
}

// Each re-INVITE answered 2xx restarts the timer; one without
// Session-Expires turns it off.
func TestSessionRefreshesKeepTheDialog(t *testing.T) {
	t.Parallel() // sleeps through session intervals
	m, p := timedPeer(t, "UDP")
	c := p.newCall(ruri)
	// 4 s: without a refresh the dialog would end 2.67 s after each 200 OK
	if res := c.invite(sdpOffer, seHeaders("4;refresher=uac", true)...); res.StatusCode != 200 {
		t.Fatalf("INVITE: %d", res.StatusCode)
	}
	c.ack(nil)
	l := recv(t, m.opened)
	for range 4 { // 4 s in all, past an unrefreshed expiry
		time.Sleep(time.Second)
		if res := c.invite(sdpOffer, seHeaders("4", true)...); res.StatusCode != 200 || header(res, "Session-Expires") == "" {
			t.Fatalf("refresh: %d, Session-Expires %q", res.StatusCode, header(res, "Session-Expires"))
		}
		c.ack(nil)
	}
	if res := c.invite(sdpOffer); res.StatusCode != 200 || header(res, "Session-Expires") != "" {
		t.Fatalf("re-INVITE without Session-Expires: %d, Session-Expires %q; want 200 without", res.StatusCode, header(res, "Session-Expires"))
	}
	c.ack(nil)
	time.Sleep(3500 * time.Millisecond)
	select {
	case r := <-l.closed:
		t.Fatalf("leg closed (%s) while refreshed or untimed", r)
	default:
	}
	if res := c.do(sip.BYE, "", nil); res.StatusCode != 200 {
		t.Errorf("BYE: %d", res.StatusCode)
	}
}

func TestSessionExpiresNegotiation(t *testing.T) {
	cases := []struct {
		name    string
		hdrs    []sip.Header
		code    int
		se      string // Session-Expires of the answer
		minSE   string // Min-SE of the answer
		noTimer bool   // Config.NoSessionTimers

		unsupported string // Unsupported of the answer
	}{
		{name: "no Session-Expires", code: 200},
		{name: "below Min-SE", hdrs: seHeaders("60", true), code: 422, minSE: "90"},
		{name: "compact forms", hdrs: []sip.Header{sip.NewHeader("x", "1800"), sip.NewHeader("k", "timer")}, code: 200, se: "1800;refresher=uac"},
		{name: "refresher uas without UPDATE in Allow: we cannot refresh, no timer", hdrs: seHeaders("1800;refresher=uas", true), code: 200},
		{name: "refresher uas, UPDATE allowed: we refresh", hdrs: append(seHeaders("1800;refresher=uas", true), allowUpdate), code: 200, se: "1800;refresher=uas"},
		{name: "UAC without timer support nor UPDATE: no timer", hdrs: seHeaders("1800", false), code: 200},
		{name: "UAC without timer support, UPDATE allowed: we refresh", hdrs: append(seHeaders("1800", false), allowUpdate), code: 200, se: "1800;refresher=uas"},
		{name: "UAC without timer support, below Min-SE: no timer", hdrs: append(seHeaders("60", false), allowUpdate), code: 200},
		{name: "no refresher given, UPDATE allowed: we refresh", hdrs: append(seHeaders("1800", true), allowUpdate), code: 200, se: "1800;refresher=uas"},
		{name: "refresher uac, UPDATE allowed: the UAC refreshes", hdrs: append(seHeaders("1800;refresher=uac", true), allowUpdate), code: 200, se: "1800;refresher=uac"},
		{name: "not a number", hdrs: seHeaders("soon", true), code: 400},
		{name: "zero", hdrs: seHeaders("0", true), code: 400},
		{name: "bad refresher", hdrs: seHeaders("1800;refresher=proxy", true), code: 400},
		{name: "two headers", hdrs: append(seHeaders("1800", true), sip.NewHeader("Session-Expires", "900")), code: 400},
		{name: "Require: timer, no refresher, no UPDATE: the UAC refreshes", hdrs: []sip.Header{sip.NewHeader("Session-Expires", "1800"), sip.NewHeader("Require", "timer")}, code: 200, se: "1800;refresher=uac"},
		{name: "Require: timer, refresher uas, no UPDATE: 420", hdrs: []sip.Header{sip.NewHeader("Session-Expires", "1800;refresher=uas"), sip.NewHeader("Require", "timer")}, code: 420, unsupported: "timer"},
		{name: "Require: timer with timers off: 420", hdrs: append(seHeaders("1800", true), sip.NewHeader("Require", "timer")), code: 420, unsupported: "timer", noTimer: true},
		{name: "Require: timer and 100rel: 420 for 100rel", hdrs: append(seHeaders("1800", true), sip.NewHeader("Require", "timer, 100rel")), code: 420, unsupported: "100rel"},
		{name: "turned off", hdrs: seHeaders("60", true), code: 200, noTimer: true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			m := newFakeMedia()
			u := startUA(t, m, func(c *Config) { c.NoSessionTimers = tc.noTimer })
			c := newPeer(t, "UDP", u).newCall(ruri)
			res := c.invite(sdpOffer, tc.hdrs...)
			wantRequire := ""
			if strings.HasSuffix(tc.se, "refresher=uac") {
				wantRequire = "timer"
			}
			if header(res, "Unsupported") != tc.unsupported {
				t.Errorf("Unsupported %q, want %q", header(res, "Unsupported"), tc.unsupported)
			}
			if header(res, "Require") != wantRequire {
				t.Errorf("Require %q, want %q", header(res, "Require"), wantRequire)
			}
			if res.StatusCode != tc.code || header(res, "Session-Expires") != tc.se || header(res, "Min-SE") != tc.minSE {
				t.Errorf("%d, Session-Expires %q, Min-SE %q; want %d, %q, %q", res.StatusCode,
					header(res, "Session-Expires"), header(res, "Min-SE"), tc.code, tc.se, tc.minSE)
			}
			if res.StatusCode == 200 {
				c.ack(nil)
				if res := c.do(sip.BYE, "", nil); res.StatusCode != 200 {
					t.Errorf("BYE: %d", res.StatusCode)
				}
			}
		})
	}
}

// FuzzSessionExpires feeds Session-Expires values to the parser and the
// negotiation: no panic; an accepted interval is at least Min-SE, and a
// parsed value prints back to one that parses the same.
func FuzzSessionExpires(f *testing.F) {
	for _, v := range []string{"1800", "1800;refresher=uac", "90 ; Refresher = UAS", "0", "4294967296",
		"soon", "1800;refresher=proxy", "1800;refresher", ";", "  120;x=y;refresher=uac  "} {
		f.Add(v, true)
	}
	u := &UA{cfg: Config{ListenUDP: "127.0.0.1:0"}.withDefaults()}
	f.Fuzz(func(t *testing.T, value string, supported bool) {
		se, err := parseSessionExpires(value)
		if err == nil {
			again, err := parseSessionExpires(strconv.Itoa(int(se.interval/time.Second)) + ";refresher=" + se.refresher)
			if se.refresher != "" && (err != nil || again != se) {
				t.Errorf("%q parsed as %+v, printed back as %+v, %v", value, se, again, err)
			}
		}
		req := sip.NewRequest(sip.INVITE, sip.Uri{Scheme: "sip", Host: "h"})
		req.AppendHeader(sip.NewHeader("Session-Expires", value))
		if supported {
			req.AppendHeader(sip.NewHeader("Supported", "timer"))
		}
		g, err := u.sessionGrant(req)
		if err == nil && g.interval != 0 && (g.interval < u.cfg.MinSE || (g.refresher != "uac" && g.refresher != "uas")) {
			t.Errorf("%q: granted %+v, Min-SE %v", value, g, u.cfg.MinSE)
		}
	})
}

// As refresher (refresher=uas, UPDATE allowed) the UA sends an UPDATE with
// Session-Expires every half interval, and the dialog lives on.
func TestTheUARefreshesWithUpdateWhenAskedTo(t *testing.T) {
	t.Parallel() // sleeps through session intervals
	transports(t, func(t *testing.T, tr string) {
		m, p := timedPeer(t, tr)
		c := p.newCall(ruri)
		res := c.invite(sdpOffer, append(seHeaders("2;refresher=uas", true), allowUpdate)...)
		if res.StatusCode != 200 || header(res, "Session-Expires") != "2;refresher=uas" {
			t.Fatalf("INVITE: %d, Session-Expires %q", res.StatusCode, header(res, "Session-Expires"))
		}
		c.ack(nil)
		l := recv(t, m.opened)
		for i := range 3 { // 3 s: past the 2 s session
			up := p.next()
			if up.Method != sip.UPDATE || callID(up) != c.callID || headerOf(up, "Session-Expires") != "2;refresher=uas" || len(up.Body()) != 0 {
				t.Fatalf("request %d from the UA: %s %s, Session-Expires %q; want an UPDATE refreshing 2;refresher=uas without SDP",
					i, up.Method, callID(up), headerOf(up, "Session-Expires"))
			}
		}
		select {
		case r := <-l.closed:
			t.Fatalf("leg closed (%s) although refreshed", r)
		default:
		}
		if res := c.do(sip.BYE, "", nil); res.StatusCode != 200 {
			t.Errorf("BYE: %d", res.StatusCode)
		}
	})
}

// A refresh answered 481 (or 408, or not at all) means the session is gone:
// BYE at once. Any other refusal shows a live peer: the call goes on and
// the refreshes go on.
func TestARefreshAnswered481EndsTheSessionAnother4xxDoesNot(t *testing.T) {
	t.Parallel() // sleeps through session intervals
	for _, code := range []int{481, 405} {
		t.Run(strconv.Itoa(code), func(t *testing.T) {
			m, p := timedPeer(t, "UDP")
			p.updateStatus.Store(int32(code))
			c := p.newCall(ruri)
			if res := c.invite(sdpOffer, append(seHeaders("2", false), allowUpdate)...); res.StatusCode != 200 {
				t.Fatalf("INVITE: %d", res.StatusCode)
			}
			c.ack(nil)
			l := recv(t, m.opened)
			if up := p.next(); up.Method != sip.UPDATE {
				t.Fatalf("got %s, want the UPDATE", up.Method)
			}
			if code != 481 {
				if up := p.next(); up.Method != sip.UPDATE {
					t.Fatalf("after a %d: got %s, want the next UPDATE", code, up.Method)
				}
				select {
				case r := <-l.closed:
					t.Fatalf("leg closed (%s) after a %d to a refresh", r, code)
				default:
				}
				if res := c.do(sip.BYE, "", nil); res.StatusCode != 200 {
					t.Errorf("BYE: %d", res.StatusCode)
				}
				return
			}
			if r := recv(t, l.closed); r != ReasonSessionExpired {
				t.Errorf("Close(%q), want %q", r, ReasonSessionExpired)
			}
			if bye := p.next(); bye.Method != sip.BYE || callID(bye) != c.callID {
				t.Errorf("got %s for %s, want BYE for %s", bye.Method, callID(bye), c.callID)
			}
		})
	}
}

func headerOf(req *sip.Request, name string) string {
	if h := req.GetHeader(name); h != nil {
		return h.Value()
	}
	return ""
}
