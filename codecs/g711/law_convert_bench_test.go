package g711

import (
	"os"
	"testing"
)

// frameSamples is one 20 ms RTP frame at 8 kHz.
const frameSamples = 160

// benchAudio returns two minutes of real music (testdata/audio) as µ-law
// codes and as linear PCM, so table look-ups see a realistic spread of values.
func benchAudio(b *testing.B) ([]byte, []int16) {
	b.Helper()
	codes, err := os.ReadFile("../../testdata/audio/pcmu.1.8k.raw")
	if err != nil {
		b.Fatal(err)
	}
	pcm := make([]int16, len(codes))
	MuLaw.DecodeTo(pcm, codes)
	return codes, pcm
}

// runFrames calls f on consecutive 20 ms frames of a clip of n samples and
// reports throughput in samples per second.
func runFrames(b *testing.B, n, bytesPerSample int, f func(off int)) {
	b.ReportAllocs()
	b.SetBytes(int64(frameSamples * bytesPerSample))
	off := 0
	for b.Loop() {
		f(off)
		if off += frameSamples; off+frameSamples > n {
			off = 0
		}
	}
	b.ReportMetric(float64(b.N)*frameSamples/b.Elapsed().Seconds()/1e6, "Msamples/s")
}

func BenchmarkDecodeTo(b *testing.B) {
	codes, _ := benchAudio(b)
	dst := make([]int16, frameSamples)
	for _, law := range []Law{MuLaw, ALaw} {
		b.Run(law.String(), func(b *testing.B) {
			runFrames(b, len(codes), 1, func(off int) { law.DecodeTo(dst, codes[off:off+frameSamples]) })
		})
	}
}

func BenchmarkEncodeTo(b *testing.B) {
	_, pcm := benchAudio(b)
	dst := make([]byte, frameSamples)
	for _, law := range []Law{MuLaw, ALaw} {
		b.Run(law.String(), func(b *testing.B) {
			runFrames(b, len(pcm), 2, func(off int) { law.EncodeTo(dst, pcm[off:off+frameSamples]) })
		})
	}
}

func BenchmarkTranscode(b *testing.B) {
	codes, _ := benchAudio(b)
	dst := make([]byte, frameSamples)
	runFrames(b, len(codes), 1, func(off int) { Transcode(dst, codes[off:off+frameSamples], MuLaw, ALaw) })
}

// BenchmarkEncodeStrategies is the measurement behind
// docs/decisions/0004-g711-itu-tables.md: the shifted-index tables EncodeTo
// uses, a full 64 Ki-entry table, and the STL segment arithmetic per sample.
func BenchmarkEncodeStrategies(b *testing.B) {
	_, pcm := benchAudio(b)
	dst := make([]byte, frameSamples)
	full := new([1 << 16]byte)
	for i := range full {
		full[i] = ulawCompress(int16(uint16(i)))
	}
	b.Run("MuLaw 16Ki table (EncodeTo)", func(b *testing.B) {
		runFrames(b, len(pcm), 2, func(off int) { MuLaw.EncodeTo(dst, pcm[off:off+frameSamples]) })
	})
	b.Run("MuLaw 64Ki table", func(b *testing.B) {
		runFrames(b, len(pcm), 2, func(off int) {
			for i, x := range pcm[off : off+frameSamples] {
				dst[i] = full[uint16(x)]
			}
		})
	})
	b.Run("MuLaw segment arithmetic", func(b *testing.B) {
		runFrames(b, len(pcm), 2, func(off int) {
			for i, x := range pcm[off : off+frameSamples] {
				dst[i] = ulawCompress(x)
			}
		})
	})
	b.Run("ALaw segment arithmetic", func(b *testing.B) {
		runFrames(b, len(pcm), 2, func(off int) {
			for i, x := range pcm[off : off+frameSamples] {
				dst[i] = alawCompress(x)
			}
		})
	})
}
