package sipua

import (
	"bytes"
	"testing"
	"time"

	"github.com/emiago/sipgo/sip"
)

// A UAC that refreshes with UPDATE (no SDP) keeps the session; when its
// refreshes stop, the session ends.
func TestUpdateRefreshesTheSession(t *testing.T) {
	t.Parallel() // sleeps through session intervals
	transports(t, func(t *testing.T, tr string) {
		m, p := timedPeer(t, tr)
		c := p.newCall(ruri)
		if res := c.invite(sdpOffer, seHeaders("4;refresher=uac", true)...); res.StatusCode != 200 || header(res, "Allow") == "" {
			t.Fatalf("INVITE: %d, Allow %q", res.StatusCode, header(res, "Allow"))
		}
		c.ack(nil)
		l := recv(t, m.opened)
		for range 4 { // 4 s: past an unrefreshed expiry (2.67 s)
			time.Sleep(time.Second)
			res := c.do(sip.UPDATE, "", nil, seHeaders("4;refresher=uac", true)...)
			if res.StatusCode != 200 || header(res, "Session-Expires") != "4;refresher=uac" || len(res.Body()) != 0 {
				t.Fatalf("UPDATE: %d, Session-Expires %q, body %q", res.StatusCode, header(res, "Session-Expires"), res.Body())
			}
		}
		select {
		case r := <-l.closed:
			t.Fatalf("leg closed (%s) while refreshed", r)
		default:
		}
		if r := recv(t, l.closed); r != ReasonSessionExpired {
			t.Errorf("Close(%q) after the refreshes stopped, want %q", r, ReasonSessionExpired)
		}
	})
}

func TestUpdateWithAnOfferIsAnswered(t *testing.T) {
	m := newFakeMedia()
	u := startUA(t, m, nil)
	c := newPeer(t, "UDP", u).newCall(ruri)
	l := c.established(m)
	res := c.do(sip.UPDATE, "application/sdp", sdpTransfer)
	if res.StatusCode != 200 || !bytes.Equal(res.Body(), sdpAnswer) || header(res, "Content-Type") != "application/sdp" {
		t.Fatalf("UPDATE with an offer: %d %q", res.StatusCode, res.Body())
	}
	if got := l.answered(); len(got) != 2 || !bytes.Equal(got[1], sdpTransfer) {
		t.Errorf("Answer offers %q, want the UPDATE's second", got)
	}
	if res := c.do(sip.UPDATE, "text/plain", []byte("hello")); res.StatusCode != 415 {
		t.Errorf("UPDATE with a text body: %d, want 415", res.StatusCode)
	}
}

// An offer in UPDATE while a re-INVITE's offer/answer runs gets 491.
func TestUpdateOfferDuringAReInviteGets491(t *testing.T) {
	m := newFakeMedia()
	u := startUA(t, m, nil)
	c := newPeer(t, "UDP", u).newCall(ruri)
	l := c.established(m)
	gate := l.holdAnswers()
	_, tx := c.start(sdpTransfer)
	recv(t, l.entered)
	first := c.inviteCS
	if res := c.do(sip.UPDATE, "application/sdp", sdpTransfer); res.StatusCode != 491 {
		t.Errorf("UPDATE offer during a re-INVITE: %d, want 491", res.StatusCode)
	}
	if res := c.do(sip.UPDATE, "", nil); res.StatusCode != 200 {
		t.Errorf("UPDATE without an offer during a re-INVITE: %d, want 200", res.StatusCode)
	}
	close(gate)
	if res := c.final(tx); res.StatusCode != 200 {
		t.Fatalf("re-INVITE: %d", res.StatusCode)
	}
	c.inviteCS = first
	c.ack(nil)
}

func TestUpdateOutsideADialogGets481(t *testing.T) {
	m := newFakeMedia()
	u := startUA(t, m, nil)
	c := newPeer(t, "UDP", u).newCall(ruri)
	c.to.Params.Add("tag", "nosuchdialog")
	if res := c.do(sip.UPDATE, "", nil); res.StatusCode != 481 {
		t.Errorf("UPDATE outside a dialog: %d, want 481", res.StatusCode)
	}
}

// An offer in UPDATE while our offer in a 200 OK waits for the ACK's
// answer (RFC 3725 re-INVITE without SDP) gets 491.
func TestUpdateOfferBeforeTheAckOfOurOfferGets491(t *testing.T) {
	m := newFakeMedia()
	u := startUA(t, m, nil)
	c := newPeer(t, "UDP", u).newCall(ruri)
	l := c.established(m)
	if res := c.invite(nil); res.StatusCode != 200 || !bytes.Equal(res.Body(), sdpOurOffer) {
		t.Fatalf("re-INVITE without SDP: %d", res.StatusCode)
	}
	first := c.inviteCS
	if res := c.do(sip.UPDATE, "application/sdp", sdpTransfer); res.StatusCode != 491 {
		t.Errorf("UPDATE offer before the ACK: %d, want 491", res.StatusCode)
	}
	c.inviteCS = first
	c.ack(sdpLateReply)
	if got := recv(t, l.accepted); !bytes.Equal(got, sdpLateReply) {
		t.Errorf("Accept got %q", got)
	}
}
