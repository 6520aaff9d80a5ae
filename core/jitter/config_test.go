package jitter

import (
	"errors"
	"testing"
)

func TestNewValidatesConfig(t *testing.T) {
	dec := map[uint8]Decoder{8: l16}
	for _, tc := range []struct {
		name string
		cfg  Config
		want error
	}{
		{"the defaults with one decoder are valid", Config{Decoders: dec}, nil},
		{"a decoder is required", Config{}, ErrDecoder},
		{"a nil decoder is refused", Config{Decoders: map[uint8]Decoder{8: nil}}, ErrDecoder},
		{"a payload type above 127 is refused", Config{Decoders: map[uint8]Decoder{200: l16}}, ErrDecoder},
		{"a clock rate below 1 kHz is refused", Config{ClockRate: 999, Decoders: dec}, ErrClockRate},
		{"a frame longer than a second is refused", Config{FrameSamples: 8001, Decoders: dec}, ErrFrameSamples},
		{"a negative target delay is refused", Config{TargetMs: -1, Decoders: dec}, ErrDelay},
		{"a capacity without two frames above the target is refused", Config{TargetMs: 60, MaxMs: 90, Decoders: dec}, ErrDelay},
		{"the event type cannot also be a codec", Config{EventPT: 8, Decoders: dec}, ErrPayloadType},
		{"comfort noise cannot share the event type", Config{EventPT: 101, CNPT: 101, Decoders: dec}, ErrPayloadType},
		{"an event type above 127 is refused", Config{EventPT: 128, Decoders: dec}, ErrPayloadType},
		{"no comfort noise type is allowed", Config{CNPT: -1, Decoders: dec}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b, err := New(tc.cfg)
			if !errors.Is(err, tc.want) || (err == nil) != (b != nil) {
				t.Fatalf("New: %v, want %v", err, tc.want)
			}
		})
	}
}
