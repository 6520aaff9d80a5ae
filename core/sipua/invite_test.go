package sipua

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/emiago/sipgo/sip"
)

const ruri = "msml=conf1;dn=1001;record"

func TestInviteIsAnsweredAckedAndEndedByBye(t *testing.T) {
	transports(t, func(t *testing.T, tr string) {
		m := newFakeMedia()
		u := startUA(t, m, nil)
		p := newPeer(t, tr, u)
		c := p.newCall(ruri)

		res := c.invite(sdpOffer, sip.NewHeader("X-Genesys-CallUUID", "UUID-1"))
		if res.StatusCode != 200 {
			t.Fatalf("INVITE: got %d %s, want 200", res.StatusCode, res.Reason)
		}
		checkOK(t, res, tr)
		c.ack(nil)
		l := recv(t, m.opened)
		checkOpen(t, l.inv, c, tr)
		if got := l.answered(); len(got) != 1 || !bytes.Equal(got[0], sdpOffer) {
			t.Errorf("Answer got offers %q, want the INVITE's", got)
		}
		if n := u.Dialogs(); n != 1 {
			t.Errorf("Dialogs() = %d during the call, want 1", n)
		}

		if res := c.do(sip.BYE, "", nil); res.StatusCode != 200 {
			t.Fatalf("BYE: got %d, want 200", res.StatusCode)
		}
		if r := recv(t, l.closed); r != ReasonBye {
			t.Errorf("Close reason %q, want %q", r, ReasonBye)
		}
		if n := u.Dialogs(); n != 0 {
			t.Errorf("Dialogs() = %d after BYE, want 0", n)
		}
	})
}

func checkOK(t *testing.T, res *sip.Response, tr string) {
	t.Helper()
	if !bytes.Equal(res.Body(), sdpAnswer) {
		t.Errorf("200 body %q, want the leg's answer", res.Body())
	}
	if tag, _ := res.To().Params.Get("tag"); tag == "" {
		t.Error("200 without To tag")
	}
	want := map[string]string{
		"Content-Type": "application/sdp",
		"Allow":        allow,
		"Server":       "Reel/test",
		"Supported":    "timer",
	}
	for name, v := range want {
		if got := header(res, name); got != v {
			t.Errorf("%s: %q, want %q", name, got, v)
		}
	}
	if res.GetHeader("Require") != nil || res.GetHeader("Session-Expires") != nil {
		t.Error("200 requires an extension or times a session nobody asked to time")
	}
	ct := res.Contact()
	if ct == nil || ct.Address.Host != "127.0.0.1" || ct.Address.Port == 0 {
		t.Fatalf("Contact %v, want 127.0.0.1 and the bound port", ct)
	}
	if isTCP := strings.Contains(ct.Value(), "transport=tcp"); isTCP != (tr == "TCP") {
		t.Errorf("Contact %q for transport %s", ct.Value(), tr)
	}
}

func checkOpen(t *testing.T, inv Invite, c *call, tr string) {
	t.Helper()
	if !strings.HasPrefix(inv.RequestURI, "sip:msml=conf1@127.0.0.1:") || !strings.HasSuffix(inv.RequestURI, ";dn=1001;record") {
		t.Errorf("RequestURI %q", inv.RequestURI)
	}
	if inv.CallID != c.callID || inv.Transport != tr || !inv.Source.IsValid() {
		t.Errorf("Invite %+v: want call id %s, transport %s, a source", inv, c.callID, tr)
	}
	if got := inv.Header("x-genesys-calluuid"); got != "UUID-1" {
		t.Errorf("Header(X-Genesys-CallUUID) = %q, want UUID-1 (headers %v)", got, inv.Headers)
	}
	if _, ok := inv.Headers["Via"]; ok {
		t.Error("Headers carries Via, which the UA consumes")
	}
	if !bytes.Equal(inv.Offer, sdpOffer) || inv.Dialog == nil || inv.Dialog.CallID() != c.callID {
		t.Errorf("Offer %q / Dialog %v", inv.Offer, inv.Dialog)
	}
}

func TestInitialInviteWithoutSDPGetsOurOffer(t *testing.T) {
	m := newFakeMedia()
	u := startUA(t, m, nil)
	c := newPeer(t, "UDP", u).newCall(ruri)
	res := c.invite(nil)
	if res.StatusCode != 200 || !bytes.Equal(res.Body(), sdpOurOffer) {
		t.Fatalf("INVITE without SDP: %d %q, want 200 with our offer", res.StatusCode, res.Body())
	}
	l := recv(t, m.opened)
	if l.inv.Offer != nil {
		t.Errorf("Invite.Offer = %q, want nil", l.inv.Offer)
	}
	c.ack(sdpLateReply)
	if got := recv(t, l.accepted); !bytes.Equal(got, sdpLateReply) {
		t.Errorf("Accept got %q", got)
	}
}

func TestNoCodecAnswers488(t *testing.T) {
	t.Run("initial INVITE closes the leg", func(t *testing.T) {
		m := newFakeMedia()
		m.answerErr = fmt.Errorf("%w: only G.729 offered", ErrNoCodec)
		u := startUA(t, m, nil)
		c := newPeer(t, "UDP", u).newCall(ruri)
		if res := c.invite(sdpOffer); res.StatusCode != 488 {
			t.Fatalf("INVITE: %d, want 488", res.StatusCode)
		}
		l := recv(t, m.opened)
		if r := recv(t, l.closed); r != ReasonFailed {
			t.Errorf("Close(%q), want %q", r, ReasonFailed)
		}
		if u.Dialogs() != 0 {
			t.Errorf("Dialogs() = %d, want 0", u.Dialogs())
		}
	})
	t.Run("re-INVITE keeps the dialog", func(t *testing.T) {
		m := newFakeMedia()
		u := startUA(t, m, nil)
		c := newPeer(t, "UDP", u).newCall(ruri)
		l := c.established(m)
		l.mu.Lock()
		l.answerErr = Status(488, errors.New("no codec"))
		l.mu.Unlock()
		if res := c.invite(sdpTransfer); res.StatusCode != 488 {
			t.Fatalf("re-INVITE: %d, want 488", res.StatusCode)
		}
		if res := c.do(sip.BYE, "", nil); res.StatusCode != 200 {
			t.Errorf("BYE after failed re-INVITE: %d, want 200", res.StatusCode)
		}
	})
}

func TestMediaErrorsMapToStatus(t *testing.T) {
	cases := []struct {
		name string
		err  error
		want int
	}{
		{"not ours", fmt.Errorf("conf: %w", ErrNotOurs), 404},
		{"bad sdp", fmt.Errorf("sdp: %w", ErrBadRequest), 400},
		{"full", ErrUnavailable, 503},
		{"explicit", Status(486, nil), 486},
		{"anything else", errors.New("boom"), 500},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			m := newFakeMedia()
			m.openErr = tc.err
			u := startUA(t, m, nil)
			c := newPeer(t, "UDP", u).newCall(ruri)
			if res := c.invite(sdpOffer); res.StatusCode != tc.want {
				t.Errorf("INVITE: %d, want %d", res.StatusCode, tc.want)
			}
		})
	}
}

func TestOKIsRetransmittedOverUDPUntilAcked(t *testing.T) {
	m := newFakeMedia()
	u := startUA(t, m, nil)
	r := dialRaw(t, "UDP", u)
	inv := r.request("INVITE", "rtx")
	r.send(inv, "")
	first := r.expect("rtx", 200)
	again := r.expect("rtx", 200) // after T1, sent by the UA, not asked for
	if tag(first) == "" || tag(first) != tag(again) || !bytes.Equal(first.Body(), again.Body()) {
		t.Errorf("retransmitted 200 differs: tags %q / %q", tag(first), tag(again))
	}
	ack := edit(edit(inv, "CSeq", "1 ACK"), "To", first.To().Value())
	ack[0] = "ACK " + first.Contact().Address.String() + " SIP/2.0"
	ack[1] = strings.Replace(ack[1], "branch=", "branch=z9hG4bKack", 1)
	r.send(edit(ack, "Content-Type", "application/sdp"), string(sdpLateReply))
	l := recv(t, m.opened)
	if got := recv(t, l.accepted); !bytes.Equal(got, sdpLateReply) {
		t.Errorf("Accept got %q, want the ACK's answer", got)
	}
}

func tag(res *sip.Response) string {
	t, _ := res.To().Params.Get("tag")
	return t
}
