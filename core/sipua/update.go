package sipua

import (
	"errors"
	"fmt"

	"github.com/emiago/sipgo/sip"
)

var errOfferPending = errors.New("an INVITE's offer/answer is in progress")

// onUpdate serves UPDATE in a dialog (RFC 3311): a session refresh (RFC 4028,
// UACs that refresh with UPDATE) and, with SDP, a new offer answered in the
// 200 OK through Leg.Answer. An offer while an INVITE on the dialog has no
// final response, or while our offer in a 200 OK waits for the ACK's answer,
// gets 491; UPDATE outside a dialog 481.
func (u *UA) onUpdate(req *sip.Request, tx sip.ServerTransaction) {
	d, err := u.inDialog(req)
	if err != nil {
		u.reject(req, tx, err)
		return
	}
	timer, err := u.sessionGrant(req)
	if err != nil {
		u.reject(req, tx, err)
		return
	}
	var hdrs []sip.Header
	answer, err := d.updateOffer(req)
	if err != nil {
		u.reject(req, tx, err)
		return
	}
	if len(answer) > 0 {
		hdrs = append(hdrs, sip.NewHeader("Content-Type", "application/sdp"))
	}
	d.refreshTarget(req)
	hdrs = append(hdrs, u.contact(d.transport))
	if err := u.respond(req, tx, 200, "", answer, append(hdrs, u.timerHeaders(timer)...)...); err != nil {
		return
	}
	u.armSessionTimer(d, timer)
}

// updateOffer answers the SDP offer an UPDATE carries; nil without one.
func (d *Dialog) updateOffer(req *sip.Request) ([]byte, error) {
	if len(req.Body()) == 0 {
		return nil, nil
	}
	if ct := contentType(req); !offerType(ct) {
		return nil, Status(415, fmt.Errorf("UPDATE body of type %q", mediaType(ct)))
	}
	d.mu.Lock()
	pending := d.busy || (d.pending != nil && d.pending.late) // our offer waits for the ACK's answer
	d.mu.Unlock()
	if pending {
		return nil, Status(491, errOfferPending)
	}
	var answer []byte
	err := d.withLeg(func(l Leg) error {
		var err error
		answer, err = answerOffer(l, contentType(req), req.Body())
		return err
	})
	return answer, err
}
