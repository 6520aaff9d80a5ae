package jitter

import (
	"fmt"

	"github.com/reel-project/reel/codecs"
)

// Decoder decodes one RTP payload into dst and returns the number of samples
// written (at most len(dst)), or a negative number when the payload is
// malformed (e.g. an odd length for 16-bit PCM). G.711 writes one sample per
// byte. It must not keep dst or payload.
type Decoder func(dst []int16, payload []byte) int

// Config describes one leg's stream. Zero values take the defaults noted.
type Config struct {
	ClockRate    int // RTP clock and PCM sample rate in Hz (codecs.SampleRate)
	FrameSamples int // samples per Pop (one codecs.FrameMs frame at ClockRate)
	// TargetMs is the playout delay given to the first packet of a stream
	// (60). The buffer then keeps the latest-arriving recent packet about
	// TargetMs-FrameMs ahead of its playout, growing with the network's jitter.
	TargetMs int
	// MaxMs is the capacity (300): audio more than MaxMs ahead of the play
	// point is never kept. A burst beyond it discards the oldest audio; a
	// timestamp jump beyond it re-anchors the stream. Both are counted.
	MaxMs int
	// ConcealMs is how long a gap is concealed before it turns into silence
	// (60); negative disables concealment.
	ConcealMs int
	// Decoders maps payload types (0–127) to their decoder; at least one.
	Decoders map[uint8]Decoder
	// EventPT is the RFC 4733 telephone-event payload type; 0 or -1: none
	// (PT 0 is PCMU and never carries events).
	EventPT int
	// CNPT is the RFC 3389 comfort-noise payload type (13); -1: none.
	CNPT int
}

// Defaults used for zero Config fields.
const (
	DefaultClockRate = codecs.SampleRate
	DefaultTargetMs  = 60
	DefaultMaxMs     = 300
	DefaultConcealMs = 60
	DefaultCNPT      = 13
)

// withDefaults returns c with every zero field set to its default.
func (c Config) withDefaults() Config {
	if c.ClockRate == 0 {
		c.ClockRate = DefaultClockRate
	}
	if c.FrameSamples == 0 {
		c.FrameSamples = c.ClockRate * codecs.FrameMs / 1000
	}
	if c.TargetMs == 0 {
		c.TargetMs = DefaultTargetMs
	}
	if c.MaxMs == 0 {
		c.MaxMs = DefaultMaxMs
	}
	if c.ConcealMs == 0 {
		c.ConcealMs = DefaultConcealMs
	}
	if c.EventPT == 0 {
		c.EventPT = -1
	}
	if c.CNPT == 0 {
		c.CNPT = DefaultCNPT
	}
	return c
}

// validate checks a Config that already has its defaults.
func (c Config) validate() error {
	if c.ClockRate < 1000 || c.ClockRate > 192000 {
		return fmt.Errorf("%w: got %d Hz want 1000–192000", ErrClockRate, c.ClockRate)
	}
	if c.FrameSamples < 1 || c.FrameSamples > c.ClockRate {
		return fmt.Errorf("%w: got %d samples want 1–%d", ErrFrameSamples, c.FrameSamples, c.ClockRate)
	}
	if err := c.validateDelays(); err != nil {
		return err
	}
	if err := c.validateDecoders(); err != nil {
		return err
	}
	return c.validateRoles()
}

func (c Config) validateDelays() error {
	frameMs := (c.FrameSamples*1000 + c.ClockRate - 1) / c.ClockRate
	if c.TargetMs < 1 || c.TargetMs > 5000 {
		return fmt.Errorf("%w: TargetMs got %d want 1–5000", ErrDelay, c.TargetMs)
	}
	if c.MaxMs < c.TargetMs+2*frameMs || c.MaxMs > 10000 {
		return fmt.Errorf("%w: MaxMs got %d want %d–10000", ErrDelay, c.MaxMs, c.TargetMs+2*frameMs)
	}
	return nil
}

func (c Config) validateDecoders() error {
	if len(c.Decoders) == 0 {
		return fmt.Errorf("%w: got 0 decoders want at least 1", ErrDecoder)
	}
	for pt, d := range c.Decoders {
		if pt > 127 || d == nil {
			return fmt.Errorf("%w: payload type %d (nil decoder or above 127)", ErrDecoder, pt)
		}
	}
	return nil
}

func (c Config) validateRoles() error {
	for _, pt := range []int{c.EventPT, c.CNPT} {
		if pt < -1 || pt > 127 {
			return fmt.Errorf("%w: got %d want -1–127", ErrPayloadType, pt)
		}
		if _, ok := c.Decoders[uint8(pt)]; ok && pt >= 0 {
			return fmt.Errorf("%w: %d is both a decoder and an event/CN type", ErrPayloadType, pt)
		}
	}
	if c.EventPT >= 0 && c.EventPT == c.CNPT {
		return fmt.Errorf("%w: EventPT and CNPT are both %d", ErrPayloadType, c.CNPT)
	}
	return nil
}
