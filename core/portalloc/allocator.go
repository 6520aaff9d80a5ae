package portalloc

import (
	"fmt"
	"net/netip"
	"sync"

	"github.com/reel-project/reel/core/udpsock"
)

// Allocator hands out RTP/RTCP port pairs bound on one address. It is safe
// for concurrent use.
type Allocator struct {
	ip   netip.Addr
	base int // first RTP port; slot i is RTP port base+2i

	mu    sync.Mutex
	used  []bool // by slot: reserved or bound
	next  int    // slot the next search starts at
	inUse int
}

// New returns an Allocator binding on ip with RTP ports on the even ports of
// [portMin, portMax] whose RTCP port (RTP+1) is in the range too. An odd
// portMin or an even portMax is rounded inwards; the range must keep at least
// one pair.
func New(ip netip.Addr, portMin, portMax int) (*Allocator, error) {
	if !ip.IsValid() {
		return nil, ErrAddr
	}
	first := portMin + portMin%2
	last := portMax - 1 - (portMax-1)%2 // highest even port p with p+1 <= portMax
	if portMin < 1 || portMax > 65535 || first > last {
		return nil, fmt.Errorf("%w: [%d, %d]", ErrRange, portMin, portMax)
	}
	slots := (last-first)/2 + 1
	return &Allocator{ip: ip.Unmap(), base: first, used: make([]bool, slots)}, nil
}

// Capacity returns the number of pairs in the range.
func (a *Allocator) Capacity() int { return len(a.used) }

// InUse returns the number of pairs allocated and not yet released.
func (a *Allocator) InUse() int {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.inUse
}

// Allocate binds the next free pair after the last one handed out. Ports the
// operating system refuses are skipped; when every free pair was tried,
// Allocate returns ErrExhausted (wrapping the last bind error, if any).
func (a *Allocator) Allocate() (*Pair, error) {
	var lastErr error
	for range a.Capacity() {
		slot, ok := a.reserve()
		if !ok {
			break
		}
		p, err := a.bind(slot)
		if err == nil {
			return p, nil
		}
		lastErr = err
		a.unreserve(slot)
	}
	if lastErr != nil {
		return nil, fmt.Errorf("%w (%d pairs in use of %d): %w", ErrExhausted, a.InUse(), a.Capacity(), lastErr)
	}
	return nil, fmt.Errorf("%w (%d pairs in use of %d)", ErrExhausted, a.InUse(), a.Capacity())
}

// reserve marks the first free slot at or after next as used.
func (a *Allocator) reserve() (int, bool) {
	a.mu.Lock()
	defer a.mu.Unlock()
	n := len(a.used)
	for i := range n {
		slot := (a.next + i) % n
		if !a.used[slot] {
			a.used[slot] = true
			a.inUse++
			a.next = (slot + 1) % n
			return slot, true
		}
	}
	return 0, false
}

func (a *Allocator) unreserve(slot int) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.used[slot] = false
	a.inUse--
}

// bind opens both sockets of slot, or neither.
func (a *Allocator) bind(slot int) (*Pair, error) {
	port := a.base + 2*slot
	rtp, err := a.listen(port)
	if err != nil {
		return nil, err
	}
	rtcp, err := a.listen(port + 1)
	if err != nil {
		_ = rtp.Close()
		return nil, err
	}
	return &Pair{RTP: rtp, RTCP: rtcp, Port: port, alloc: a, slot: slot}, nil
}

func (a *Allocator) listen(port int) (*udpsock.Socket, error) {
	return udpsock.Listen(netip.AddrPortFrom(a.ip, uint16(port)))
}

// Release closes both sockets of p and returns its port to the pool. It is
// safe to call twice and with nil; a Pair made by another Allocator goes back
// to that one.
func (a *Allocator) Release(p *Pair) {
	if p == nil {
		return
	}
	if p.alloc != a {
		p.Release()
		return
	}
	if p.close() {
		a.unreserve(p.slot)
	}
}
