package sipua

import (
	"context"
	"fmt"

	"github.com/emiago/sipgo/sip"
)

// sequence checks and records the CSeq of an in-dialog request (§12.2.2).
func (d *Dialog) sequence(cseq uint32) error {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.sequenceLocked(cseq)
}

func (d *Dialog) sequenceLocked(cseq uint32) error {
	if d.state == stateEnded {
		return ErrDialogGone
	}
	if cseq < d.remoteCSeq {
		return Status(500, errCSeqOrder)
	}
	d.remoteCSeq = cseq
	return nil
}

// beginInvite admits a re-INVITE: one INVITE at a time per dialog. One
// that overlaps an INVITE without final response gets 491 Request Pending
// (RFC 3261 §14.2 asks for 500 + Retry-After, but a 3PCC controller retries
// on 491 for sure; a compliant UAC never overlaps anyway). One that
// arrives while the previous 200 OK waits for its ACK waits for that ACK: the
// UAC sent it first (§14.1), it was only reordered or lost, and in the RFC
// 3725 flow it carries the answer the new offer/answer must follow.
func (d *Dialog) beginInvite(ctx context.Context, cseq uint32) error {
	for {
		d.mu.Lock()
		if err := d.sequenceLocked(cseq); err != nil {
			d.mu.Unlock()
			return err
		}
		if d.busy {
			d.mu.Unlock()
			return Status(491, errInviteOverlap)
		}
		p := d.pending
		if p == nil {
			d.busy = true
			d.mu.Unlock()
			return nil
		}
		d.mu.Unlock()
		select {
		case <-p.settled:
		case <-d.done:
			return ErrDialogGone
		case <-ctx.Done():
			return fmt.Errorf("%w: %w", ErrUnavailable, ctx.Err())
		}
	}
}

// endInvite records that an INVITE was answered with a failure.
func (d *Dialog) endInvite() {
	d.mu.Lock()
	d.busy = false
	d.mu.Unlock()
}

// expectAck records that a 200 OK for the INVITE with cseq is about to go.
func (d *Dialog) expectAck(cseq uint32, late bool) *pendingAck {
	p := &pendingAck{cseq: cseq, late: late, ack: make(chan *sip.Request, 1), settled: make(chan struct{})}
	d.mu.Lock()
	defer d.mu.Unlock()
	d.busy = false
	d.pending = p
	if d.state == stateEarly {
		d.state = stateEstablished
	}
	return p
}

// acked clears p once its ACK is processed or it gave up; a re-INVITE
// waiting for it may then proceed. Calling it again does nothing.
func (d *Dialog) acked(p *pendingAck) {
	d.mu.Lock()
	if d.pending == p {
		d.pending = nil
		close(p.settled)
	}
	d.mu.Unlock()
	d.confirmedOnce.Do(func() { close(d.confirmed) })
}

// deliverAck hands an ACK to the 200 OK waiting for it.
func (d *Dialog) deliverAck(req *sip.Request) {
	d.mu.Lock()
	p := d.pending
	d.mu.Unlock()
	if p == nil || p.cseq != req.CSeq().SeqNo {
		return
	}
	select {
	case p.ack <- req:
	default:
	}
}

// refreshTarget takes the Contact of a target refresh request (§12.2.2).
func (d *Dialog) refreshTarget(req *sip.Request) {
	if c := req.Contact(); c != nil && c.Address.Host != "" {
		d.mu.Lock()
		d.target = c.Address
		d.mu.Unlock()
	}
}
