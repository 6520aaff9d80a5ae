package sipua

import (
	"strings"
	"testing"

	"github.com/emiago/sipgo/sip"
)

func TestOptions(t *testing.T) {
	transports(t, func(t *testing.T, tr string) {
		m := newFakeMedia()
		u := startUA(t, m, nil)
		u.HandleInfo("application/msml+xml", func(ctxT, *Dialog, string, []byte) (int, string, []byte) { return 200, "", nil })
		p := newPeer(t, tr, u)

		res := p.newCall("mcp").do(sip.OPTIONS, "", nil)
		if res.StatusCode != 200 {
			t.Fatalf("OPTIONS: %d, want 200", res.StatusCode)
		}
		if got := header(res, "Allow"); got != allow {
			t.Errorf("Allow %q, want %q", got, allow)
		}
		if got := header(res, "Accept"); got != "application/sdp, application/msml+xml" {
			t.Errorf("Accept %q", got)
		}

		c := p.newCall(ruri)
		c.established(m)
		u.SetDraining(true)
		if res := p.newCall("mcp").do(sip.OPTIONS, "", nil); res.StatusCode != 503 || header(res, "Retry-After") != "30" {
			t.Errorf("OPTIONS while draining: %d, Retry-After %q; want 503, 30", res.StatusCode, header(res, "Retry-After"))
		}
		if res := c.do(sip.OPTIONS, "", nil); res.StatusCode != 200 {
			t.Errorf("in-dialog OPTIONS while draining: %d, want 200", res.StatusCode)
		}
		u.SetDraining(false)
		m.full.Store(true)
		if res := p.newCall("mcp").do(sip.OPTIONS, "", nil); res.StatusCode != 503 {
			t.Errorf("OPTIONS when full: %d, want 503", res.StatusCode)
		}

		stale := p.newCall(ruri)
		stale.to.Params.Add("tag", "gone")
		if res := stale.do(sip.OPTIONS, "", nil); res.StatusCode != 481 {
			t.Errorf("OPTIONS in unknown dialog: %d, want 481", res.StatusCode)
		}
	})
}

func TestDrainingRefusesNewCalls(t *testing.T) {
	m := newFakeMedia()
	u := startUA(t, m, nil)
	p := newPeer(t, "UDP", u)
	c := p.newCall(ruri)
	l := c.established(m)
	u.SetDraining(true)
	res := p.newCall(ruri).invite(sdpOffer)
	if res.StatusCode != 503 || header(res, "Retry-After") == "" {
		t.Errorf("INVITE while draining: %d, Retry-After %q; want 503 with Retry-After", res.StatusCode, header(res, "Retry-After"))
	}
	if res := c.invite(sdpTransfer); res.StatusCode != 200 {
		t.Errorf("re-INVITE while draining: %d, want 200", res.StatusCode)
	}
	c.ack(nil)
	if res := c.do(sip.BYE, "", nil); res.StatusCode != 200 {
		t.Errorf("BYE while draining: %d", res.StatusCode)
	}
	recv(t, l.closed)
}

func TestUnsupportedMethodGets405WithAllow(t *testing.T) {
	u := startUA(t, newFakeMedia(), nil)
	res := newPeer(t, "UDP", u).newCall("mcp").do(sip.SUBSCRIBE, "", nil)
	if res.StatusCode != 405 || !strings.Contains(header(res, "Allow"), "INFO") {
		t.Errorf("SUBSCRIBE: %d Allow %q, want 405 with Allow", res.StatusCode, header(res, "Allow"))
	}
}
