package sipua

import (
	"context"
	"errors"
	"strconv"
	"testing"
	"time"

	"github.com/emiago/sipgo/sip"
)

func TestCancelOfPendingInvite(t *testing.T) {
	t.Run("leg opened after the CANCEL is closed", func(t *testing.T) {
		m := newFakeMedia()
		m.gate = make(chan struct{})
		u := startUA(t, m, nil)
		c := newPeer(t, "UDP", u).newCall(ruri)
		inv, tx := c.start(sdpOffer)
		recv(t, m.entered)
		if res := c.cancel(inv); res.StatusCode != 200 {
			t.Fatalf("CANCEL: %d, want 200", res.StatusCode)
		}
		if res := c.final(tx); res.StatusCode != 487 {
			t.Fatalf("INVITE: %d, want 487", res.StatusCode)
		}
		close(m.gate)
		l := recv(t, m.opened)
		if r := recv(t, l.closed); r != ReasonCancel {
			t.Errorf("Close(%q), want %q", r, ReasonCancel)
		}
		if u.Dialogs() != 0 {
			t.Errorf("Dialogs() = %d, want 0", u.Dialogs())
		}
	})
	t.Run("Open sees its context cancelled", func(t *testing.T) {
		m := newFakeMedia()
		m.gate, m.honourCtx = make(chan struct{}), true
		u := startUA(t, m, nil)
		c := newPeer(t, "TCP", u).newCall(ruri)
		inv, tx := c.start(sdpOffer)
		recv(t, m.entered)
		if res := c.cancel(inv); res.StatusCode != 200 {
			t.Fatalf("CANCEL: %d, want 200", res.StatusCode)
		}
		if res := c.final(tx); res.StatusCode != 487 {
			t.Fatalf("INVITE: %d, want 487", res.StatusCode)
		}
	})
	t.Run("CANCEL of nothing gets 481", func(t *testing.T) {
		u := startUA(t, newFakeMedia(), nil)
		c := newPeer(t, "UDP", u).newCall(ruri)
		inv := c.build(sip.INVITE, "", nil)
		inv.AppendHeader(&sip.ViaHeader{ProtocolName: "SIP", ProtocolVersion: "2.0", Transport: "UDP",
			Host: "127.0.0.1", Port: c.p.laddr.Port, Params: sip.HeaderParams{{K: "branch", V: "z9hG4bK-nothing"}}})
		if res := c.cancel(inv); res.StatusCode != 481 {
			t.Errorf("CANCEL: %d, want 481", res.StatusCode)
		}
	})
}

func TestByeForUnknownDialogGets481(t *testing.T) {
	transports(t, func(t *testing.T, tr string) {
		u := startUA(t, newFakeMedia(), nil)
		c := newPeer(t, tr, u).newCall(ruri)
		c.to.Params.Add("tag", "never-issued")
		if res := c.do(sip.BYE, "", nil); res.StatusCode != 481 {
			t.Errorf("BYE: %d, want 481", res.StatusCode)
		}
	})
}

func TestByeWithLowerCSeqGets500(t *testing.T) {
	m := newFakeMedia()
	u := startUA(t, m, nil)
	c := newPeer(t, "UDP", u).newCall(ruri)
	c.established(m)
	c.cseq = 1
	if res := c.do(sip.BYE, "", nil); res.StatusCode != 500 {
		t.Errorf("BYE with CSeq below the INVITE's: %d, want 500", res.StatusCode)
	}
}

func TestMissingAckEndsTheDialogWithBye(t *testing.T) {
	transports(t, func(t *testing.T, tr string) {
		m := newFakeMedia()
		u := startUA(t, m, func(c *Config) { c.AckTimeout = 100 * time.Millisecond })
		p := newPeer(t, tr, u)
		c := p.newCall(ruri)
		if res := c.invite(sdpOffer); res.StatusCode != 200 {
			t.Fatalf("INVITE: %d", res.StatusCode)
		}
		l := recv(t, m.opened)
		if r := recv(t, l.closed); r != ReasonNoAck {
			t.Errorf("Close(%q), want %q", r, ReasonNoAck)
		}
		bye := p.next()
		if bye.Method != sip.BYE || callID(bye) != c.callID || fromTag(bye) != mustTag(t, c.to) {
			t.Errorf("peer got %s (call %s, from tag %s), want BYE from the dialog", bye.Method, callID(bye), fromTag(bye))
		}
	})
}

func mustTag(t *testing.T, to sip.ToHeader) string {
	t.Helper()
	tag, ok := to.Params.Get("tag")
	if !ok {
		t.Fatal("no To tag")
	}
	return tag
}

func TestSendInfoReachesThePeer(t *testing.T) {
	transports(t, func(t *testing.T, tr string) {
		m := newFakeMedia()
		u := startUA(t, m, nil)
		p := newPeer(t, tr, u)
		c := p.newCall(ruri)
		l := c.established(m)
		d := l.inv.Dialog
		body := []byte(`<msml version="1.1"><event name="msml.dialog.exit" id="conf:c/dialog:r"/></msml>`)

		if err := d.SendInfo(context.Background(), "application/msml+xml", body); err != nil {
			t.Fatalf("SendInfo: %v", err)
		}
		info := p.next()
		if info.Method != sip.INFO || string(info.Body()) != string(body) || contentType(info) != "application/msml+xml" {
			t.Errorf("peer got %s %q (%s)", info.Method, info.Body(), contentType(info))
		}
		if info.CSeq().MethodName != sip.INFO || toTag(info) != c.from.Params.GetOr("tag", "") {
			t.Errorf("INFO headers: CSeq %v, To tag %q", info.CSeq(), toTag(info))
		}

		p.infoStatus.Store(488)
		err := d.SendInfo(context.Background(), "application/msml+xml", body)
		var se *StatusError
		if !errors.As(err, &se) || se.Code != 488 || !errors.Is(err, ErrRejected) {
			t.Errorf("SendInfo answered 488: err %v, want StatusError 488 wrapping ErrRejected", err)
		}
		p.next()
	})
}

func TestDialogByeClosesTheLegAndTellsThePeer(t *testing.T) {
	transports(t, func(t *testing.T, tr string) {
		m := newFakeMedia()
		u := startUA(t, m, nil)
		p := newPeer(t, tr, u)
		c := p.newCall(ruri)
		l := c.established(m)
		if err := l.inv.Dialog.Bye(context.Background()); err != nil {
			t.Fatalf("Bye: %v", err)
		}
		if r := recv(t, l.closed); r != ReasonLocalBye {
			t.Errorf("Close(%q), want %q", r, ReasonLocalBye)
		}
		if bye := p.next(); bye.Method != sip.BYE {
			t.Errorf("peer got %s, want BYE", bye.Method)
		}
		if err := l.inv.Dialog.Bye(context.Background()); !errors.Is(err, ErrDialogGone) {
			t.Errorf("second Bye: %v, want ErrDialogGone", err)
		}
		if err := l.inv.Dialog.SendInfo(context.Background(), "text/plain", []byte("x")); !errors.Is(err, ErrDialogGone) {
			t.Errorf("SendInfo after Bye: %v, want ErrDialogGone", err)
		}
		if n := l.nClose.Load(); n != 1 {
			t.Errorf("Close called %d times, want 1", n)
		}
	})
}

func TestShutdownByesEveryDialog(t *testing.T) {
	m := newFakeMedia()
	u := startUA(t, m, nil)
	p := newPeer(t, "UDP", u)
	legs := []*fakeLeg{p.newCall(ruri).established(m), p.newCall(ruri).established(m)}
	if err := u.Shutdown(context.Background()); err != nil {
		t.Fatalf("Shutdown: %v", err)
	}
	for _, l := range legs {
		if r := recv(t, l.closed); r != ReasonShutdown {
			t.Errorf("Close(%q), want %q", r, ReasonShutdown)
		}
	}
	for range legs {
		if bye := p.next(); bye.Method != sip.BYE {
			t.Errorf("peer got %s, want BYE", bye.Method)
		}
	}
	if u.Dialogs() != 0 {
		t.Errorf("Dialogs() = %d after Shutdown", u.Dialogs())
	}
}

func TestServeReturningClosesRemainingLegs(t *testing.T) {
	m := newFakeMedia()
	u, err := New(Config{ListenUDP: "127.0.0.1:0"}, m, nil)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- u.Serve(ctx) }()
	l := newPeer(t, "UDP", u).newCall(ruri).established(m)
	if err := u.Serve(ctx); !errors.Is(err, ErrServing) {
		t.Errorf("second Serve: %v, want ErrServing", err)
	}
	cancel()
	if err := recv(t, done); err != nil {
		t.Errorf("Serve: %v", err)
	}
	if r := recv(t, l.closed); r != ReasonShutdown {
		t.Errorf("Close(%q), want %q", r, ReasonShutdown)
	}
}

func TestInDialogRequestsFollowTheRouteSet(t *testing.T) {
	// RM record-routes: our BYE must go to it with a Route header, and name
	// the party's Contact in the Request-URI (loose routing).
	m := newFakeMedia()
	u := startUA(t, m, nil)
	p := newPeer(t, "UDP", u)
	c := p.newCall(ruri)
	c.contact = &sip.ContactHeader{Address: sip.Uri{Scheme: "sip", User: "party", Host: "192.0.2.1", Port: 5060}}
	rr := "<sip:127.0.0.1:" + strconv.Itoa(p.laddr.Port) + ";lr>"
	res := c.invite(sdpOffer, sip.NewHeader("Record-Route", rr))
	if res.StatusCode != 200 || header(res, "Record-Route") != rr {
		t.Fatalf("INVITE: %d, Record-Route %q; want 200 echoing %s", res.StatusCode, header(res, "Record-Route"), rr)
	}
	c.ack(nil)
	l := recv(t, m.opened)
	if err := l.inv.Dialog.Bye(context.Background()); err != nil {
		t.Fatalf("Bye: %v", err)
	}
	bye := p.next()
	if route := bye.GetHeader("Route"); route == nil || route.Value() != rr {
		t.Errorf("BYE Route %v, want %s", route, rr)
	}
	if bye.Recipient.Host != "192.0.2.1" || bye.Recipient.User != "party" {
		t.Errorf("BYE Request-URI %s, want the party's Contact", bye.Recipient.String())
	}
}

func TestByeBeforeAckEndsTheDialog(t *testing.T) {
	m := newFakeMedia()
	u := startUA(t, m, nil)
	c := newPeer(t, "UDP", u).newCall(ruri)
	if res := c.invite(sdpOffer); res.StatusCode != 200 {
		t.Fatalf("INVITE: %d", res.StatusCode)
	}
	l := recv(t, m.opened)
	if res := c.do(sip.BYE, "", nil); res.StatusCode != 200 {
		t.Fatalf("BYE before ACK: %d, want 200", res.StatusCode)
	}
	if r := recv(t, l.closed); r != ReasonBye {
		t.Errorf("Close(%q), want %q", r, ReasonBye)
	}
}
