package sipua

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/emiago/sipgo/sip"
)

// awaitAck waits for the ACK of the 200 OK res, retransmitting it over UDP
// at T1, 2·T1, … capped at T2 (RFC 3261 §13.3.1.4; sipgo leaves 2xx
// retransmission to the TU, RFC 6026). Without an ACK within AckTimeout the
// dialog ends with a BYE.
func (u *UA) awaitAck(d *Dialog, p *pendingAck, tx sip.ServerTransaction, res *sip.Response) {
	defer d.acked(p)
	interval := sip.T1
	resend := time.NewTimer(interval)
	defer resend.Stop()
	if sip.IsReliable(res.Transport()) {
		resend.Stop()
	}
	deadline := time.NewTimer(u.cfg.AckTimeout)
	defer deadline.Stop()
	for {
		select {
		case ack := <-p.ack:
			u.takeAck(d, p, ack)
			return
		case ack := <-tx.Acks():
			// An ACK reusing the INVITE's branch (pre-RFC 3261 UAs) reaches
			// the INVITE transaction instead of onAck.
			u.takeAck(d, p, ack)
			return
		case <-resend.C:
			if err := tx.Respond(res); err != nil {
				u.log.Debug("sip 200 retransmission failed", "call_id", d.callID, "error", err)
			}
			interval = min(2*interval, sip.T2)
			resend.Reset(interval)
		case <-deadline.C:
			u.log.Warn("sip no ack", "call_id", d.callID, "status", 200, "cseq", p.cseq)
			u.hangup(u.ctx, d, ReasonNoAck)
			return
		case <-d.done:
			return
		case <-u.ctx.Done():
			return
		}
	}
}

// takeAck completes an INVITE with its ACK; in the RFC 3725 flow the ACK
// carries the answer to our offer, and a missing or refused answer ends the
// dialog with a BYE (§13.2.2.4: the session cannot continue).
func (u *UA) takeAck(d *Dialog, p *pendingAck, ack *sip.Request) {
	if !p.late {
		return
	}
	err := answerIn(ack)
	if err == nil {
		err = d.withLeg(func(l Leg) error { return l.Accept(ack.Body()) })
	}
	switch {
	case err == nil:
	case errors.Is(err, errNoAnswer):
		u.log.Warn("sip ack without answer", "call_id", d.callID, "status", 200)
		u.hangup(u.ctx, d, ReasonNoAnswer)
	case !errors.Is(err, ErrDialogGone):
		u.log.Warn("sip answer in ack rejected", "call_id", d.callID, "status", 200, "error", err)
		u.hangup(u.ctx, d, ReasonBadAnswer)
	}
}

var errNoAnswer = errors.New("sipua: ACK carries no answer")

// answerIn checks that ack carries an SDP body.
func answerIn(ack *sip.Request) error {
	if len(ack.Body()) == 0 {
		return errNoAnswer
	}
	if ct := mediaType(contentType(ack)); ct != "" && ct != "application/sdp" {
		return fmt.Errorf("%w: ACK body of type %q", ErrBadRequest, ct)
	}
	return nil
}

// onAck hands an ACK for a 2xx to the INVITE waiting for it. ACKs for
// failure responses never get here: sipgo's INVITE transaction absorbs them.
func (u *UA) onAck(req *sip.Request, _ sip.ServerTransaction) {
	d := u.dialogs.lookup(req)
	if d == nil {
		u.log.Debug("sip ack for unknown dialog", "call_id", callID(req))
		return
	}
	d.deliverAck(req)
}

// hangup ends d with reason and, if this call ended it, sends BYE.
func (u *UA) hangup(ctx context.Context, d *Dialog, reason string) error {
	if !d.end(reason) {
		return ErrDialogGone
	}
	ctx, cancel := context.WithTimeout(ctx, 64*sip.T1)
	defer cancel()
	_, err := d.request(ctx, sip.BYE, "", nil)
	if err != nil {
		u.log.Info("sip bye failed", "call_id", d.callID, "error", err)
	}
	return err
}
