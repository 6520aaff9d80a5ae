package sdp

import (
	"strconv"
	"strings"

	"github.com/pion/sdp/v3"
)

// Codec is an RTP audio payload format: its payload type and its rtpmap
// encoding name and clock rate.
type Codec struct {
	PT        uint8
	Name      string // as we write it, e.g. "PCMU"; matched case-insensitively
	ClockRate int
}

// The codecs Reel decodes today (RFC 3551 static payload types). G.722's
// RTP clock rate is 8000 although it samples at 16 kHz (RFC 3551 §4.5.2);
// Reel only receives it (recorder legs, codecs/g722).
var (
	PCMU = Codec{PT: 0, Name: "PCMU", ClockRate: 8000}
	PCMA = Codec{PT: 8, Name: "PCMA", ClockRate: 8000}
	G722 = Codec{PT: 9, Name: "G722", ClockRate: 8000}
)

// DefaultCodecs is the preference order used when Local.Codecs is empty.
var DefaultCodecs = []Codec{PCMU, PCMA}

const (
	eventName      = "telephone-event"
	eventRate      = 8000
	defaultEventPT = 101
	// ourEvents is the RFC 4733 events we understand: DTMF 0–9 * # A–D (0–15)
	// and flash (16).
	ourEvents eventSet = 1<<17 - 1
	// defaultEvents is what an offer without fmtp means (RFC 4733 §2.4.1).
	defaultEvents eventSet = 1<<16 - 1
)

// staticPT is the RFC 3551 table for static audio payload types that may come
// without an a=rtpmap line.
var staticPT = map[uint8]Codec{
	0: PCMU, 3: {3, "GSM", 8000}, 4: {4, "G723", 8000}, 8: PCMA,
	9: G722, 18: {18, "G729", 8000},
}

// rtpmap is one payload type of an m-line as its writer described it.
type rtpmap struct {
	Codec
	channels int
}

// formats returns every payload type of an RTP m-line with its rtpmap (or the
// static table's entry), in the m-line's order. Non-numeric formats and
// dynamic types without rtpmap are skipped; a repeated rtpmap keeps the first.
func formats(md *sdp.MediaDescription) []rtpmap {
	maps := make(map[uint8]rtpmap)
	for _, a := range md.Attributes {
		if strings.EqualFold(a.Key, "rtpmap") {
			m, ok := parseRtpmap(a.Value)
			if _, dup := maps[m.PT]; ok && !dup {
				maps[m.PT] = m
			}
		}
	}
	out := make([]rtpmap, 0, len(md.MediaName.Formats))
	for _, f := range md.MediaName.Formats {
		pt, ok := parsePT(f)
		if !ok {
			continue
		}
		if m, ok := maps[pt]; ok {
			out = append(out, m)
		} else if c, ok := staticPT[pt]; ok {
			out = append(out, rtpmap{Codec: c, channels: 1})
		}
	}
	return out
}

// parseRtpmap reads "<pt> <name>/<rate>[/<channels>]".
func parseRtpmap(v string) (rtpmap, bool) {
	ptStr, enc, ok := strings.Cut(strings.TrimSpace(v), " ")
	pt, ptOK := parsePT(ptStr)
	if !ok || !ptOK {
		return rtpmap{}, false
	}
	parts := strings.Split(strings.TrimSpace(enc), "/")
	if len(parts) < 2 || len(parts) > 3 || parts[0] == "" {
		return rtpmap{}, false
	}
	rate, err := strconv.Atoi(parts[1])
	if err != nil || rate <= 0 {
		return rtpmap{}, false
	}
	m := rtpmap{Codec: Codec{PT: pt, Name: parts[0], ClockRate: rate}, channels: 1}
	if len(parts) == 3 {
		if m.channels, err = strconv.Atoi(parts[2]); err != nil {
			return rtpmap{}, false
		}
	}
	return m, true
}

func parsePT(s string) (uint8, bool) {
	n, err := strconv.ParseUint(s, 10, 8)
	return uint8(n), err == nil && n < 128
}

// same reports whether an offered format is codec c (mono, same name and rate).
func (m rtpmap) same(c Codec) bool {
	return m.channels == 1 && m.ClockRate == c.ClockRate && strings.EqualFold(m.Name, c.Name)
}

func (m rtpmap) isEvent() bool {
	return m.same(Codec{Name: eventName, ClockRate: eventRate})
}

// pickCodec returns the first format (the writer's order) that is one of ours,
// with the writer's payload type and our spelling of the name.
func pickCodec(fs []rtpmap, ours []Codec) (Codec, bool) {
	for _, f := range fs {
		for _, c := range ours {
			if f.same(c) {
				return Codec{PT: f.PT, Name: c.Name, ClockRate: c.ClockRate}, true
			}
		}
	}
	return Codec{}, false
}

// pickEvents returns the payload type of telephone-event/8000 and the events
// both sides understand; pt is -1 when there is none in common.
func pickEvents(md *sdp.MediaDescription, fs []rtpmap) (pt int, events eventSet) {
	for _, f := range fs {
		if !f.isEvent() {
			continue
		}
		events = defaultEvents
		if v, ok := fmtp(md, f.PT); ok {
			events = parseEvents(v)
		}
		if events &= ourEvents; events != 0 {
			return int(f.PT), events
		}
	}
	return -1, 0
}

// fmtp returns the format parameters of payload type pt.
func fmtp(md *sdp.MediaDescription, pt uint8) (string, bool) {
	for _, a := range md.Attributes {
		if !strings.EqualFold(a.Key, "fmtp") {
			continue
		}
		p, params, ok := strings.Cut(strings.TrimSpace(a.Value), " ")
		if n, okPT := parsePT(p); ok && okPT && n == pt {
			return strings.TrimSpace(params), true
		}
	}
	return "", false
}
