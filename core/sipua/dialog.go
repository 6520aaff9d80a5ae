package sipua

import (
	"crypto/rand"
	"sync"
	"time"

	"github.com/emiago/sipgo/sip"
)

// Dialog is one SIP dialog this UA accepted (RFC 3261 §12), keyed by Call-ID,
// our tag and the remote tag. Its methods are safe for concurrent use.
type Dialog struct {
	ua        *UA
	id        string // sip.DialogIDMake(callID, localTag, remoteTag)
	callID    string
	localTag  string
	remoteTag string
	transport string         // "UDP" or "TCP"
	source    string         // host:port the initial INVITE came from
	local     sip.FromHeader // our URI and tag: From of our requests
	remote    sip.ToHeader   // theirs: To of our requests
	routes    []sip.Uri      // route set from Record-Route, in order (§12.1.1)
	invite    *sip.Request   // the initial INVITE with our To tag

	done chan struct{} // closed when the dialog ends
	// confirmed is closed when the ACK of the initial INVITE's 200 OK was
	// processed (or given up on: the dialog then ends as well).
	confirmed     chan struct{}
	confirmedOnce sync.Once
	legMu         sync.Mutex // serialises calls into leg

	mu         sync.Mutex
	leg        Leg
	target     sip.Uri // remote target: Contact of the last target refresh
	remoteCSeq uint32
	localCSeq  uint32
	state      dialogState
	busy       bool        // an INVITE on the dialog has no final response yet
	pending    *pendingAck // a 2xx waits for its ACK
	expiry     *time.Timer // the session timer (RFC 4028), nil when off
	timerGen   uint64      // bumped on each (re)arm, so a stale expiry does nothing
}

type dialogState int

const (
	stateEarly       dialogState = iota // INVITE received, no 200 OK sent
	stateEstablished                    // 200 OK sent
	stateEnded
)

// pendingAck is a 200 OK to an INVITE waiting for its ACK.
type pendingAck struct {
	cseq    uint32
	late    bool              // our offer is in the 200 OK: the answer comes in the ACK
	ack     chan *sip.Request // capacity 1; retransmitted ACKs are dropped
	settled chan struct{}     // closed once the ACK is processed or given up
}

// newDialog creates the dialog of an initial INVITE with a fresh local tag.
func newDialog(u *UA, req *sip.Request) *Dialog {
	inv := req.Clone()
	tag := rand.Text()
	inv.To().Params.Add("tag", tag)
	d := &Dialog{
		ua: u, callID: callID(req), localTag: tag, remoteTag: fromTag(req),
		transport: req.Transport(), source: req.Source(), invite: inv,
		local: inv.To().AsFrom(), remote: req.From().AsTo(),
		target:     req.Contact().Address,
		remoteCSeq: req.CSeq().SeqNo,
		done:       make(chan struct{}),
		confirmed:  make(chan struct{}),
	}
	d.id = sip.DialogIDMake(d.callID, d.localTag, d.remoteTag)
	for _, h := range req.GetHeaders("Record-Route") {
		if rr, ok := h.(*sip.RecordRouteHeader); ok {
			d.routes = append(d.routes, rr.Address)
		}
	}
	return d
}

// CallID returns the dialog's Call-ID.
func (d *Dialog) CallID() string { return d.callID }

// LocalTag returns our tag (the To tag of the requests we receive).
func (d *Dialog) LocalTag() string { return d.localTag }

// RemoteTag returns the remote party's tag.
func (d *Dialog) RemoteTag() string { return d.remoteTag }

// Leg returns the Leg Media.Open made for this dialog (nil before).
func (d *Dialog) Leg() Leg {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.leg
}

// Done is closed when the dialog ends.
func (d *Dialog) Done() <-chan struct{} { return d.done }

// Confirmed is closed once the ACK of the initial INVITE's 200 OK has
// arrived (or was given up on, which ends the dialog): from then on the
// UAS may send BYE and other requests (RFC 3261 §15).
func (d *Dialog) Confirmed() <-chan struct{} { return d.confirmed }

func (d *Dialog) setLeg(l Leg) {
	d.mu.Lock()
	d.leg = l
	d.mu.Unlock()
}

// end ends the dialog once: it leaves the registry, wakes its waiters and
// closes the leg. It reports whether this call ended it.
func (d *Dialog) end(reason string) bool {
	d.mu.Lock()
	if d.state == stateEnded {
		d.mu.Unlock()
		return false
	}
	d.state = stateEnded
	d.stopSessionTimerLocked()
	leg := d.leg
	close(d.done)
	d.mu.Unlock()
	d.ua.dialogs.remove(d)
	if leg != nil {
		d.legMu.Lock()
		leg.Close(reason)
		d.legMu.Unlock()
	}
	return true
}

// withLeg calls f with the leg unless the dialog has ended; calls are
// serialised and none follows Close.
func (d *Dialog) withLeg(f func(Leg) error) error {
	d.legMu.Lock()
	defer d.legMu.Unlock()
	d.mu.Lock()
	leg, ended := d.leg, d.state == stateEnded
	d.mu.Unlock()
	if ended || leg == nil {
		return ErrDialogGone
	}
	return f(leg)
}
