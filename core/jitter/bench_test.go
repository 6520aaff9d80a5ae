package jitter

import (
	"testing"
	"time"

	"github.com/pion/rtp"
)

// benchBuffer returns a Buffer with a PCMA decoder (as codecs/g711 will be:
// a table lookup per byte) and a 160-byte packet to push.
func benchBuffer(b *testing.B) (*Buffer, *rtp.Packet) {
	var table [256]int16
	for c := range table {
		table[c] = alaw(byte(c))
	}
	pcma := func(dst []int16, p []byte) int {
		n := min(len(dst), len(p))
		for i, c := range p[:n] {
			dst[i] = table[c]
		}
		return n
	}
	buf, err := New(Config{Decoders: map[uint8]Decoder{8: pcma}, EventPT: ptEvent})
	if err != nil {
		b.Fatal(err)
	}
	p := &rtp.Packet{Header: rtp.Header{Version: 2, PayloadType: 8, SSRC: 1}, Payload: make([]byte, ptime20)}
	for i := range p.Payload {
		p.Payload[i] = byte(i * 37)
	}
	return buf, p
}

// One packet in, one frame out: the steady state of every leg.
func BenchmarkPushPop(b *testing.B) {
	buf, p := benchBuffer(b)
	frame := make([]int16, ptime20)
	now := time.Unix(0, 0)
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		p.SequenceNumber, p.Timestamp = uint16(i), uint32(i*ptime20)
		buf.Push(p, now.Add(time.Duration(i)*20*time.Millisecond))
		buf.Pop(frame)
	}
}

// The same with every tenth packet lost and every tenth pair swapped:
// concealment and hole filling on the hot path.
func BenchmarkPushPopLossReorder(b *testing.B) {
	buf, p := benchBuffer(b)
	frame := make([]int16, ptime20)
	now := time.Unix(0, 0)
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		seq := i
		switch i % 10 {
		case 3:
			seq = i + 1
		case 4:
			seq = i - 1
		}
		p.SequenceNumber, p.Timestamp = uint16(seq), uint32(seq*ptime20)
		if i%10 != 7 {
			buf.Push(p, now.Add(time.Duration(i)*20*time.Millisecond))
		}
		buf.Pop(frame)
	}
}

// Stats is read once per RTCP interval and per metrics scrape.
func BenchmarkStats(b *testing.B) {
	buf, p := benchBuffer(b)
	buf.Push(p, time.Unix(0, 0))
	b.ReportAllocs()
	for b.Loop() {
		_ = buf.Stats()
	}
}
