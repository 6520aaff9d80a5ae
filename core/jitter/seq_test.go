package jitter

import (
	"math"
	"testing"
	"time"
)

func TestSequenceClassification(t *testing.T) {
	for _, tc := range []struct {
		name string
		seqs []uint16
		want []seqClass
	}{
		{"in-order packets are new", []uint16{10, 11, 12}, []seqClass{seqNew, seqNew, seqNew}},
		{"a gap below MaxDropout is new (loss)", []uint16{10, 2000}, []seqClass{seqNew, seqNew}},
		{"a late packet within MaxMisorder is old, its copy a duplicate", []uint16{10, 12, 11, 11}, []seqClass{seqNew, seqNew, seqOld, seqDup}},
		{"the highest repeated is a duplicate", []uint16{10, 10}, []seqClass{seqNew, seqDup}},
		{"65535 is followed by 0", []uint16{65534, 65535, 0, 1}, []seqClass{seqNew, seqNew, seqNew, seqNew}},
		{"a packet from before the wrap after it is old", []uint16{65534, 0, 65535}, []seqClass{seqNew, seqNew, seqOld}},
		{"a jump beyond MaxDropout is a jump", []uint16{10, 10 + maxDropout}, []seqClass{seqNew, seqJump}},
		{"a step back beyond MaxMisorder is a jump", []uint16{500, 500 - maxMisorder - 1}, []seqClass{seqNew, seqJump}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var s source
			s.start(1, tc.seqs[0])
			for i, seq := range tc.seqs {
				ext, c := s.classify(seq)
				if c != tc.want[i] {
					t.Fatalf("packet %d (seq %d): class %d, want %d", i, seq, c, tc.want[i])
				}
				if c != seqJump {
					s.accept(ext, c)
				}
			}
		})
	}
}

func TestExtendedSequenceCountsCycles(t *testing.T) {
	var s source
	s.start(1, 65000)
	for i := range 70000 {
		ext, c := s.classify(uint16(65000 + i))
		s.accept(ext, c)
	}
	if s.max != 65000+69999 || uint32(s.max)>>16 != 2 || s.expected() != 70000 || s.lost() != 0 {
		t.Fatalf("max %d (cycles %d) expected %d lost %d", s.max, uint32(s.max)>>16, s.expected(), s.lost())
	}
}

// The A.8 estimator against a direct floating-point reading of RFC 3550
// 6.4.1: J += (|D| − J)/16, D in timestamp units.
func TestInterarrivalJitterFollowsRFC3550(t *testing.T) {
	var s source
	s.start(1, 0)
	base := time.Unix(0, 0)
	delays := []time.Duration{0, 3, 0, 7, 1, 0, 12, 2, 2, 0, 30, 0, 0, 5} // network delay per packet, ms
	var want float64
	for i, d := range delays {
		at := base.Add(time.Duration(i)*20*time.Millisecond + d*time.Millisecond)
		s.arrive(at, uint32(i*160), 8000)
		if i > 0 {
			D := math.Abs(float64(d-delays[i-1]) * 8)
			want += (D - want) / 16
		}
	}
	if got := float64(s.jitter >> 4); math.Abs(got-want) > 1 {
		t.Fatalf("jitter %v, want %.2f", got, want)
	}
}

func TestFractionLostIsPerInterval(t *testing.T) {
	var s source
	s.start(1, 0)
	for _, seq := range []uint16{0, 1, 2, 3, 8, 9} { // 4 lost of 10
		ext, c := s.classify(seq)
		s.accept(ext, c)
	}
	if f := s.fractionLost(true); f != 4*256/10 {
		t.Fatalf("fraction %d, want %d", f, 4*256/10)
	}
	for _, seq := range []uint16{10, 11, 4, 5} { // late arrivals make this interval's loss negative
		ext, c := s.classify(seq)
		s.accept(ext, c)
	}
	if f := s.fractionLost(true); f != 0 {
		t.Fatalf("fraction %d, want 0 when the interval's loss is negative", f)
	}
}
