// Package rtpio moves one call leg's RTP and RTCP between its UDP sockets
// and the rest of the media path.
//
// Start here: allocate a portalloc.Pair, call NewSession with the leg's
// Config, then on every tick of the conference clock call Poll with the
// leg's Sink (its jitter buffer: Poll pushes what arrived straight into it),
// Send with the leg's encoded frame and MaybeSendRTCP; call SetRemote and
// SetPayloadType when SDP changes, and Close when the leg ends.
//
// A Session has no goroutine of its own: its sockets (core/udpsock) are
// kept out of the Go netpoller, and Poll takes the waiting datagrams with
// one recvmmsg, each with the kernel's arrival time, parses them into one
// reused rtp.Packet (RFC 3550, with RTP and RTCP demultiplexed on the RTP
// socket per RFC 5761 §4) and hands RTP to the Sink; malformed datagrams
// are counted and dropped. Symmetric RTP (latching, RFC 4961) sends to
// where the peer's packets come from and drops other sources. RTCP reports
// (RFC 3550 §6.4) are sent when the clock's MaybeSendRTCP finds them due, so
// there is no timer per call. Neither Poll nor Send allocates per packet.
//
// SRTP (srtp.go): SetSRTP gives the session SDES keys (core/sdes). Send and
// the RTCP reports are then protected in their own buffers, in place; Poll
// drops a datagram from a source the latch refuses before any cryptography,
// unprotects the rest into its pooled scratch buffer (authentication and
// replay check first, RFC 3711 §3.3) and only then parses and latches, so a
// packet under the wrong key never latches nor reaches the Sink. A re-key
// keeps the previous receive context until the new key opens a packet.
package rtpio
