//go:build cgo

package lame

import (
	"fmt"
	"io"
	"testing"

	"github.com/reel-project/reel/codecs/mp3"
)

// BenchmarkWritePCM encodes 20 ms frames of music into io.Discard: the
// steady-state cost per frame, which must not allocate.
func BenchmarkWritePCM(b *testing.B) {
	for _, m := range []mp3.Mode{mp3.Mono8, mp3.Stereo16, mp3.Stereo32} {
		b.Run(m.String(), func(b *testing.B) {
			in, frame := testInput(b, m, 20), 160*m.Channels()
			e, err := NewEncoder(io.Discard, m)
			if err != nil {
				b.Fatal(err)
			}
			defer e.Close()
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; b.Loop(); i = (i + frame) % len(in) {
				if err := e.WritePCM(in[i : i+frame]); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.N)*0.020/b.Elapsed().Seconds(), "x_realtime")
		})
	}
}

// BenchmarkQuality produces the speed/quality table of
// docs/decisions/0003: each iteration encodes 20 s of music; afterwards the
// output is decoded with ffmpeg and its SNR reported (left channel).
func BenchmarkQuality(b *testing.B) {
	for _, m := range []mp3.Mode{mp3.Mono8, mp3.Stereo16, mp3.Stereo32} {
		in := testInput(b, m, 20)
		for _, q := range []int{0, 2, 3, 5, 7, 9} {
			b.Run(fmt.Sprintf("%s/q=%d", m, q), func(b *testing.B) {
				var mp3 []byte
				for b.Loop() {
					mp3 = encode(b, m, in, 20, WithQuality(q))
				}
				b.ReportMetric(20*float64(b.N)/b.Elapsed().Seconds(), "x_realtime")
				corr, snrDB := quality(b, m, in, decodeFFmpeg(b, mp3))
				b.ReportMetric(snrDB[0], "SNR_dB")
				b.ReportMetric(corr[0], "corr")
			})
		}
	}
}
