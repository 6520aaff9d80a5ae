package sdp

import (
	"fmt"
	"math"
	"net/netip"
	"strconv"
	"strings"

	"github.com/pion/sdp/v3"
)

// Media is the negotiated stream as the remote described it.
type Media struct {
	Addr     netip.Addr // c=, media level over session level; 0.0.0.0 is legacy hold
	Port     int        // where to send RTP
	RTCPAddr netip.Addr // a=rtcp if given, else Addr
	RTCPPort int        // a=rtcp if given, else Port+1; 0: none
	Codec    Codec      // with the payload type the remote wrote
	EventPT  int        // the remote's telephone-event/8000 payload type, -1 for none
	PtimeMs  int        // packet time both sides use, 10–30

	// Direction is the remote's, as it declared it, with a c=0.0.0.0 taking
	// away its receive side (RFC 3264 §8.4): Sends() means expect RTP from it,
	// Receives() means it wants ours (if our own direction lets us send).
	Direction Direction

	// Proto is the m-line's RTP profile as we answer it (RTP/AVP, RTP/SAVP,
	// RTP/AVPF, RTP/SAVPF); SRTP the keys when the stream is secure.
	Proto string
	SRTP  Keys
}

// OnHold reports whether the remote does not want our media (sendonly,
// inactive, or a legacy c=0.0.0.0).
func (m Media) OnHold() bool { return !m.Direction.Receives() }

// usable reports whether m-line i is an enabled RTP audio stream (any of
// rtpProtos; whether the SRTP policy takes it is describe's business).
func (s *session) usable(i int) bool {
	l := s.lines[i]
	return strings.EqualFold(l.media, "audio") && s.proto(i) != "" &&
		s.desc.MediaDescriptions[i].MediaName.Port.Value != 0
}

// proto is m-line i's RTP profile in our spelling, "" for another one.
func (s *session) proto(i int) string {
	for _, p := range rtpProtos {
		if strings.EqualFold(s.lines[i].proto, p) {
			return p
		}
	}
	return ""
}

// describe reads m-line i as the remote's side of the stream, negotiated
// against l: the codec (first of the remote's that is ours), events, address,
// RTCP, packet time and direction. It also returns the events both understand.
func (s *session) describe(i int, l Local, answer bool) (Media, eventSet, error) {
	md := s.desc.MediaDescriptions[i]
	fs := formats(md)
	codec, ok := pickCodec(fs, l.Codecs)
	if !ok {
		return Media{}, 0, fmt.Errorf("%w: m-line %d offers %v", ErrNoCommonCodec, i, md.MediaName.Formats)
	}
	m := Media{Codec: codec, Port: md.MediaName.Port.Value, EventPT: -1, Proto: s.proto(i)}
	var err error
	if answer {
		m.SRTP, err = answeredKeys(md, l)
	} else {
		m.SRTP, err = offeredKeys(md, m.Proto, l)
	}
	if err != nil {
		return Media{}, 0, fmt.Errorf("m-line %d: %w", i, err)
	}
	var events eventSet
	if l.EventPT >= 0 {
		m.EventPT, events = pickEvents(md, fs)
	}
	if m.Addr, err = s.addr(i); err != nil {
		return Media{}, 0, err
	}
	m.RTCPAddr, m.RTCPPort = rtcp(md, m.Addr, m.Port)
	if m.PtimeMs, err = s.ptime(md, l.PtimeMs); err != nil {
		return Media{}, 0, err
	}
	m.Direction = s.direction(md)
	if m.Addr.IsUnspecified() {
		m.Direction = m.Direction.and(SendOnly)
	}
	return m, events, nil
}

// addr is m-line i's connection address: media level, else session level.
func (s *session) addr(i int) (netip.Addr, error) {
	c := s.desc.MediaDescriptions[i].ConnectionInformation
	if c == nil {
		c = s.desc.ConnectionInformation
	}
	if c == nil || c.Address == nil {
		return netip.Addr{}, fmt.Errorf("%w: m-line %d has no c= line", ErrMalformed, i)
	}
	a, _, _ := strings.Cut(c.Address.Address, "/") // drop a multicast /ttl
	addr, err := netip.ParseAddr(a)
	if err != nil || addr.Zone() != "" {
		return netip.Addr{}, fmt.Errorf("%w: m-line %d connection address %.60q is not an IP address", ErrMalformed, i, a)
	}
	if addr.IsMulticast() {
		return netip.Addr{}, fmt.Errorf("%w: m-line %d is multicast (%v)", ErrNoAudio, i, addr)
	}
	return addr.Unmap(), nil
}

// rtcp reads a=rtcp:<port> [IN IP4|IP6 <addr>] (RFC 3605); anything
// unreadable means the RFC 3550 default, the next port up (0, no RTCP, above
// port 65535).
func rtcp(md *sdp.MediaDescription, addr netip.Addr, port int) (netip.Addr, int) {
	next := port + 1
	if next > 65535 {
		next = 0
	}
	v, _ := attr(md.Attributes, "rtcp")
	f := strings.Fields(v)
	if len(f) == 0 {
		return addr, next
	}
	p, err := strconv.Atoi(f[0])
	if err != nil || p < 1 || p > 65535 {
		return addr, next
	}
	if len(f) == 4 && strings.EqualFold(f[1], "IN") {
		if a, err := netip.ParseAddr(f[3]); err == nil && a.Zone() == "" {
			return a.Unmap(), p
		}
	}
	return addr, p
}

// ptime is a=ptime (media level, else session level, else def), bounded by
// a=maxptime, and must be 10–30 ms.
func (s *session) ptime(md *sdp.MediaDescription, def int) (int, error) {
	p := def
	if v, ok := s.attr(md, "ptime"); ok {
		p = parseMs(v, p)
	}
	if v, ok := s.attr(md, "maxptime"); ok {
		p = min(p, parseMs(v, p))
	}
	if p < minPtime || p > maxPtime {
		return 0, fmt.Errorf("%w: %d ms, want %d–%d", ErrBadPtime, p, minPtime, maxPtime)
	}
	return p, nil
}

// parseMs reads a millisecond count such as "20" or "20.0"; def if unreadable.
func parseMs(v string, def int) int {
	f, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
	if err != nil || f <= 0 || f > 1e6 || math.IsNaN(f) {
		return def
	}
	return int(math.Round(f))
}

// direction is the last direction attribute at media level, else at session
// level, else sendrecv.
func (s *session) direction(md *sdp.MediaDescription) Direction {
	for _, attrs := range [][]sdp.Attribute{md.Attributes, s.desc.Attributes} {
		d, found := SendRecv, false
		for _, a := range attrs {
			if v, ok := parseDirection(a.Key); ok {
				d, found = v, true
			}
		}
		if found {
			return d
		}
	}
	return SendRecv
}

// attr is the media-level attribute key, else the session-level one.
func (s *session) attr(md *sdp.MediaDescription, key string) (string, bool) {
	if v, ok := attr(md.Attributes, key); ok {
		return v, ok
	}
	return attr(s.desc.Attributes, key)
}

// attr is the first attribute named key (any case), value trimmed.
func attr(attrs []sdp.Attribute, key string) (string, bool) {
	for _, a := range attrs {
		if strings.EqualFold(a.Key, key) {
			return strings.TrimSpace(a.Value), true
		}
	}
	return "", false
}
