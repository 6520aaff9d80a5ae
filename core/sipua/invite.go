package sipua

import (
	"context"
	"errors"
	"fmt"
	"net/netip"

	"github.com/emiago/sipgo/sip"
)

// onInvite serves INVITE: initial ones here, re-INVITEs in onReInvite.
func (u *UA) onInvite(req *sip.Request, tx sip.ServerTransaction) {
	if toTag(req) != "" {
		u.onReInvite(req, tx)
		return
	}
	if err := u.admit(); err != nil {
		u.reject(req, tx, err)
		return
	}
	timer, err := u.sessionGrant(req)
	if err != nil {
		u.reject(req, tx, err)
		return
	}
	u.trying(req, tx)
	d := newDialog(u, req)
	ctx, stop := cancelContext(u.ctx, tx)
	defer stop()
	leg, err := u.media.Open(ctx, u.describe(req, d))
	if err != nil {
		u.reject(d.invite, tx, err)
		return
	}
	d.setLeg(leg)
	sdp, late, err := d.negotiate(contentType(req), req.Body())
	if err != nil {
		d.end(ReasonFailed)
		u.reject(d.invite, tx, err)
		return
	}
	if err := context.Cause(ctx); err != nil {
		u.interrupted(d, tx, err)
		return
	}
	u.dialogs.add(d)
	u.complete(d, req, d.invite, tx, answer{sdp: sdp, late: late, timer: timer})
}

// admit refuses new dialogs while draining. Capacity is Media.Open's to
// decide: an INVITE for a further leg of a call in progress must get in even
// when a new call would not.
func (u *UA) admit() error {
	if u.draining.Load() {
		return fmt.Errorf("%w: draining", ErrUnavailable)
	}
	return nil
}

// healthy is the answer to a health check: 503 while draining or when Media
// takes no new calls.
func (u *UA) healthy() error {
	if err := u.admit(); err != nil {
		return err
	}
	if !u.media.Available() {
		return fmt.Errorf("%w: media not available", ErrUnavailable)
	}
	return nil
}

// trying sends 100 Trying at once: it stops INVITE retransmissions over UDP
// while Media works (sipgo would send one only after 200 ms).
func (u *UA) trying(req *sip.Request, tx sip.ServerTransaction) {
	_ = u.respond(req, tx, 100, "", nil)
}

// describe builds Media's view of an initial INVITE.
func (u *UA) describe(req *sip.Request, d *Dialog) Invite {
	src, _ := netip.ParseAddrPort(req.Source())
	inv := Invite{
		RequestURI: req.Recipient.String(),
		CallID:     d.callID,
		FromTag:    d.remoteTag,
		From:       req.From().Value(),
		To:         req.To().Value(),
		Headers:    extraHeaders(req),
		Transport:  req.Transport(),
		Source:     src,
		Dialog:     d,
	}
	if len(req.Body()) > 0 {
		inv.Offer, inv.ContentType = req.Body(), contentType(req)
	}
	if c := req.Contact(); c != nil {
		inv.Contact = c.Value()
	}
	return inv
}

// cancelContext returns a context cancelled when the INVITE transaction is
// CANCELled (sipgo has already answered 200 to the CANCEL and 487 to it).
func cancelContext(parent context.Context, tx sip.ServerTransaction) (context.Context, context.CancelFunc) {
	ctx, cancel := context.WithCancelCause(parent)
	if !tx.OnCancel(func(*sip.Request) { cancel(sip.ErrTransactionCanceled) }) {
		cancel(sip.ErrTransactionCanceled)
	}
	return ctx, func() { cancel(nil) }
}

// interrupted ends a dialog whose INVITE was CANCELled (sipgo answered it
// 487) or caught by shutdown (503) before our 200 OK.
func (u *UA) interrupted(d *Dialog, tx sip.ServerTransaction, cause error) {
	if errors.Is(cause, sip.ErrTransactionCanceled) {
		u.cancelled(d, cause)
		return
	}
	d.end(ReasonShutdown)
	u.reject(d.invite, tx, fmt.Errorf("%w: shutting down", ErrUnavailable))
}

// cancelled ends a dialog whose INVITE was CANCELled before our 200 OK.
func (u *UA) cancelled(d *Dialog, err error) {
	d.end(ReasonCancel)
	u.log.Info("sip invite cancelled", "call_id", d.callID, "status", 487, "error", err)
}

// negotiate runs the offer/answer step of an INVITE on the leg: it returns
// the SDP for the 200 OK and whether the answer will come in the ACK.
func (d *Dialog) negotiate(ct string, offer []byte) (sdp []byte, late bool, err error) {
	err = d.withLeg(func(l Leg) error {
		var err error
		if len(offer) == 0 {
			late = true
			sdp, err = l.Offer()
		} else {
			sdp, err = answerOffer(l, ct, offer)
		}
		return err
	})
	if err == nil && len(sdp) == 0 {
		err = errors.New("sipua: leg returned empty SDP")
	}
	return sdp, late, err
}

// answerOffer gives an offer to the Leg by its body's type: SDP to Answer,
// multipart/mixed to a BodyLeg's AnswerBody.
func answerOffer(l Leg, ct string, offer []byte) ([]byte, error) {
	if mediaType(ct) != multipartMixed {
		return l.Answer(offer)
	}
	if bl, ok := l.(BodyLeg); ok {
		return bl.AnswerBody(ct, offer)
	}
	return nil, Status(415, fmt.Errorf("%s offer on a dialog that takes only application/sdp", multipartMixed))
}

// answer is what the 200 OK to an INVITE carries.
type answer struct {
	sdp   []byte
	late  bool  // sdp is our offer: the answer comes in the ACK
	timer grant // the session timer granted, if any
}

// complete sends the 200 OK with a for the INVITE orig (res is built from
// req, which carries our To tag), starts or stops the session timer, and
// waits for the ACK.
func (u *UA) complete(d *Dialog, orig, req *sip.Request, tx sip.ServerTransaction, a answer) {
	hdrs := append([]sip.Header{sip.NewHeader("Content-Type", "application/sdp"), u.contact(d.transport),
		sip.NewHeader("Allow", allow)}, u.timerHeaders(a.timer)...)
	res := u.response(req, 200, "", a.sdp, hdrs...)
	p := d.expectAck(req.CSeq().SeqNo, a.late)
	if err := u.send(req, tx, res); err != nil {
		d.acked(p)
		if errors.Is(err, sip.ErrTransactionCanceled) {
			restore487(tx, orig)
			u.cancelled(d, err)
			return
		}
		d.end(ReasonFailed)
		return
	}
	u.armSessionTimer(d, a.timer)
	u.awaitAck(d, p, tx, res)
}

// restore487 works around sipgo v1.7.2: a 2xx passed to a transaction that a
// CANCEL already completed is not sent, but replaces the 487 as the response
// Timer G retransmits over UDP. Passing a 487 again restores it (also not sent).
func restore487(tx sip.ServerTransaction, orig *sip.Request) {
	_ = tx.Respond(sip.NewResponseFromRequest(orig, 487, reasonPhrase(487), nil))
}
