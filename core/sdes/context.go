package sdes

import (
	"fmt"

	"github.com/pion/srtp/v3"
)

// ReplayWindow is the replay protection window in packets (RFC 3711 §3.3.2
// asks for at least 64): packets older than this, or seen before, are
// dropped.
const ReplayWindow = 128

// NewContext makes the SRTP/SRTCP context for c's key, with replay
// protection on both. Use one for what we send (our key) and another for
// what we receive (the peer's key). A context is not safe for concurrent
// use.
func NewContext(c Crypto) (*srtp.Context, error) {
	if _, ok := suiteNames[c.Suite]; !ok {
		return nil, fmt.Errorf("%w: suite %d", ErrUnsupported, c.Suite)
	}
	key, salt := c.Key()
	ctx, err := srtp.CreateContext(key, salt, c.Suite.profile(),
		srtp.SRTPReplayProtection(ReplayWindow), srtp.SRTCPReplayProtection(ReplayWindow))
	if err != nil {
		return nil, fmt.Errorf("sdes: %v context: %w", c.Suite, err)
	}
	return ctx, nil
}
