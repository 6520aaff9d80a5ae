package prompt

import (
	"testing"
	"time"
)

// FuzzDecode feeds Decode arbitrary bytes (prompt audio comes from the
// network), as a file that must identify itself and as headerless µ-law.
// It must never panic and must fail only with its own sentinels; audio it
// accepts must hold 1 to maxSamples samples.
func FuzzDecode(f *testing.F) {
	stream := uint32(0xFFFFFFFF)
	for _, w := range []wavFile{
		pcmFile(1, ramp(20)),
		pcmFile(2, ramp(20)),
		lawFile(tagALaw, 2, allCodes()[:16]),
		withExt(lawFile(tagMuLaw, 1, allCodes()[:16])),
		{tag: tagPCM, channels: 1, rate: 8000, bits: 16, data: pcmBytes(ramp(5)), before: chunk("LIST", []byte("INFOx")), dataSize: &stream},
		{tag: tagPCM, channels: 1, rate: 44100, bits: 16, data: pcmBytes(ramp(441))},
	} {
		b := w.bytes()
		f.Add(b)
		f.Add(b[:len(b)-3])
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		for _, o := range []DecodeOptions{{}, {Name: "x.ul"}} {
			o.MaxDuration = 10 * time.Second
			a, err := Decode(b, o)
			if err != nil {
				if !isSentinel(err) {
					t.Fatalf("unexpected error: %v", err)
				}
				continue
			}
			if a.Len() < 1 || a.Len() > maxSamples {
				t.Fatalf("accepted %d samples", a.Len())
			}
		}
	})
}
