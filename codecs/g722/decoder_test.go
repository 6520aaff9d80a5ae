package g722

import (
	"bytes"
	"encoding/binary"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// ffmpegG722 encodes the project's test speech (8 kHz µ-law, upsampled to
// 16 kHz) with ffmpeg's G.722 encoder and decodes it again with ffmpeg's
// decoder: the stream and ffmpeg's reading of it.
func ffmpegG722(t *testing.T) (stream []byte, want []int16) {
	t.Helper()
	ffmpeg, err := exec.LookPath("ffmpeg")
	if err != nil {
		t.Fatal("ffmpeg not installed (make deps installs it)")
	}
	dir := t.TempDir()
	g722 := filepath.Join(dir, "speech.g722")
	run(t, ffmpeg, "-v", "error", "-f", "mulaw", "-ar", "8000", "-ac", "1", "-i", "../../testdata/audio/pcmu.1.8k.raw",
		"-t", "4", "-ar", "16000", "-c:a", "g722", "-f", "g722", g722)
	raw := run(t, ffmpeg, "-v", "error", "-f", "g722", "-i", g722, "-f", "s16le", "-")
	stream, err = os.ReadFile(g722)
	if err != nil {
		t.Fatal(err)
	}
	want = make([]int16, len(raw)/2)
	_ = binary.Read(bytes.NewReader(raw), binary.LittleEndian, want)
	return stream, want
}

func run(t *testing.T, name string, args ...string) []byte {
	t.Helper()
	out, err := exec.Command(name, args...).Output()
	if err != nil {
		t.Fatalf("%s %v: %v", name, args, err)
	}
	return out
}

func TestDecodeMatchesFFmpegSampleForSample(t *testing.T) {
	stream, want := ffmpegG722(t)
	d := New()
	got := make([]int16, 2*len(stream))
	// In 20 ms packets, as RTP carries it.
	n := 0
	for off := 0; off < len(stream); off += 160 {
		n += d.DecodeTo(got[n:], stream[off:min(off+160, len(stream))])
	}
	if n != len(want) {
		t.Fatalf("%d samples, ffmpeg %d", n, len(want))
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("sample %d: %d, ffmpeg %d", i, got[i], want[i])
		}
	}
}

func TestNarrowDecodeIsTheLowerBandOfTheWideOne(t *testing.T) {
	stream, want := ffmpegG722(t)
	narrow := make([]int16, len(stream))
	New().DecodeNarrowTo(narrow, stream)
	// The wide decode's every other sample, against the narrow one: the
	// same speech at the same level (the QMF delays it by a few samples).
	wide := make([]int16, len(want)/2)
	for i := range wide {
		wide[i] = want[2*i]
	}
	best := 0.0
	for lag := 0; lag < 16; lag++ {
		best = max(best, correlation(narrow[:len(narrow)-lag], wide[lag:]))
	}
	if best < 0.9 {
		t.Errorf("correlation %.3f with the wide decode, want ≥ 0.9", best)
	}
	if r := rms(narrow) / rms(wide); r < 0.8 || r > 1.25 {
		t.Errorf("narrow/wide level %.2f, want about 1", r)
	}
}

func correlation(a, b []int16) float64 {
	n := min(len(a), len(b))
	var ab, aa, bb float64
	for i := range n {
		x, y := float64(a[i]), float64(b[i])
		ab, aa, bb = ab+x*y, aa+x*x, bb+y*y
	}
	return ab / math.Sqrt(aa*bb)
}

func rms(s []int16) float64 {
	var sum float64
	for _, v := range s {
		sum += float64(v) * float64(v)
	}
	return math.Sqrt(sum / float64(len(s)))
}

func BenchmarkDecodeNarrow20ms(b *testing.B) {
	src := make([]byte, 160)
	for i := range src {
		src[i] = byte(i * 37)
	}
	dst := make([]int16, 160)
	d := New()
	b.ReportAllocs()
	for b.Loop() {
		d.DecodeNarrowTo(dst, src)
	}
}
