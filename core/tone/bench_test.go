package tone

import (
	"testing"
	"time"

	"github.com/reel-project/reel/codecs"
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

// BenchmarkParseWAV measures decoding a 1 s µ-law tone, the cost of a cache
// miss after the fetch.
func BenchmarkParseWAV(b *testing.B) {
	codes := make([]byte, codecs.SampleRate)
	for i := range codes {
		codes[i] = byte(i)
	}
	file := lawFile(tagMuLaw, 1, codes).bytes()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ParseWAV(file); err != nil {
			b.Fatal(err)
		}
	}
}
