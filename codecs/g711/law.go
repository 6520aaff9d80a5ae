package g711

import (
	"strconv"

	"github.com/reel-project/reel/codecs"
)

// FrameBytes is one frame (codecs.FrameMs) of G.711: a byte per sample.
const FrameBytes = codecs.FrameSamples

// Law is a G.711 companding law. Its zero value is MuLaw.
type Law uint8

// The two G.711 laws.
const (
	MuLaw Law = iota // µ-law, North America and Japan, RTP PCMU
	ALaw             // A-law, the rest of the world, RTP PCMA
)

// RTP static payload types (RFC 3551, table 4).
const (
	payloadPCMU uint8 = 0
	payloadPCMA uint8 = 8
)

// PayloadType returns the static RTP payload type of l: 0 for PCMU, 8 for PCMA.
func (l Law) PayloadType() uint8 {
	if l.mustBeValid() == ALaw {
		return payloadPCMA
	}
	return payloadPCMU
}

// Silence returns the code for digital silence: 0xFF in µ-law (decodes to 0)
// and 0xD5 in A-law (decodes to +8, the A-law idle pattern; A-law has no zero).
func (l Law) Silence() byte {
	if l.mustBeValid() == ALaw {
		return 0xD5
	}
	return 0xFF
}

// String returns the RTP encoding name, "PCMU" or "PCMA".
func (l Law) String() string {
	switch l {
	case MuLaw:
		return "PCMU"
	case ALaw:
		return "PCMA"
	}
	return "Law(" + strconv.Itoa(int(l)) + ")"
}

// LawForPayloadType returns the Law of a static RTP payload type; ok is false
// for every payload type other than 0 and 8.
func LawForPayloadType(pt uint8) (l Law, ok bool) {
	switch pt {
	case payloadPCMU:
		return MuLaw, true
	case payloadPCMA:
		return ALaw, true
	}
	return 0, false
}

// mustBeValid returns l, or panics when l is neither MuLaw nor ALaw: a Law
// comes from code, never from the wire, so an unknown one is a programming error.
func (l Law) mustBeValid() Law {
	if l > ALaw {
		panic("g711: unknown " + l.String())
	}
	return l
}
