package sdp

import (
	"fmt"
	"math/rand/v2"
	"net/netip"

	"github.com/reel-project/reel/core/sdes"
)

// Packet times we accept and the one we use when nobody says (RFC 3551 §4.5).
const (
	minPtime     = 10
	maxPtime     = 30
	defaultPtime = 20
)

// Local is our side of one leg's stream. The zero values of Codecs, EventPT
// and PtimeMs mean the defaults.
type Local struct {
	Addr netip.Addr // c= and o= address; RTP goes to Port, RTCP to Port+1
	Port int

	// Codecs in our order of preference for offers; in answers the offerer's
	// order decides among them. Empty: DefaultCodecs (PCMU, PCMA).
	Codecs []Codec
	// EventPT is the telephone-event payload type we offer: 0 means 101, -1
	// means no RFC 4733 events at all (neither offered nor accepted).
	EventPT int
	// PtimeMs is the packet time we offer, and assume when an offer has none.
	// 0 means 20.
	PtimeMs int
	// SessionID and Version go into o=. Keep SessionID for the dialog; bump
	// Version by one for each description that differs from the previous one,
	// and keep it when re-sending an unchanged one (RFC 3264 §8).
	SessionID, Version uint64

	// SRTP is the policy; Keys our SRTP master keys, one per suite
	// (sdes.NewKeys), needed unless SRTP is SRTPOff. Make fresh ones for
	// every new offer or answer: a re-INVITE re-keys (RFC 4568 §7.1.4).
	SRTP SRTP
	Keys []sdes.Crypto
}

// NewSessionID returns a random o= session id, below 2^63 so that peers
// reading it as a signed number cope.
func NewSessionID() uint64 { return rand.Uint64() >> 1 }

// Validate reports an unusable Local (ErrLocal): no address, a port outside
// 1–65534, a packet time outside 10–30 ms, a bad payload type. Answer and
// ParseAnswer check it too; MakeOffer returns nil for an invalid Local.
func (l Local) Validate() error {
	_, err := l.withDefaults()
	return err
}

// withDefaults fills the zero values and validates the result.
func (l Local) withDefaults() (Local, error) {
	if len(l.Codecs) == 0 {
		l.Codecs = DefaultCodecs
	}
	if l.EventPT == 0 {
		l.EventPT = defaultEventPT
	}
	if l.PtimeMs == 0 {
		l.PtimeMs = defaultPtime
	}
	return l, l.validate()
}

func (l Local) validate() error {
	switch {
	case !l.Addr.IsValid() || l.Addr.Zone() != "":
		return fmt.Errorf("%w: address %q", ErrLocal, l.Addr)
	case l.Port < 1 || l.Port > 65534:
		return fmt.Errorf("%w: port %d, want 1–65534", ErrLocal, l.Port)
	case l.PtimeMs < minPtime || l.PtimeMs > maxPtime:
		return fmt.Errorf("%w: ptime %d ms, want %d–%d", ErrLocal, l.PtimeMs, minPtime, maxPtime)
	case l.EventPT < -1 || l.EventPT > 127:
		return fmt.Errorf("%w: telephone-event payload type %d", ErrLocal, l.EventPT)
	case l.SRTP > SRTPRequired || l.SRTP != SRTPOff && len(l.Keys) == 0:
		return fmt.Errorf("%w: srtp %v with %d keys", ErrLocal, l.SRTP, len(l.Keys))
	}
	return l.validateCodecs()
}

func (l Local) validateCodecs() error {
	for _, c := range l.Codecs {
		if c.PT > 127 || c.ClockRate <= 0 || !isToken(c.Name) || int(c.PT) == l.EventPT {
			return fmt.Errorf("%w: codec %+v (telephone-event %d)", ErrLocal, c, l.EventPT)
		}
	}
	return nil
}
