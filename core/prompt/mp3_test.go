package prompt

import (
	"errors"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"
	"time"
)

// ffmpegMP3 encodes 1 s of a 1 kHz sine at rate Hz with ffmpeg (libmp3lame)
// and returns the file.
func ffmpegMP3(t testing.TB, rate, channels int) []byte {
	t.Helper()
	if _, err := exec.LookPath("ffmpeg"); err != nil {
		t.Fatal("ffmpeg not installed (make deps)")
	}
	out := filepath.Join(t.TempDir(), "tone.mp3")
	pan := "pan=mono|c0=c0"
	if channels == 2 {
		pan = "pan=stereo|c0=c0|c1=c0" // the same signal in both: no upmix attenuation
	}
	cmd := exec.Command("ffmpeg", "-v", "error", "-f", "lavfi", "-i", "sine=frequency=1000:sample_rate="+strconv.Itoa(rate)+":duration=1",
		"-af", pan, "-ar", strconv.Itoa(rate), "-c:a", "libmp3lame", "-b:a", "32k", out)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("ffmpeg: %v: %s", err, b)
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestDecodeMP3EveryMPEGVersion decodes MP3 files ffmpeg made at MPEG-2.5
// (8 kHz), MPEG-2 (22.05 kHz) and MPEG-1 (44.1 kHz) rates, mono and stereo:
// each is exactly a second of 1 kHz.
func TestDecodeMP3EveryMPEGVersion(t *testing.T) {
	for _, c := range []struct{ rate, channels int }{{8000, 1}, {22050, 2}, {44100, 1}, {44100, 2}} {
		t.Run(strconv.Itoa(c.rate)+"Hz/"+strconv.Itoa(c.channels), func(t *testing.T) {
			a, err := Decode(ffmpegMP3(t, c.rate, c.channels), DecodeOptions{})
			if err != nil {
				t.Fatal(err)
			}
			// The LAME tag states delay and padding, so the decoder
			// trims them: the second comes back whole, give or take a
			// sample of resampling.
			if d := a.Duration(); d < time.Second-time.Millisecond || d > time.Second {
				t.Fatalf("duration %v, want 1 s", d)
			}
			// ffmpeg's sine is at 1/8 of full scale.
			if l, want := level(a.Samples()[:8000], 1000), 32768.0/8/math.Sqrt2; math.Abs(dB(l, want)) > 1 {
				t.Fatalf("1 kHz at %.1f dB of the source", dB(l, want))
			}
		})
	}
}

func TestDecodeMP3Fails(t *testing.T) {
	good := ffmpegMP3(t, 8000, 1)
	for name, c := range map[string]struct {
		b    []byte
		max  time.Duration
		want error
	}{
		"a sync word and junk":     {[]byte{0xFF, 0xFB, 0x00, 0x01, 0x02}, 0, ErrFormat},
		"an ID3 tag without audio": {[]byte("ID3\x04\x00\x00\x00\x00\x00\x00"), 0, ErrFormat},
		"longer than the limit":    {good, 500 * time.Millisecond, ErrTooLong},
		"a file cut in the middle": {good[:len(good)/2], 0, nil},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := Decode(c.b, DecodeOptions{MaxDuration: c.max})
			if !errors.Is(err, c.want) && (c.want != nil || err != nil) {
				t.Fatalf("got %v, want %v", err, c.want)
			}
		})
	}
}
