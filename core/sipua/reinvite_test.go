package sipua

import (
	"bytes"
	"testing"

	"github.com/emiago/sipgo/sip"
)

func TestThirdPartyCallControlTakesTheAnswerFromTheAck(t *testing.T) {
	transports(t, func(t *testing.T, tr string) {
		m := newFakeMedia()
		u := startUA(t, m, nil)
		c := newPeer(t, tr, u).newCall(ruri)
		l := c.established(m)

		res := c.invite(nil)
		if res.StatusCode != 200 || !bytes.Equal(res.Body(), sdpOurOffer) {
			t.Fatalf("re-INVITE without SDP: %d with body %q, want 200 with our offer", res.StatusCode, res.Body())
		}
		c.ack(sdpLateReply)
		if got := recv(t, l.accepted); !bytes.Equal(got, sdpLateReply) {
			t.Errorf("Accept got %q, want the ACK's answer", got)
		}
		if res := c.do(sip.BYE, "", nil); res.StatusCode != 200 {
			t.Fatalf("BYE: %d", res.StatusCode)
		}
		if r := recv(t, l.closed); r != ReasonBye {
			t.Errorf("Close(%q), want %q", r, ReasonBye)
		}
	})
}

func TestAckWithoutAnswerEndsTheDialogWithBye(t *testing.T) {
	transports(t, func(t *testing.T, tr string) {
		m := newFakeMedia()
		u := startUA(t, m, nil)
		p := newPeer(t, tr, u)
		c := p.newCall(ruri)
		l := c.established(m)
		if res := c.invite(nil); res.StatusCode != 200 {
			t.Fatalf("re-INVITE: %d", res.StatusCode)
		}
		c.ack(nil)
		if r := recv(t, l.closed); r != ReasonNoAnswer {
			t.Errorf("Close(%q), want %q", r, ReasonNoAnswer)
		}
		if bye := p.next(); bye.Method != sip.BYE || callID(bye) != c.callID {
			t.Errorf("peer got %s for %s, want BYE for %s", bye.Method, callID(bye), c.callID)
		}
	})
}

func TestTransferReInviteIsAnswered(t *testing.T) {
	transports(t, func(t *testing.T, tr string) {
		m := newFakeMedia()
		u := startUA(t, m, nil)
		c := newPeer(t, tr, u).newCall(ruri)
		l := c.established(m)
		res := c.invite(sdpTransfer)
		if res.StatusCode != 200 || !bytes.Equal(res.Body(), sdpAnswer) {
			t.Fatalf("transfer re-INVITE: %d %q, want 200 with answer", res.StatusCode, res.Body())
		}
		c.ack(nil)
		got := l.answered()
		if len(got) != 2 || !bytes.Equal(got[1], sdpTransfer) {
			t.Errorf("Answer offers %q, want the transfer's second", got)
		}
		if res := c.do(sip.BYE, "", nil); res.StatusCode != 200 {
			t.Errorf("BYE after transfer: %d", res.StatusCode)
		}
	})
}

func TestReInviteWaitsForTheAckOfThePreviousOne(t *testing.T) {
	// The 3PCC controller ACKs and re-INVITEs back to back; the two may be
	// processed out of order. The re-INVITE must wait for the ACK, whose
	// answer comes first in the offer/answer sequence.
	m := newFakeMedia()
	u := startUA(t, m, nil)
	c := newPeer(t, "UDP", u).newCall(ruri)
	l := c.established(m)
	if res := c.invite(nil); res.StatusCode != 200 {
		t.Fatalf("re-INVITE: %d", res.StatusCode)
	}
	first := c.inviteCS
	_, tx := c.start(sdpTransfer)
	if res := recv(t, tx.Responses()); res.StatusCode != 100 {
		t.Fatalf("second re-INVITE: first response %d, want 100 Trying", res.StatusCode)
	}
	second := c.inviteCS
	c.inviteCS = first
	c.ack(sdpLateReply)
	if got := recv(t, l.accepted); !bytes.Equal(got, sdpLateReply) {
		t.Errorf("Accept got %q", got)
	}
	if res := c.final(tx); res.StatusCode != 200 {
		t.Fatalf("second re-INVITE: %d, want 200 once the ACK is in", res.StatusCode)
	}
	c.inviteCS = second
	c.ack(nil)
	if got := l.answered(); len(got) != 2 || !bytes.Equal(got[1], sdpTransfer) {
		t.Errorf("Answer offers %q, want the transfer after the initial offer", got)
	}
}

func TestOverlappingReInviteGets491(t *testing.T) {
	m := newFakeMedia()
	u := startUA(t, m, nil)
	c := newPeer(t, "UDP", u).newCall(ruri)
	l := c.established(m)
	gate := l.holdAnswers()

	_, tx := c.start(sdpTransfer)
	recv(t, l.entered)
	first := c.inviteCS
	if res := c.invite(sdpTransfer); res.StatusCode != 491 {
		t.Errorf("overlapping re-INVITE: %d, want 491", res.StatusCode)
	}
	close(gate)
	if res := c.final(tx); res.StatusCode != 200 {
		t.Fatalf("first re-INVITE: %d, want 200", res.StatusCode)
	}
	c.inviteCS = first
	c.ack(nil)
}

func TestRefusedAnswerInAckEndsTheDialogWithBye(t *testing.T) {
	m := newFakeMedia()
	m.acceptErr = ErrNoCodec
	u := startUA(t, m, nil)
	p := newPeer(t, "UDP", u)
	c := p.newCall(ruri)
	l := c.established(m)
	if res := c.invite(nil); res.StatusCode != 200 {
		t.Fatalf("re-INVITE: %d", res.StatusCode)
	}
	c.ack(sdpLateReply)
	recv(t, l.accepted)
	if r := recv(t, l.closed); r != ReasonBadAnswer {
		t.Errorf("Close(%q), want %q", r, ReasonBadAnswer)
	}
	if bye := p.next(); bye.Method != sip.BYE {
		t.Errorf("peer got %s, want BYE", bye.Method)
	}
}
