package proxy

import (
	"context"
	"sync"
	"sync/atomic"
	"time"

	"github.com/emiago/sipgo/sip"

	"github.com/reel-project/reel/rm"
)

// dialog is one leg the proxy established: which MCP, which call, and the
// contacts of both ends for requests addressed to the proxy itself.
type dialog struct {
	key       dialogKey
	node      *rm.Node
	call      string       // call key, see callKey
	callerTag string       // From tag of the initial INVITE (SIP Server's side)
	caller    sip.Uri      // SIP Server's Contact
	callee    sip.Uri      // the MCP's Contact
	seen      atomic.Int64 // unix nanoseconds of the last request
}

// newDialog describes the dialog that the 2xx res to req created on n.
func newDialog(req *sip.Request, res *sip.Response, n *rm.Node, call string) *dialog {
	d := &dialog{key: newDialogKey(callID(req), fromTag(req), toTag(res)), node: n, call: call,
		callerTag: fromTag(req), caller: req.Contact().Address}
	if c := res.Contact(); c != nil {
		d.callee = c.Address
	} else {
		d.callee = sip.Uri{Scheme: "sip", Host: hostOf(n.Addr), Port: portOf(n.Addr)}
	}
	d.seen.Store(time.Now().UnixNano())
	return d
}

// peer is where a request from the other end goes: the MCP for requests
// from SIP Server, SIP Server for requests from the MCP.
func (d *dialog) peer(req *sip.Request) sip.Uri {
	if fromTag(req) == d.callerTag {
		return d.callee
	}
	return d.caller
}

// dialogKey identifies a dialog independently of the direction: Call-ID
// and the two tags, the smaller first. A struct rather than one string, so
// that looking a dialog up allocates nothing.
type dialogKey struct{ callID, tagA, tagB string }

func newDialogKey(callID, tagA, tagB string) dialogKey {
	if tagA > tagB {
		tagA, tagB = tagB, tagA
	}
	return dialogKey{callID, tagA, tagB}
}

// dialogs is the table of live dialogs; it keeps rm.Calls in step.
type dialogs struct {
	calls *rm.Calls
	mu    sync.Mutex
	m     map[dialogKey]*dialog
}

func newDialogs(calls *rm.Calls) *dialogs { return &dialogs{calls: calls, m: map[dialogKey]*dialog{}} }

// add registers d unless a dialog with its key exists (a 2xx retransmission).
func (ds *dialogs) add(d *dialog) {
	ds.mu.Lock()
	defer ds.mu.Unlock()
	if _, dup := ds.m[d.key]; dup {
		return
	}
	ds.m[d.key] = d
	ds.calls.Join(d.call, d.node)
}

// find returns the dialog of an in-dialog message and marks it seen.
func (ds *dialogs) find(m sip.Message) *dialog {
	var id string
	switch m := m.(type) {
	case *sip.Request:
		id = callID(m)
	case *sip.Response:
		if h := m.CallID(); h != nil {
			id = h.Value()
		}
	}
	ds.mu.Lock()
	d := ds.m[newDialogKey(id, fromTag(m), toTag(m))]
	ds.mu.Unlock()
	if d != nil {
		d.seen.Store(time.Now().UnixNano())
	}
	return d
}

// remove forgets d; a second call does nothing.
func (ds *dialogs) remove(d *dialog) {
	ds.mu.Lock()
	defer ds.mu.Unlock()
	if ds.m[d.key] != d {
		return
	}
	delete(ds.m, d.key)
	ds.calls.Leave(d.call, d.node)
}

func (ds *dialogs) len() int {
	ds.mu.Lock()
	defer ds.mu.Unlock()
	return len(ds.m)
}

// sweep forgets dialogs idle for longer than timeout, until ctx ends.
func (ds *dialogs) sweep(ctx context.Context, timeout time.Duration) {
	tick := time.NewTicker(min(max(timeout/4, 10*time.Millisecond), time.Minute))
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case now := <-tick.C:
			ds.expire(now.Add(-timeout))
		}
	}
}

// expire forgets the dialogs last seen before cutoff.
func (ds *dialogs) expire(cutoff time.Time) {
	ds.mu.Lock()
	var old []*dialog
	for _, d := range ds.m {
		if d.seen.Load() < cutoff.UnixNano() {
			old = append(old, d)
		}
	}
	ds.mu.Unlock()
	for _, d := range old {
		ds.remove(d)
	}
}
