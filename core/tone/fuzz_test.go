package tone

import (
	"errors"
	"testing"
)

// FuzzParseWAV feeds ParseWAV arbitrary bytes (audiosrc files come from the
// network). It must never panic and must fail only with its own sentinels; a
// file it accepts must hold 1 to MaxDuration of samples and survive a round
// trip through a PCM16 mono file unchanged.
func FuzzParseWAV(f *testing.F) {
	stream := uint32(0xFFFFFFFF)
	for _, w := range []wavFile{
		pcmFile(1, ramp(20)),
		pcmFile(2, ramp(20)),
		lawFile(tagALaw, 2, allCodes()[:16]),
		withExt(lawFile(tagMuLaw, 1, allCodes()[:16])),
		{tag: tagPCM, channels: 1, rate: 8000, bits: 16, data: pcmBytes(ramp(5)), before: chunk("LIST", []byte("INFOx")), dataSize: &stream},
	} {
		b := w.bytes()
		f.Add(b)
		f.Add(b[:len(b)-3])
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		src, err := ParseWAV(b)
		if err != nil {
			if !isSentinel(err) || errors.Is(err, ErrFetch) {
				t.Fatalf("unexpected error: %v", err)
			}
			return
		}
		if src.Len() < 1 || src.Len() > maxSamples {
			t.Fatalf("accepted %d samples", src.Len())
		}
		again, err := ParseWAV(pcmFile(1, src.Samples()).bytes())
		if err != nil {
			t.Fatal(err)
		}
		equalSamples(t, again.Samples(), src.Samples())
	})
}
