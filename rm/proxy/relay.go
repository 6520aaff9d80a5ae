package proxy

import (
	"fmt"
	"sync"

	"github.com/emiago/sipgo/sip"
)

// relay sends out (the copy of req for the next hop) through a client
// transaction and relays its responses upstream on tx.
func (p *Proxy) relay(req *sip.Request, tx sip.ServerTransaction, out *sip.Request, d *dialog) {
	var cancel chan struct{} // only an INVITE can be cancelled: nil blocks
	if req.IsInvite() {
		cancel = make(chan struct{})
		p.respond(req, tx, 100, "Trying")
		var once sync.Once
		tx.OnCancel(func(*sip.Request) { once.Do(func() { close(cancel) }) })
	}
	ctr, err := p.cli.TransactionRequest(p.ctx, out, keep)
	if err != nil {
		p.reject(req, tx, fmt.Errorf("%w: %w", ErrUnreachable, err))
		p.ended(req, d)
		return
	}
	heard := false
	for {
		select {
		case res := <-ctr.Responses():
			heard = true
			if p.relayed(req, tx, ctr, res) {
				p.ended(req, d)
				return
			}
		case <-cancel:
			p.abandon(out, ctr, heard)
			return
		case <-ctr.Done():
			p.reject(req, tx, fmt.Errorf("%w: %w", ErrUnreachable, ctr.Err()))
			p.ended(req, d)
			return
		}
	}
}

// relayed passes one response upstream and reports whether it was final.
func (p *Proxy) relayed(req *sip.Request, tx sip.ServerTransaction, ctr sip.ClientTransaction, res *sip.Response) bool {
	if res.StatusCode == 100 {
		return false
	}
	if req.IsInvite() && res.IsSuccess() {
		ctr.OnRetransmission(func(r *sip.Response) { p.relayResponse(req, tx, r) })
	}
	p.relayResponse(req, tx, res)
	return res.StatusCode >= 200
}

// ended forgets the dialog once its BYE is answered (or went unanswered).
func (p *Proxy) ended(req *sip.Request, d *dialog) {
	if d != nil && req.Method == sip.BYE {
		p.dialogs.remove(d)
	}
}
