package sdes

import (
	"strings"

	"github.com/pion/srtp/v3"
)

// Suite is an SRTP crypto suite as SDES names it.
type Suite uint8

// The suites we speak, in our order of preference for offers.
const (
	AESCM128HMACSHA180 Suite = iota + 1 // AES_CM_128_HMAC_SHA1_80 (RFC 4568 §6.2.1)
	AESCM128HMACSHA132                  // AES_CM_128_HMAC_SHA1_32 (RFC 4568 §6.2.2)
	AEADAES128GCM                       // AEAD_AES_128_GCM (RFC 7714 §12)
)

// Suites lists every suite we accept, in our order of preference.
var Suites = []Suite{AESCM128HMACSHA180, AESCM128HMACSHA132, AEADAES128GCM}

var suiteNames = map[Suite]string{
	AESCM128HMACSHA180: "AES_CM_128_HMAC_SHA1_80",
	AESCM128HMACSHA132: "AES_CM_128_HMAC_SHA1_32",
	AEADAES128GCM:      "AEAD_AES_128_GCM",
}

// ParseSuite reads a suite name (case-insensitive).
func ParseSuite(name string) (Suite, bool) {
	for s, n := range suiteNames {
		if strings.EqualFold(n, name) {
			return s, true
		}
	}
	return 0, false
}

func (s Suite) String() string {
	if n, ok := suiteNames[s]; ok {
		return n
	}
	return "unknown"
}

// KeyLen is the master key length in bytes.
func (s Suite) KeyLen() int { return 16 }

// SaltLen is the master salt length in bytes: 14 for AES-CM, 12 for GCM.
func (s Suite) SaltLen() int {
	if s == AEADAES128GCM {
		return 12
	}
	return 14
}

// Overhead is the most octets protection adds to an RTP packet: the
// authentication tag.
const Overhead = 16

// RTCPOverhead is the most octets protection adds to an RTCP packet: the
// E flag with SRTCP index and the tag.
const RTCPOverhead = 4 + 16

func (s Suite) profile() srtp.ProtectionProfile {
	switch s {
	case AESCM128HMACSHA132:
		return srtp.ProtectionProfileAes128CmHmacSha1_32
	case AEADAES128GCM:
		return srtp.ProtectionProfileAeadAes128Gcm
	}
	return srtp.ProtectionProfileAes128CmHmacSha1_80
}
