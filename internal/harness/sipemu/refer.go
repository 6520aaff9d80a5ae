package sipemu

import "github.com/emiago/sipgo/sip"

// onRefer accepts a REFER (a blind transfer asked by the MCP) and keeps
// its Refer-To.
func (e *Emulator) onRefer(req *sip.Request, tx sip.ServerTransaction) {
	l := e.leg(req)
	if l == nil {
		_ = tx.Respond(sip.NewResponseFromRequest(req, 481, "Call/Transaction Does Not Exist", nil))
		return
	}
	_ = tx.Respond(sip.NewResponseFromRequest(req, 202, "Accepted", nil))
	to := ""
	if h := req.GetHeader("Refer-To"); h != nil {
		to = h.Value()
	}
	l.mu.Lock()
	l.refers = append(l.refers, to)
	l.mu.Unlock()
}

// Refers returns the Refer-To values of the REFERs received on the leg.
func (l *Leg) Refers() []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]string(nil), l.refers...)
}
