package sipemu

import (
	"math/rand/v2"
	"net"
	"net/netip"
	"sync"
	"time"
)

// Impairment is what a Relay does to the packets it forwards towards the MCP:
// each packet is dropped with probability Loss, sent twice with probability
// Duplicate, and delayed by a uniform random time up to Jitter (which
// reorders packets whenever the delay difference exceeds their spacing).
type Impairment struct {
	Loss, Duplicate float64
	Jitter          time.Duration
	Seed            uint64
}

// Relay sits between a party and the MCP: the party sends to the relay, the
// relay forwards to the MCP with impairments and relays the MCP's packets
// back untouched. The MCP latches onto the relay's socket.
type Relay struct {
	conn   *net.UDPConn
	target netip.AddrPort
	imp    Impairment

	mu      sync.Mutex
	rnd     *rand.Rand
	party   netip.AddrPort
	pending sync.WaitGroup
	dropped int
	doubled int
	done    chan struct{}
}

// NewRelay forwards to target (the MCP's RTP port) with imp.
func NewRelay(target netip.AddrPort, imp Impairment) (*Relay, error) {
	conn, err := net.ListenUDP("udp4", &net.UDPAddr{IP: net.IPv4(127, 0, 0, 1)})
	if err != nil {
		return nil, err
	}
	r := &Relay{conn: conn, target: target, imp: imp, rnd: rand.New(rand.NewPCG(imp.Seed, 1)), done: make(chan struct{})}
	go r.run()
	return r, nil
}

// Addr is where the party should send.
func (r *Relay) Addr() netip.AddrPort { return r.conn.LocalAddr().(*net.UDPAddr).AddrPort() }

func (r *Relay) run() {
	defer close(r.done)
	buf := make([]byte, 1500)
	for {
		n, from, err := r.conn.ReadFromUDPAddrPort(buf)
		if err != nil {
			return
		}
		pkt := append([]byte(nil), buf[:n]...)
		if from == r.target {
			r.mu.Lock()
			to := r.party
			r.mu.Unlock()
			_, _ = r.conn.WriteToUDPAddrPort(pkt, to)
			continue
		}
		r.forward(from, pkt)
	}
}

func (r *Relay) forward(from netip.AddrPort, pkt []byte) {
	r.mu.Lock()
	r.party = from
	drop, dup := r.rnd.Float64() < r.imp.Loss, r.rnd.Float64() < r.imp.Duplicate
	var delay time.Duration
	if r.imp.Jitter > 0 {
		delay = time.Duration(r.rnd.Int64N(int64(r.imp.Jitter)))
	}
	if drop {
		r.dropped++
	}
	if dup {
		r.doubled++
	}
	r.mu.Unlock()
	if drop {
		return
	}
	copies := 1
	if dup {
		copies = 2
	}
	r.pending.Add(1)
	time.AfterFunc(delay, func() {
		defer r.pending.Done()
		for i := 0; i < copies; i++ {
			_, _ = r.conn.WriteToUDPAddrPort(pkt, r.target)
		}
	})
}

// Stats returns how many packets were dropped and duplicated.
func (r *Relay) Stats() (dropped, doubled int) {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.dropped, r.doubled
}

// Close stops the relay after the delayed packets are out.
func (r *Relay) Close() error {
	r.pending.Wait()
	err := r.conn.Close()
	<-r.done
	return err
}
