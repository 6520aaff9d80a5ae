package jitter

import (
	"encoding/binary"
	"testing"
	"time"

	"github.com/pion/rtp"
)

// FuzzPush drives a Buffer with a byte script: each step's first byte picks
// Pop, a raw packet (rtp.Unmarshal of the next bytes) or a packet built from
// fields (so sequence, timestamp, SSRC, marker and payload type reach every
// branch), and how far the arrival clock moves. Invariants: nothing panics,
// Pop writes exactly FrameSamples, the buffer never holds more than MaxMs,
// and the completeness report adds up.
func FuzzPush(f *testing.F) {
	f.Add([]byte{1, 0, 1, 0, 0, 0, 0, 1, 96, 8, 0, 0, 1, 0, 2, 0, 0, 0, 160, 1, 96, 8, 0})
	f.Add([]byte{2, 12, 0x80, 101, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 4, 0x8a, 0x08, 0xc0})
	f.Add([]byte{0, 0, 0, 3, 255, 255, 255, 255})
	f.Fuzz(func(t *testing.T, script []byte) {
		b := newTestBuffer(t, func(c *Config) { c.MaxMs = 200 })
		dst := make([]int16, b.FrameSamples()+4)
		now := testTime
		p := &rtp.Packet{}
		for len(script) > 0 {
			op := script[0]
			script = script[1:]
			now = now.Add(time.Duration(op>>2) * time.Millisecond)
			switch op & 3 {
			case 0:
				popChecked(t, b, dst)
			case 1:
				script = structured(p, script)
				b.Push(p, now)
			default:
				var raw []byte
				raw, script = take(script, int(op>>2)+12)
				if p.Unmarshal(raw) == nil {
					b.Push(p, now)
				}
			}
			checkInvariants(t, b)
		}
	})
}

// structured builds p from the script: seq (2), ts (4), flags (1), payload
// length (1), then the payload bytes.
func structured(p *rtp.Packet, s []byte) []byte {
	var h []byte
	h, s = take(s, 8)
	h = append(h, make([]byte, 8-len(h))...)
	flags := h[6]
	pts := [8]uint8{ptL16, ptL16, ptL16, ptEvent, ptCN, 0, 127, flags >> 1}
	p.Header = rtp.Header{Version: 2, SequenceNumber: binary.BigEndian.Uint16(h), Timestamp: binary.BigEndian.Uint32(h[2:]),
		SSRC: uint32(flags>>6) + 1, Marker: flags&1 != 0, PayloadType: pts[(flags>>3)&7]}
	p.Payload, s = take(s, int(h[7])*2)
	return s
}

// take splits n bytes (or what is left) off s.
func take(s []byte, n int) ([]byte, []byte) {
	n = min(n, len(s))
	return s[:n], s[n:]
}

func popChecked(t *testing.T, b *Buffer, dst []int16) {
	f := b.FrameSamples()
	for i := range dst {
		dst[i] = 0x7eed
	}
	st := b.Pop(dst)
	for i, v := range dst[f:] {
		if v != 0x7eed {
			t.Fatalf("Pop wrote dst[%d] beyond FrameSamples", f+i)
		}
	}
	if st.Real < 0 || st.Concealed < 0 || st.Real+st.Concealed > f {
		t.Fatalf("status %+v for a %d-sample frame", st, f)
	}
}

func checkInvariants(t *testing.T, b *Buffer) {
	if d := b.tl.h - b.tl.p; d > b.capacity {
		t.Fatalf("depth %d samples beyond capacity %d", d, b.capacity)
	}
	c := b.Stats().Completeness
	if c.PacketsExpected != c.PacketsReceived+c.PacketsLost {
		t.Fatalf("completeness does not add up: %+v", c)
	}
}
