package loadgen

import (
	"crypto/tls"
	"errors"
	"fmt"
	"time"

	"github.com/reel-project/reel/codecs"
	"github.com/reel-project/reel/core/sdes"
)

// Config describes one load run.
type Config struct {
	MCP       string // SIP address of the MCP, host:port
	Transport string // "udp" (default), "tcp" or "tls"
	// TLSClient and TLSServer configure transport "tls": the connections
	// the emulator opens (roots, a client certificate) and its listener,
	// where the MCP's in-dialog requests arrive.
	TLSClient, TLSServer *tls.Config
	Calls                int           // concurrent calls to hold
	Rate                 float64       // new calls per second while ramping up and replacing
	Hold                 time.Duration // how long each call lasts
	Duration             time.Duration // how long to keep Calls calls up (0: one wave of Calls calls)
	Audio                []byte        // µ-law audio the parties send (looped; each party starts elsewhere)
	Record               bool          // ;record in the Request-URI, no MSML: recorded by profiles with record_from: first-audio
	// SIPREC places each call as one SIPREC recording session (RFC 7866):
	// both parties' streams sendonly in one INVITE, recorded by any profile.
	// Its INVITEs are over 1300 bytes, which go over TCP (RFC 3261
	// §18.1.1): Transport must be "tcp" (or "tls").
	SIPREC bool
	PID    int // the MCP's process id, for CPU and memory (0: not measured)
	// RecordingsDir is where the MCP writes recordings; their sidecars are
	// read at the end for the completeness report ("" : not read).
	RecordingsDir string
	// Prefix makes conf-ids unique across runs against one MCP.
	Prefix string
	// SRTP, when set, is the SDES suite (AES_CM_128_HMAC_SHA1_80, …) every
	// party offers: each leg speaks SRTP ("": plain RTP).
	SRTP string
}

// ErrConfig is returned for a configuration that cannot run.
var ErrConfig = errors.New("loadgen: invalid config")

func (c Config) withDefaults() Config {
	if c.Transport == "" {
		c.Transport = "udp"
	}
	if c.Rate <= 0 {
		c.Rate = 20
	}
	if c.Prefix == "" {
		c.Prefix = fmt.Sprintf("load%d", time.Now().Unix())
	}
	return c
}

func (c Config) validate() error {
	switch {
	case c.MCP == "":
		return fmt.Errorf("%w: no MCP address", ErrConfig)
	case c.Transport == "tls" && (c.TLSClient == nil || c.TLSServer == nil):
		return fmt.Errorf("%w: transport tls without TLS configurations", ErrConfig)
	case c.Calls <= 0:
		return fmt.Errorf("%w: calls %d", ErrConfig, c.Calls)
	case c.Hold < time.Second:
		return fmt.Errorf("%w: hold %v is under 1 s", ErrConfig, c.Hold)
	case len(c.Audio) < codecs.SampleRate: // G.711: a byte per sample
		return fmt.Errorf("%w: under 1 s of audio", ErrConfig)
	case c.SIPREC && c.Transport != "tcp" && c.Transport != "tls":
		return fmt.Errorf("%w: SIPREC offers are over 1300 bytes and go over TCP (RFC 3261 §18.1.1), not %s", ErrConfig, c.Transport)
	}
	if _, ok := sdes.ParseSuite(c.SRTP); c.SRTP != "" && !ok {
		return fmt.Errorf("%w: srtp suite %q, want one of %v", ErrConfig, c.SRTP, sdes.Suites)
	}
	return nil
}
