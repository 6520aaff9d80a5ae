package portalloc

import (
	"sync"

	"github.com/reel-project/reel/core/udpsock"
)

// Pair is one call leg's RTP socket (on the even Port) and RTCP socket (on
// Port+1). Whoever holds it owns both sockets until Release.
type Pair struct {
	RTP  *udpsock.Socket
	RTCP *udpsock.Socket
	Port int // the RTP port

	alloc *Allocator // nil for a Pair not made by an Allocator
	slot  int

	mu       sync.Mutex
	released bool
}

// Release closes both sockets and returns the port to the Allocator that made
// the Pair; it is the same as calling that Allocator's Release. It lets the
// holder of a Pair (an RTP session) give it back without knowing the
// Allocator. Safe to call twice.
func (p *Pair) Release() {
	if p.alloc != nil {
		p.alloc.Release(p)
		return
	}
	p.close()
}

// close closes both sockets once; it reports whether this call did it.
func (p *Pair) close() bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.released {
		return false
	}
	p.released = true
	if p.RTP != nil {
		_ = p.RTP.Close()
	}
	if p.RTCP != nil {
		_ = p.RTCP.Close()
	}
	return true
}
