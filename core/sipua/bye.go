package sipua

import (
	"github.com/emiago/sipgo/sip"
)

// onBye answers 200 and ends the dialog (Leg.Close(ReasonBye)).
func (u *UA) onBye(req *sip.Request, tx sip.ServerTransaction) {
	d, err := u.inDialog(req)
	if err != nil {
		u.reject(req, tx, err)
		return
	}
	_ = u.respond(req, tx, 200, "", nil)
	d.end(ReasonBye)
}

// onCancel answers a CANCEL that matches no INVITE transaction: sipgo
// handles the matching ones (200 to the CANCEL, 487 to the INVITE) and
// invite.go sees the cancellation through the transaction.
func (u *UA) onCancel(req *sip.Request, tx sip.ServerTransaction) {
	u.reject(req, tx, ErrDialogGone)
}

// inDialog finds the dialog of req and checks its CSeq.
func (u *UA) inDialog(req *sip.Request) (*Dialog, error) {
	d := u.dialogs.lookup(req)
	if d == nil {
		return nil, ErrDialogGone
	}
	if err := d.sequence(req.CSeq().SeqNo); err != nil {
		return nil, err
	}
	return d, nil
}
