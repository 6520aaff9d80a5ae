package sipua

import (
	"errors"
	"math"
	"net"
	"syscall"
	"unicode/utf8"

	"github.com/emiago/sipgo/sip"

	"github.com/reel-project/reel/core/logging"
)

// MaxDatagram is the largest UDP payload over IPv4 (65,535 − 20 − 8): every
// UDP request up to it is read whole, and every response up to it is sent,
// fragmented by IP if need be (RFC 3261 §18.1.1 asks congestion control of
// large requests only). A larger response cannot be a datagram: it is
// replaced by 513. See decision 0033.
const MaxDatagram = 65507

// init changes two package variables of sipgo, before any transport runs:
//   - TransportBufferReadSize (32 KiB) cuts larger datagrams, so a 40 KB
//     request was parsed from its first 32 KiB and dropped unanswered;
//   - UDPMTUSize−200 (1,300 bytes) is the size over which sipgo refuses to
//     send any UDP message (ErrUDPMTUCongestion), so large responses were
//     never sent at all.
func init() {
	sip.TransportBufferReadSize = math.MaxUint16
	sip.UDPMTUSize = MaxDatagram + 200
}

// readFilter sees every message before sipgo parses it. A UDP datagram
// sipgo cannot parse is dropped by sipgo without an answer and logged at
// Error with all its bytes; here it is logged at Info, briefly and at most
// a few times a minute per source address, and answered 400 when it is a
// request with enough headers to route a response (a Content-Length larger
// than the datagram included, RFC 3261 §18.3). The parse is done twice for
// a good datagram: sipgo offers no hook after its own.
func (u *UA) readFilter(p sip.TransportReadProps, data []byte) ([]byte, error) {
	if u.cfg.Gate != nil && p.Transport != "UDP" && u.cfg.Gate.Drop(p.Transport, p.RemoteAddr) {
		return nil, nil
	}
	if u.cfg.Gate != nil && p.Transport == "UDP" && !u.screen(p.RemoteAddr, data) {
		return nil, nil
	}
	if p.Transport != "UDP" {
		return data, nil // a stream's framing is sipgo's; see logging.SIPStack
	}
	msg, err := u.parser.ParseSIP(data)
	if err == nil {
		return data, nil
	}
	u.malformed(p.RemoteAddr, data, msg, err)
	return nil, nil
}

// malformed logs an unparseable datagram and answers it if it can.
func (u *UA) malformed(src net.Addr, data []byte, msg sip.Message, perr error) {
	req, _ := msg.(*sip.Request)
	status := 0
	if answerable(req) {
		status = 400
	}
	if ok, suppressed := u.wireLog.Allow(hostOf(src)); ok {
		u.log.Info("sip datagram unparseable", "source", src.String(), "bytes", len(data),
			"prefix", logging.Prefix(data), "error", perr, "status", status, "suppressed", suppressed)
	}
	if status == 0 {
		return
	}
	reason := "Bad Request"
	if errors.Is(perr, sip.ErrParseReadBodyIncomplete) || errors.Is(perr, sip.ErrMessageTooLarge) {
		reason = "Content-Length Exceeds Datagram"
	}
	req.SetTransport("UDP")
	req.SetSource(src.String())
	res := u.response(req, status, reason, nil)
	if _, err := u.udp.WriteTo([]byte(res.String()), src); err != nil {
		u.log.Warn("sip response not sent", "call_id", callID(req), "status", status, "error", err)
	}
}

// answerable reports whether req carries what a response needs to be
// routed and matched: Via, From, To, Call-ID and CSeq; ACK is never answered.
func answerable(req *sip.Request) bool {
	return req != nil && !req.IsAck() && req.Via() != nil && req.From() != nil &&
		req.To() != nil && req.CallID() != nil && req.CSeq() != nil
}

func hostOf(a net.Addr) string {
	if host, _, err := net.SplitHostPort(a.String()); err == nil {
		return host
	}
	return a.String()
}

// tooBig reports whether a send failed because the message cannot be one
// datagram.
func tooBig(err error) bool {
	return errors.Is(err, sip.ErrUDPMTUCongestion) || errors.Is(err, syscall.EMSGSIZE)
}

// truncate cuts s to at most n bytes on a UTF-8 boundary.
func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}
