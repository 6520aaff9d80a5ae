package rtpio

import (
	"errors"
	"net"
	"net/netip"
	"sync"
	"time"

	"github.com/pion/rtp"

	"github.com/reel-project/reel/core/udpsock"
)

// socket says which of the pair's sockets a datagram arrived on.
type socket uint8

const (
	rtpSocket socket = iota
	rtcpSocket
)

// maxDatagram is the largest datagram accepted; a larger one is counted as
// malformed and dropped rather than handled truncated.
const maxDatagram = udpsock.MaxDatagram

// maxBatches bounds the work of one Poll per socket: BatchSize datagrams a
// batch. A leg sends one packet per 20 ms; whatever floods beyond this
// waits in the kernel's queue, which drops the excess.
const maxBatches = 4

// rtcpPollInterval is how often Poll looks at the RTCP socket: reports come
// every few seconds and carry their kernel arrival time, so reading them
// late costs nothing but saves a system call on most ticks.
const rtcpPollInterval = 100 * time.Millisecond

// maxAge is the longest a datagram is believed to have waited in the
// kernel; a larger age means the wall clock stepped.
const maxAge = 2 * time.Second

// scratch is the memory of one Poll: a receive batch and a parsed datagram.
type scratch struct {
	batch  udpsock.Batch
	d      *datagram
	secure *secureScratch
}

var scratchPool = sync.Pool{New: func() any { return newScratch() }}

func newScratch() *scratch {
	sc := &scratch{d: newDatagram(), secure: &secureScratch{}}
	sc.secure.rtpHdr.CSRC = make([]uint32, 0, 15)
	sc.secure.rtpHdr.Extensions = make([]rtp.Extension, 0, 8)
	return sc
}

// Poll takes every datagram waiting on the session's sockets (the RTCP one
// at most every 100 ms), parses it and hands RTP to sink, on the caller's
// goroutine. The conference clock calls it once a tick for each leg with
// the leg's jitter buffer as sink, just before it pops that buffer; now is
// the tick's time. A nil sink (no buffer before the first SDP exchange)
// counts the packets and drops them. Arrival times come from the kernel.
// Poll never blocks and does not allocate; after Close it does nothing.
func (s *Session) Poll(now time.Time, sink Sink) {
	sc := scratchPool.Get().(*scratch)
	defer scratchPool.Put(sc)
	s.poll(s.pair.RTP, rtpSocket, now, sc, sink)
	if last := s.rtcpPolled.Load(); now.UnixNano()-last >= int64(rtcpPollInterval) || now.UnixNano() < last {
		s.rtcpPolled.Store(now.UnixNano())
		s.poll(s.pair.RTCP, rtcpSocket, now, sc, sink)
	}
}

func (s *Session) poll(conn *udpsock.Socket, on socket, now time.Time, sc *scratch, sink Sink) {
	for range maxBatches {
		n, err := conn.RecvBatch(&sc.batch)
		if err != nil {
			s.readFailed(on, err)
			return
		}
		for i := range n {
			m := &sc.batch.Msgs[i]
			if m.Truncated {
				s.stats.malformed.Add(1)
				continue
			}
			s.dispatch(on, m.Buf, m.Src, arrival(now, m.Stamp), sc, sink)
		}
		if n < udpsock.BatchSize {
			return
		}
	}
}

// arrival is the kernel's receive time as an offset from now, so that it
// keeps now's monotonic clock reading.
func arrival(now, stamp time.Time) time.Time {
	if stamp.IsZero() {
		return now
	}
	age := now.Sub(stamp) // wall clock: stamp has no monotonic reading
	if age < 0 || age > maxAge {
		return now
	}
	return now.Add(-age)
}

// readFailed logs the first failure of a socket other than its closing.
func (s *Session) readFailed(on socket, err error) {
	if errors.Is(err, net.ErrClosed) {
		return
	}
	s.stats.recvErrors.Add(1)
	if s.readErrLogged.CompareAndSwap(false, true) {
		s.log.Error("rtp socket receive failing", "socket", on.String(), "err", err)
	}
}

func (o socket) String() string {
	if o == rtcpSocket {
		return "rtcp"
	}
	return "rtp"
}

// dispatch handles one datagram that arrived on socket `on` from src,
// handing RTP to sink.
func (s *Session) dispatch(on socket, b []byte, src netip.AddrPort, arrival time.Time, sc *scratch, sink Sink) {
	if len(b) > maxDatagram {
		s.stats.malformed.Add(1)
		return
	}
	if k := s.srx.Load(); k != nil {
		var ok bool
		if b, ok = s.unprotect(k, on, b, src, sc.secure); !ok {
			return
		}
	}
	d := sc.d
	d.parse(b)
	switch {
	case d.kind == kindRTP && on == rtpSocket:
		s.receiveRTP(d, src, arrival, sink)
	case d.kind == kindRTCP:
		s.receiveRTCP(on, d, src, arrival)
	default:
		s.stats.malformed.Add(1)
	}
}

// receiveRTP applies latching and hands the packet to sink.
func (s *Session) receiveRTP(d *datagram, src netip.AddrPort, arrival time.Time, sink Sink) {
	ok, latched := s.rtpLatch.admit(src, true)
	if !ok {
		s.stats.foreign.Add(1)
		return
	}
	if latched {
		s.log.Info("rtp peer latched", "peer", src.String())
	}
	s.stats.packetsReceived.Add(1)
	s.stats.octetsReceived.Add(uint64(len(d.rtp.Payload)))
	s.rx.remoteSSRC.Store(d.rtp.SSRC)
	if sink != nil {
		sink.Push(&d.rtp, arrival)
	}
}

// receiveRTCP counts an RTCP compound and keeps its sender report. RTCP on
// the RTP socket (mux) is checked against the RTP latch but never latches
// it: only RTP does.
func (s *Session) receiveRTCP(on socket, d *datagram, src netip.AddrPort, arrival time.Time) {
	l, learn := &s.rtcpLatch, true
	if on == rtpSocket {
		l, learn = &s.rtpLatch, false
	}
	ok, latched := l.admit(src, learn)
	if !ok {
		s.stats.foreign.Add(1)
		return
	}
	if latched {
		s.log.Debug("rtcp peer latched", "peer", src.String())
	}
	s.stats.rtcpReceived.Add(1)
	if d.hasSR {
		s.rx.recordSR(d.sr, arrival)
	}
}
