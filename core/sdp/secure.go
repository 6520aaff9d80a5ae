package sdp

import (
	"errors"
	"fmt"
	"strings"

	"github.com/pion/sdp/v3"

	"github.com/reel-project/reel/core/sdes"
)

// SRTP is a leg's policy for secure media (RFC 3711 SRTP keyed with RFC 4568
// SDES): a profile's srtp setting.
type SRTP uint8

const (
	// SRTPOff refuses secure streams (RFC 3264 §6: port 0; 488 when none is
	// left) and ignores a=crypto on RTP/AVP lines. The zero value.
	SRTPOff SRTP = iota
	// SRTPOptional answers RTP/SAVP offers (and RTP/AVP ones with a=crypto)
	// with SRTP and plain RTP/AVP offers with plain RTP; our own offers are
	// plain RTP/AVP. A profile's default.
	SRTPOptional
	// SRTPRequired refuses plain RTP streams (488 when none is left) and
	// offers RTP/SAVP.
	SRTPRequired
)

// SRTPPolicies are the names ParseSRTP accepts, in SRTP order ("" is
// optional).
var SRTPPolicies = []string{"off", "optional", "required"}

// ParseSRTP reads a policy name; "" means optional.
func ParseSRTP(s string) (SRTP, error) {
	if s == "" {
		return SRTPOptional, nil
	}
	for i, n := range SRTPPolicies {
		if strings.EqualFold(s, n) {
			return SRTP(i), nil
		}
	}
	return 0, fmt.Errorf("%w: srtp policy %q, want one of %v", ErrLocal, s, SRTPPolicies)
}

func (p SRTP) String() string {
	if int(p) < len(SRTPPolicies) {
		return SRTPPolicies[p]
	}
	return "unknown"
}

// Keys are a secure stream's SRTP master keys. The zero value is plain RTP.
type Keys struct {
	Remote sdes.Crypto // the peer's: unprotects what it sends
	Local  sdes.Crypto // ours, as we announced it: protects what we send
}

// Secure reports whether the stream is SRTP.
func (k Keys) Secure() bool { return k.Remote.Suite != 0 }

// secureProto reports whether an RTP proto is a secure profile (SAVP, SAVPF).
func secureProto(proto string) bool {
	return strings.EqualFold(proto, "RTP/SAVP") || strings.EqualFold(proto, "RTP/SAVPF")
}

// rtpProtos are the RTP profiles of an audio stream we answer (RFC 3551,
// 3711, 4585, 5124); feedback profiles are answered without feedback.
var rtpProtos = []string{"RTP/AVP", "RTP/SAVP", "RTP/AVPF", "RTP/SAVPF"}

// offeredKeys picks, for an offered m-line, the first a=crypto line we accept
// (RFC 4568 §7.1.1: the offerer's order) and pairs it with our key of the
// same suite and tag. A plain stream has no keys; the policy may refuse it
// (ErrSecurity). With SRTP off, a=crypto on an RTP/AVP line is ignored.
func offeredKeys(md *sdp.MediaDescription, proto string, l Local) (Keys, error) {
	secure := secureProto(proto)
	if l.SRTP == SRTPOff {
		if secure {
			return Keys{}, fmt.Errorf("%w: %s offered, srtp is off", ErrSecurity, proto)
		}
		return Keys{}, nil
	}
	var firstErr error
	for _, a := range md.Attributes {
		if !strings.EqualFold(a.Key, "crypto") {
			continue
		}
		remote, err := sdes.ParseCrypto(a.Value)
		if err != nil {
			firstErr = cmpOr(firstErr, err)
			continue
		}
		if local, ok := l.key(remote.Suite); ok {
			local.Tag = remote.Tag
			return Keys{Remote: remote, Local: local}, nil
		}
	}
	switch {
	case firstErr != nil && secure:
		return Keys{}, fmt.Errorf("%w: no acceptable a=crypto: %w", ErrSecurity, firstErr)
	case secure:
		return Keys{}, fmt.Errorf("%w: %s without a=crypto", ErrSecurity, proto)
	case l.SRTP == SRTPRequired:
		return Keys{}, fmt.Errorf("%w: plain %s offered, srtp is required", ErrSecurity, proto)
	}
	return Keys{}, nil
}

// answeredKeys reads the a=crypto of an answer to our offer: it must echo
// one of our tags with its suite (RFC 4568 §7.1.2).
func answeredKeys(md *sdp.MediaDescription, l Local) (Keys, error) {
	if l.SRTP != SRTPRequired {
		return Keys{}, nil // we offered plain RTP
	}
	for _, a := range md.Attributes {
		if !strings.EqualFold(a.Key, "crypto") {
			continue
		}
		remote, err := sdes.ParseCrypto(a.Value)
		if err != nil {
			return Keys{}, fmt.Errorf("%w: answer: %w", ErrSecurity, err)
		}
		for _, k := range l.Keys {
			if k.Tag == remote.Tag && k.Suite == remote.Suite {
				return Keys{Remote: remote, Local: k}, nil
			}
		}
		return Keys{}, fmt.Errorf("%w: answer's a=crypto tag %d %v is not one we offered", ErrSecurity, remote.Tag, remote.Suite)
	}
	return Keys{}, fmt.Errorf("%w: answer has no a=crypto, srtp is required", ErrSecurity)
}

// key is our key for suite s.
func (l Local) key(s sdes.Suite) (sdes.Crypto, bool) {
	for _, k := range l.Keys {
		if k.Suite == s {
			return k, true
		}
	}
	return sdes.Crypto{}, false
}

// cryptoAttrs writes a=crypto lines.
func cryptoAttrs(keys ...sdes.Crypto) []sdp.Attribute {
	out := make([]sdp.Attribute, 0, len(keys))
	for _, k := range keys {
		out = append(out, sdp.NewAttribute("crypto", k.Attr()))
	}
	return out
}

func cmpOr(a, b error) error {
	if a != nil {
		return a
	}
	return b
}

// isSecurity reports whether err should make choose try the next m-line.
func isSecurity(err error) bool { return errors.Is(err, ErrSecurity) }
