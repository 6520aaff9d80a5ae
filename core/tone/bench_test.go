package tone

import (
	"testing"
	"time"
)

// BenchmarkPlayerNext measures one 20 ms frame of a 1234-sample tone with
// 10 ms gaps, so frames cross tone and gap boundaries.
func BenchmarkPlayerNext(b *testing.B) {
	p := NewPlayer(mustSource(b, ramp(1234)), 10*time.Millisecond)
	dst := make([]int16, frame)
	b.ReportAllocs()
	for b.Loop() {
		p.Next(dst)
	}
}

func BenchmarkMixInto(b *testing.B) {
	dst, tone := make([]int16, frame), ramp(frame)
	b.ReportAllocs()
	for b.Loop() {
		MixInto(dst, tone)
	}
}
