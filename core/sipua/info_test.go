package sipua

import (
	"bytes"
	"context"
	"sync/atomic"
	"testing"

	"github.com/emiago/sipgo/sip"
)

type ctxT = context.Context

func TestInfoRouting(t *testing.T) {
	transports(t, func(t *testing.T, tr string) {
		m := newFakeMedia()
		u := startUA(t, m, func(c *Config) { c.MaxBody = 512 })
		type got struct {
			d    *Dialog
			ct   string
			body []byte
		}
		calls := make(chan got, 4)
		u.HandleInfo("Application/MSML+XML", func(_ ctxT, d *Dialog, ct string, body []byte) (int, string, []byte) {
			calls <- got{d, ct, body}
			return 200, "application/msml+xml", []byte(`<msml version="1.1"><result response="200"/></msml>`)
		})
		p := newPeer(t, tr, u)
		c := p.newCall(ruri)
		l := c.established(m)
		msml := []byte(`<msml version="1.1"><dialogstart target="conf:conf1" name="rec"/></msml>`)

		res := c.do(sip.INFO, "application/msml+xml; charset=UTF-8", msml)
		if res.StatusCode != 200 || !bytes.Contains(res.Body(), []byte(`response="200"`)) || header(res, "Content-Type") != "application/msml+xml" {
			t.Errorf("routed INFO: %d %q (%s)", res.StatusCode, res.Body(), header(res, "Content-Type"))
		}
		g := recv(t, calls)
		if g.d != l.inv.Dialog || g.ct != "application/msml+xml; charset=UTF-8" || !bytes.Equal(g.body, msml) {
			t.Errorf("handler got dialog %p (want %p), type %q, body %q", g.d, l.inv.Dialog, g.ct, g.body)
		}

		res = c.do(sip.INFO, "application/dtmf-relay", []byte("Signal=1\r\nDuration=160\r\n"))
		if res.StatusCode != 415 || header(res, "Accept") != "application/msml+xml" {
			t.Errorf("unrouted INFO: %d Accept %q, want 415 with Accept", res.StatusCode, header(res, "Accept"))
		}
		if res := c.do(sip.INFO, "", nil); res.StatusCode != 200 {
			t.Errorf("empty INFO: %d, want 200", res.StatusCode)
		}
		if res := c.do(sip.INFO, "application/msml+xml", bytes.Repeat([]byte("x"), 513)); res.StatusCode != 413 {
			t.Errorf("oversized INFO: %d, want 413", res.StatusCode)
		}
		stale := p.newCall(ruri)
		stale.to.Params.Add("tag", "gone")
		if res := stale.do(sip.INFO, "application/msml+xml", msml); res.StatusCode != 481 {
			t.Errorf("INFO in unknown dialog: %d, want 481", res.StatusCode)
		}
		if len(calls) != 0 {
			t.Errorf("handler called %d extra times", len(calls))
		}
	})
}

func TestInfoHandlerStatusIsChecked(t *testing.T) {
	m := newFakeMedia()
	u := startUA(t, m, nil)
	var status atomic.Int32
	u.HandleInfo("application/msml+xml", func(ctxT, *Dialog, string, []byte) (int, string, []byte) {
		return int(status.Load()), "", nil
	})
	c := newPeer(t, "UDP", u).newCall(ruri)
	c.established(m)
	for _, tc := range []struct{ give, want int }{{0, 500}, {100, 500}, {400, 400}, {200, 200}} {
		status.Store(int32(tc.give))
		if res := c.do(sip.INFO, "application/msml+xml", []byte("<msml/>")); res.StatusCode != tc.want {
			t.Errorf("handler status %d: sent %d, want %d", tc.give, res.StatusCode, tc.want)
		}
	}
	u.HandleInfo("application/msml+xml", nil)
	if res := c.do(sip.INFO, "application/msml+xml", []byte("<msml/>")); res.StatusCode != 415 {
		t.Errorf("after removing the route: %d, want 415", res.StatusCode)
	}
}
