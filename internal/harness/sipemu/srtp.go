package sipemu

import (
	"fmt"
	"strings"

	"github.com/pion/rtp"
	"github.com/pion/srtp/v3"

	"github.com/reel-project/reel/core/sdes"
	"github.com/reel-project/reel/core/udpsock"
)

// partySRTP is a party's SRTP (SDES): its own key, offered in its SDP and
// protecting what it sends, and the MCP's key from the MCP's SDP, opening
// what the MCP sends.
type partySRTP struct {
	key    sdes.Crypto
	remote sdes.Crypto
	tx, rx *srtp.Context
	prev   *srtp.Context // the MCP's previous key: it sends with it until our answer arrives (RFC 4568 §7.1.4)
	txHdr  rtp.Header    // SendFrame's; not concurrent with itself
	rxHdr  rtp.Header    // Poll's, under pollMu
	plain  [udpsock.MaxDatagram]byte
}

// UseSRTP makes the party speak SRTP with suite: its SDP becomes RTP/SAVP
// with one a=crypto line, and Leg reads the MCP's key from every SDP the
// MCP sends. Call it before the first SDP.
func (p *Party) UseSRTP(suite sdes.Suite) error {
	key, err := sdes.NewCrypto(1, suite)
	if err != nil {
		return err
	}
	tx, err := sdes.NewContext(key)
	if err != nil {
		return err
	}
	p.srtp = &partySRTP{key: key, tx: tx}
	p.srtp.rxHdr.CSRC = make([]uint32, 0, 15)
	return nil
}

// Secure reports whether the party speaks SRTP.
func (p *Party) Secure() bool { return p.srtp != nil }

// keyFrom takes the MCP's a=crypto line of the party's suite from sdp: its
// key opens what the MCP sends, its tag is the one the party's next answer
// echoes (the MCP offers a tag per suite). A key that did not change keeps
// its context.
func (p *Party) keyFrom(sdp []byte) error {
	if p.srtp == nil {
		return nil
	}
	for _, line := range strings.Split(strings.ReplaceAll(string(sdp), "\r\n", "\n"), "\n") {
		v, ok := strings.CutPrefix(line, "a=crypto:")
		if !ok {
			continue
		}
		c, err := sdes.ParseCrypto(v)
		if err != nil || c.Suite != p.srtp.key.Suite {
			continue
		}
		p.pollMu.Lock()
		defer p.pollMu.Unlock()
		p.srtp.key.Tag = c.Tag
		if c == p.srtp.remote {
			return nil
		}
		rx, err := sdes.NewContext(c)
		if err != nil {
			return err
		}
		p.srtp.remote, p.srtp.rx, p.srtp.prev = c, rx, p.srtp.rx
		return nil
	}
	return fmt.Errorf("sipemu: the MCP's SDP has no a=crypto for %v", p.srtp.key.Suite)
}

// protect returns packet n of p.out, protected in place when the party
// speaks SRTP.
func (p *Party) protect(n int) ([]byte, error) {
	if p.srtp == nil {
		return p.out[:n], nil
	}
	return p.srtp.tx.EncryptRTP(p.out[:0], p.out[:n], &p.srtp.txHdr)
}

// unprotect opens a received packet; the caller holds pollMu. false: not
// authentic under the MCP's current or previous key (or no key yet), counted in
// RecvStats.SRTPFailed.
func (p *Party) unprotect(b []byte) ([]byte, bool) {
	if p.srtp == nil {
		return b, true
	}
	for _, ctx := range []*srtp.Context{p.srtp.rx, p.srtp.prev} {
		if ctx == nil {
			continue
		}
		if out, err := ctx.DecryptRTP(p.srtp.plain[:0], b, &p.srtp.rxHdr); err == nil {
			if ctx == p.srtp.rx {
				p.srtp.prev = nil // the MCP switched: the old key is done
			}
			return out, true
		}
	}
	p.mu.Lock()
	p.stats.SRTPFailed++
	p.mu.Unlock()
	return nil, false
}

// cryptoLine is the party's a=crypto line for its SDP, "" without SRTP.
func (p *Party) cryptoLine() string {
	if p.srtp == nil {
		return ""
	}
	return "a=crypto:" + p.srtp.key.Attr() + "\r\n"
}
