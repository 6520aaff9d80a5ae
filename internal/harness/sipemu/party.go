package sipemu

import (
	"errors"
	"fmt"
	"net/netip"
	"sync"
	"time"

	"github.com/pion/rtp"

	"github.com/reel-project/reel/codecs"
	"github.com/reel-project/reel/core/sdes"
	"github.com/reel-project/reel/core/udpsock"
)

// Party is one call party's RTP endpoint on polled sockets (core/udpsock),
// one for RTP and one for RTCP that its SDP names (a=rtcp), so the MCP's
// RTCP reaches the party and never whatever socket holds the port above its
// RTP port (the emulator's SIP listener, once). A test Party polls them every
// millisecond on a goroutine of its own; a load Party is polled by the load
// generator's clock. Arrival times are the kernel's. Send and Poll may run
// concurrently; Received and Stats return copies and are safe at any time.
type Party struct {
	conn *udpsock.Socket
	rtcp *udpsock.Socket
	pt   uint8
	ssrc uint32
	seq  uint16
	ts   uint32
	out  [12 + 1024 + sdes.Overhead]byte // the packet being sent, protected in place with SRTP
	srtp *partySRTP                      // nil: plain RTP

	dir  string // SDP direction attribute, "sendrecv" unless SetDirection
	keep bool   // keep every received packet (tests); off for load

	mu       sync.Mutex
	remote   netip.AddrPort
	received []Packet
	stats    RecvStats

	pollMu    sync.Mutex // one Poll at a time: it owns the batches and polls
	batch     *udpsock.Batch
	rtcpBatch *udpsock.Batch
	polls     int
	stop      chan struct{} // ends the poll goroutine of a test Party
	wg        sync.WaitGroup
}

// RecvStats counts what a party received and how evenly it arrived.
type RecvStats struct {
	Packets int64 // on the RTP port
	RTCP    int64 // datagrams on the RTCP port
	// SRTPFailed counts packets dropped by an SRTP party: not authentic
	// under the MCP's current or previous key, or before the first.
	SRTPFailed int64
	// Spacing is a histogram of the gaps between consecutive packets, in
	// whole milliseconds; the last bucket holds every gap of 255 ms or more.
	Spacing [256]int64
	last    time.Time
}

// Packet is one RTP packet the party received.
type Packet struct {
	Arrival time.Time
	Header  rtp.Header
	Payload []byte
}

// NewParty opens a UDP socket on 127.0.0.1 sending with payload type pt;
// it keeps every packet it receives (Received).
func NewParty(pt uint8, ssrc uint32) (*Party, error) {
	p, err := newParty(pt, ssrc, true)
	if err != nil {
		return nil, err
	}
	p.stop = make(chan struct{})
	p.wg.Go(p.pollEveryMillisecond)
	return p, nil
}

// NewLoadParty is a Party for load generation: it counts what it receives
// (RecvStats) but keeps no packets, sends without allocating, and receives
// only when the caller's clock calls Poll.
func NewLoadParty(pt uint8, ssrc uint32) (*Party, error) {
	return newParty(pt, ssrc, false)
}

func newParty(pt uint8, ssrc uint32, keep bool) (*Party, error) {
	local := netip.AddrPortFrom(netip.AddrFrom4([4]byte{127, 0, 0, 1}), 0)
	conn, err := udpsock.Listen(local)
	if err != nil {
		return nil, err
	}
	rtcp, err := udpsock.Listen(local)
	if err != nil {
		conn.Close()
		return nil, err
	}
	return &Party{conn: conn, rtcp: rtcp, pt: pt, ssrc: ssrc, seq: uint16(ssrc), ts: ssrc * 7, dir: "sendrecv",
		keep: keep, batch: new(udpsock.Batch), rtcpBatch: new(udpsock.Batch)}, nil
}

// Port is the party's RTP port.
func (p *Party) Port() int { return int(p.conn.LocalAddr().Port()) }

// RTCPPort is the party's RTCP port, which its SDP names in a=rtcp.
func (p *Party) RTCPPort() int { return int(p.rtcp.LocalAddr().Port()) }

// SetDirection sets the SDP direction attribute: sendrecv, sendonly (a
// recording client forking media), recvonly or inactive.
func (p *Party) SetDirection(dir string) { p.dir = dir }

// SDP is the party's offer or answer: one audio line with its codec and
// telephone-event, its RTCP port, the party's direction, ptime codecs.FrameMs.
func (p *Party) SDP(version int) []byte {
	name := map[uint8]string{0: "PCMU", 8: "PCMA"}[p.pt]
	proto := "RTP/AVP"
	if p.srtp != nil {
		proto = "RTP/SAVP"
	}
	return []byte(fmt.Sprintf("v=0\r\no=party %d %d IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"+
		"m=audio %d %s %d 101\r\na=rtpmap:%d %s/8000\r\na=rtpmap:101 telephone-event/8000\r\n"+
		"a=fmtp:101 0-15\r\na=ptime:%d\r\na=rtcp:%d\r\na=%s\r\n%s",
		p.ssrc, version, p.Port(), proto, p.pt, p.pt, name, codecs.FrameMs, p.RTCPPort(), p.dir, p.cryptoLine()))
}

// SetRemote sets where the party sends (the MCP's port from SDP).
func (p *Party) SetRemote(a netip.AddrPort) {
	p.mu.Lock()
	p.remote = a
	p.mu.Unlock()
}

// SetSSRC changes the party's SSRC (a transfer to another phone).
func (p *Party) SetSSRC(ssrc uint32) { p.ssrc = ssrc }

// SendFrame sends one packet carrying payload (at most 1024 bytes); its
// length in samples advances the timestamp. Not safe for concurrent use with
// itself; it does not allocate.
func (p *Party) SendFrame(payload []byte, marker bool) error {
	p.mu.Lock()
	dst := p.remote
	p.mu.Unlock()
	h := rtp.Header{Version: 2, PayloadType: p.pt, SequenceNumber: p.seq, Timestamp: p.ts, SSRC: p.ssrc, Marker: marker}
	n, err := h.MarshalTo(p.out[:])
	if err != nil {
		return err
	}
	n += copy(p.out[n:n+min(len(payload), 1024)], payload)
	p.seq++
	p.ts += uint32(len(payload))
	b, err := p.protect(n)
	if err != nil {
		return err
	}
	return p.conn.SendTo(b, dst)
}

// Skip advances sequence and timestamp as if a packet of n samples had been
// sent (a loss on the way).
func (p *Party) Skip(n int) {
	p.seq++
	p.ts += uint32(n)
}

func (p *Party) pollEveryMillisecond() {
	t := time.NewTicker(time.Millisecond)
	defer t.Stop()
	for {
		select {
		case <-p.stop:
			return
		case <-t.C:
			p.Poll()
		}
	}
}

// rtcpEvery is how many Polls pass between looks at the RTCP socket:
// reports come every few seconds, and a load Party is polled every 20 ms.
const rtcpEvery = 50

// Poll takes every packet waiting on the party's RTP socket and, every
// rtcpEvery calls, counts what waits on its RTCP socket. It never blocks.
func (p *Party) Poll() {
	p.pollMu.Lock()
	defer p.pollMu.Unlock()
	if p.polls%rtcpEvery == 0 {
		p.drainRTCP()
	}
	p.polls++
	for {
		n, err := p.conn.RecvBatch(p.batch)
		if err != nil {
			return
		}
		for _, m := range p.batch.Msgs[:n] {
			b, ok := p.unprotect(m.Buf)
			if !ok {
				continue
			}
			at := m.Stamp
			if at.IsZero() {
				at = time.Now()
			}
			p.count(at)
			if p.keep {
				p.store(b)
			}
		}
		if n < udpsock.BatchSize {
			return
		}
	}
}

// drainRTCP counts the datagrams waiting on the RTCP socket; the caller
// holds pollMu.
func (p *Party) drainRTCP() {
	for {
		n, err := p.rtcp.RecvBatch(p.rtcpBatch)
		if err != nil || n == 0 {
			return
		}
		p.mu.Lock()
		p.stats.RTCP += int64(n)
		p.mu.Unlock()
		if n < udpsock.BatchSize {
			return
		}
	}
}

// count adds one packet that arrived at now. Arrival stamps are the
// kernel's when it gives one, else time.Now, so a packet can look older
// than the one before it: its gap counts as 0 and the later time is kept.
func (p *Party) count(now time.Time) {
	p.mu.Lock()
	defer p.mu.Unlock()
	s := &p.stats
	if s.Packets > 0 {
		gap := max(0, int(now.Sub(s.last)/time.Millisecond))
		s.Spacing[min(gap, len(s.Spacing)-1)]++
	}
	s.Packets++
	if now.After(s.last) {
		s.last = now
	}
}

func (p *Party) store(b []byte) {
	var pkt rtp.Packet
	if pkt.Unmarshal(append([]byte(nil), b...)) != nil {
		return
	}
	p.mu.Lock()
	p.received = append(p.received, Packet{Arrival: p.stats.last, Header: pkt.Header, Payload: pkt.Payload})
	p.mu.Unlock()
}

// Stats returns what the party received so far.
func (p *Party) Stats() RecvStats {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.stats
}

// Received returns a copy of the packets received so far.
func (p *Party) Received() []Packet {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]Packet(nil), p.received...)
}

// Close stops polling and closes the sockets. Call it once.
func (p *Party) Close() error {
	if p.stop != nil {
		close(p.stop)
		p.wg.Wait()
	}
	return errors.Join(p.conn.Close(), p.rtcp.Close())
}

// Remote returns where the party sends.
func (p *Party) Remote() netip.AddrPort {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.remote
}
