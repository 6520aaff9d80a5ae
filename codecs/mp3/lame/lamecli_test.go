//go:build cgo

package lame

import (
	"encoding/binary"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"testing"

	"github.com/reel-project/reel/codecs/mp3"
)

// lameArgs are the lame(1) options equivalent to our settings for m:
// raw 8 kHz s16le in, CBR at m's rate, -t: no Xing/LAME tag.
func lameArgs(m mp3.Mode, q int, in, out string) []string {
	channels := "j"
	if m == mp3.Mono8 {
		channels = "m"
	}
	return []string{"--silent", "-t", "-r", "-s", "8", "--bitwidth", "16", "--signed",
		"--little-endian", "-m", channels, "-b", strconv.Itoa(m.Bitrate()), "--cbr",
		"-q", strconv.Itoa(q), in, out}
}

// writeRaw stores interleaved pcm as a raw s16le file and returns its path.
func writeRaw(t testing.TB, pcm []int16) string {
	t.Helper()
	b := make([]byte, 2*len(pcm))
	for i, v := range pcm {
		binary.LittleEndian.PutUint16(b[2*i:], uint16(v))
	}
	return writeTemp(t, "in.raw", b)
}

// TestEncoderMatchesLameCLI: the same library with the same settings must
// give the very same bitstream as the lame command line, which checks every
// setting we pass (rate, channels, mode, bit rate, quality, no tags).
func TestEncoderMatchesLameCLI(t *testing.T) {
	if _, err := exec.LookPath("lame"); err != nil {
		t.Fatal("lame not installed (make deps installs it)")
	}
	for _, m := range []mp3.Mode{mp3.Mono8, mp3.Stereo16, mp3.Stereo32} {
		t.Run(fmt.Sprintf("%s at -q %d", m, DefaultQuality), func(t *testing.T) {
			in := testInput(t, m, 10)
			raw := writeRaw(t, in)
			out := raw + ".mp3"
			if b, err := exec.Command("lame", lameArgs(m, DefaultQuality, raw, out)...).CombinedOutput(); err != nil {
				t.Fatalf("lame: %v: %s", err, b)
			}
			want, err := os.ReadFile(out)
			if err != nil {
				t.Fatal(err)
			}
			if got := encode(t, m, in, 20); string(got) != string(want) {
				t.Fatalf("got %d bytes, lame(1) wrote %d bytes, differing", len(got), len(want))
			}
		})
	}
}
