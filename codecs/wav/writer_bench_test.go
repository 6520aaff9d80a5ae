package wav

import "testing"

// BenchmarkWritePCM writes one 20 ms frame per op, as the recorder does.
func BenchmarkWritePCM(b *testing.B) {
	for _, f := range allFormats() {
		b.Run(formatName(f), func(b *testing.B) {
			w, err := NewWith(&memFile{discard: true}, f)
			if err != nil {
				b.Fatal(err)
			}
			frame := tone(160, f.Channels)
			b.ReportAllocs()
			b.SetBytes(int64(2 * len(frame)))
			for b.Loop() {
				if err := w.WritePCM(frame); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkWriteEncoded writes one 20 ms RTP payload per op.
func BenchmarkWriteEncoded(b *testing.B) {
	w, err := NewWith(&memFile{discard: true}, Format{Encoding: MuLaw, Channels: 1})
	if err != nil {
		b.Fatal(err)
	}
	payload := make([]byte, 160)
	b.ReportAllocs()
	b.SetBytes(int64(len(payload)))
	for b.Loop() {
		if err := w.WriteEncoded(payload); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkFlush is the once-a-second cost: one frame, then header patch.
func BenchmarkFlush(b *testing.B) {
	w, err := NewWith(&memFile{discard: true}, Format{Encoding: MuLaw, Channels: 2})
	if err != nil {
		b.Fatal(err)
	}
	frame := tone(160, 2)
	b.ReportAllocs()
	for b.Loop() {
		w.WritePCM(frame)
		if err := w.Flush(); err != nil {
			b.Fatal(err)
		}
	}
}
