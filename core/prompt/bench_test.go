package prompt

import (
	"context"
	"net/http"
	"testing"
)

// BenchmarkDecodeWAV8k measures decoding 10 s of 8 kHz µ-law WAV.
func BenchmarkDecodeWAV8k(b *testing.B) {
	codes := make([]byte, 80000)
	for i := range codes {
		codes[i] = byte(i)
	}
	benchDecode(b, lawFile(tagMuLaw, 1, codes).bytes())
}

// BenchmarkDecodeWAV44k measures decoding 10 s of 44.1 kHz PCM16 WAV, the
// resampler's cost.
func BenchmarkDecodeWAV44k(b *testing.B) {
	w := pcmFile(1, sine(441000, 44100, 1000, 8000))
	w.rate = 44100
	benchDecode(b, w.bytes())
}

// BenchmarkDecodeMP3 measures decoding 1 s of 8 kHz MP3.
func BenchmarkDecodeMP3(b *testing.B) {
	benchDecode(b, ffmpegMP3(b, 8000, 1))
}

func benchDecode(b *testing.B, file []byte) {
	b.ReportAllocs()
	b.SetBytes(int64(len(file)))
	for b.Loop() {
		if _, err := Decode(file, DecodeOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkLoadCacheHit measures Load of fresh, cached audio: the fetcher's
// lookup plus the decoded-audio cache.
func BenchmarkLoadCacheHit(b *testing.B) {
	o := newOrigin(&testing.T{}, http.Header{"Cache-Control": {"max-age=3600"}})
	defer o.srv.Close()
	o.put("/a.wav", pcmFile(1, ramp(8000)).bytes())
	l := newLoader()
	req := o.req(&testing.T{}, "/a.wav")
	if _, err := l.Load(context.Background(), req); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := l.Load(context.Background(), req); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSynthesizeCacheHit measures a cached (voice, text).
func BenchmarkSynthesizeCacheHit(b *testing.B) {
	l := newLoader()
	a := mustAudio(b, ramp(8000))
	synth := func(context.Context) (*Audio, error) { return a, nil }
	b.ReportAllocs()
	for b.Loop() {
		if _, err := l.Synthesize(context.Background(), "en", "Please enter your card number.", synth); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkPlayerNext measures one 20 ms frame.
func BenchmarkPlayerNext(b *testing.B) {
	p := NewPlayer()
	p.Enqueue(Item{Audio: mustAudio(b, ramp(8000*3600))})
	frame := make([]int16, FrameSamples)
	b.ReportAllocs()
	for b.Loop() {
		p.Next(frame)
	}
}
