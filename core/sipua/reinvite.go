package sipua

import (
	"github.com/emiago/sipgo/sip"
)

// onReInvite serves an INVITE inside a dialog: a transfer or hold (new offer
// → Leg.Answer) or the RFC 3725 re-INVITE without SDP (Leg.Offer in the 200
// OK, the answer in the ACK). A failed re-INVITE leaves the dialog as it was.
func (u *UA) onReInvite(req *sip.Request, tx sip.ServerTransaction) {
	d := u.dialogs.lookup(req)
	if d == nil {
		u.reject(req, tx, ErrDialogGone)
		return
	}
	timer, err := u.sessionGrant(req)
	if err != nil {
		u.reject(req, tx, err)
		return
	}
	u.trying(req, tx)
	if err := d.beginInvite(u.ctx, req.CSeq().SeqNo); err != nil {
		u.reject(req, tx, err)
		return
	}
	sdp, late, err := d.negotiate(contentType(req), req.Body())
	if err != nil {
		d.endInvite()
		u.reject(req, tx, err)
		return
	}
	d.refreshTarget(req)
	u.complete(d, req, req, tx, answer{sdp: sdp, late: late, timer: timer})
}
