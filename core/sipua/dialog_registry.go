package sipua

import (
	"sync"

	"github.com/emiago/sipgo/sip"
)

// registry holds the dialogs by id.
type registry struct {
	mu sync.Mutex
	m  map[string]*Dialog
}

func (r *registry) add(d *Dialog) {
	r.mu.Lock()
	r.m[d.id] = d
	r.mu.Unlock()
}

func (r *registry) remove(d *Dialog) {
	r.mu.Lock()
	if r.m[d.id] == d {
		delete(r.m, d.id)
	}
	r.mu.Unlock()
}

// lookup finds the dialog of an in-dialog request, or nil.
func (r *registry) lookup(req *sip.Request) *Dialog {
	id := sip.DialogIDMake(callID(req), toTag(req), fromTag(req))
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.m[id]
}

func (r *registry) len() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return len(r.m)
}

func (r *registry) all() []*Dialog {
	r.mu.Lock()
	defer r.mu.Unlock()
	out := make([]*Dialog, 0, len(r.m))
	for _, d := range r.m {
		out = append(out, d)
	}
	return out
}
