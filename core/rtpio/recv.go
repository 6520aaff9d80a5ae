package rtpio

import (
	"errors"
	"net"
	"net/netip"
	"time"
)

// socket says which of the pair's sockets a datagram arrived on.
type socket uint8

const (
	rtpSocket socket = iota
	rtcpSocket
)

// maxDatagram is the largest datagram accepted; the receive buffer holds
// one more byte so that a larger one is seen (and dropped) rather than
// silently truncated.
const maxDatagram = 2048

// maxReadFailures ends a receive loop whose socket keeps failing for a
// reason other than being closed, instead of spinning on it.
const maxReadFailures = 100

// readLoop receives on conn until it is closed. It runs on its own
// goroutine and owns its buffer and datagram.
func (s *Session) readLoop(conn *net.UDPConn, on socket) {
	defer s.wg.Done()
	buf := make([]byte, maxDatagram+1)
	d := newDatagram()
	fails := 0
	for {
		n, src, err := conn.ReadFromUDPAddrPort(buf)
		if err != nil {
			fails++
			if errors.Is(err, net.ErrClosed) || fails >= maxReadFailures {
				s.stopReading(on, err)
				return
			}
			continue
		}
		fails = 0
		s.dispatch(on, buf[:n], unmap(src), time.Now(), d)
	}
}

func (s *Session) stopReading(on socket, err error) {
	if !errors.Is(err, net.ErrClosed) {
		s.log.Error("rtp socket failing, receiving stopped", "socket", on.String(), "err", err)
	}
}

func (o socket) String() string {
	if o == rtcpSocket {
		return "rtcp"
	}
	return "rtp"
}

// dispatch handles one datagram that arrived on socket `on` from src.
func (s *Session) dispatch(on socket, b []byte, src netip.AddrPort, arrival time.Time, d *datagram) {
	if len(b) > maxDatagram {
		s.stats.malformed.Add(1)
		return
	}
	d.parse(b)
	switch {
	case d.kind == kindRTP && on == rtpSocket:
		s.receiveRTP(d, src, arrival)
	case d.kind == kindRTCP:
		s.receiveRTCP(on, d, src, arrival)
	default:
		s.stats.malformed.Add(1)
	}
}

// receiveRTP applies latching and hands the packet to the Sink.
func (s *Session) receiveRTP(d *datagram, src netip.AddrPort, arrival time.Time) {
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
	if ref := s.sink.Load(); ref.Sink != nil {
		ref.Push(&d.rtp, arrival)
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
