package sipua

import (
	"github.com/emiago/sipgo/sip"
)

// onOptions answers OPTIONS: RM's health check outside dialogs (503 while
// draining or when Media is full) and session audits inside them (481 when
// the dialog is gone, 200 otherwise, draining or not).
func (u *UA) onOptions(req *sip.Request, tx sip.ServerTransaction) {
	var err error
	if toTag(req) != "" {
		_, err = u.inDialog(req)
	} else {
		err = u.healthy()
	}
	if err != nil {
		u.reject(req, tx, err)
		return
	}
	_ = u.respond(req, tx, 200, "", nil, sip.NewHeader("Allow", allow),
		sip.NewHeader("Accept", u.accepts(sip.OPTIONS)))
}
