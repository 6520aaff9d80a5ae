package lame

import (
	"bytes"
	"encoding/json"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/reel-project/reel/codecs/mp3"
)

const musicPath = "../../../testdata/audio/pcmu.1.8k.raw"

// ulawTable is the ITU-T G.711 µ-law decode table, built here so the tests
// do not depend on codecs/g711 (TestULawTable checks it against the STL).
var ulawTable = func() (tab [256]int16) {
	for c := range tab {
		u := ^byte(c)
		t := (int(u&0x0F) << 3) + 0x84
		t <<= (u & 0x70) >> 4
		if u&0x80 != 0 {
			tab[c] = int16(0x84 - t)
		} else {
			tab[c] = int16(t - 0x84)
		}
	}
	return tab
}()

// music returns secs seconds of the test music starting at from seconds.
func music(t testing.TB, from, secs float64) []int16 {
	t.Helper()
	raw, err := os.ReadFile(musicPath)
	if err != nil {
		t.Fatal(err)
	}
	raw = raw[int(from*8000):int((from+secs)*8000)]
	pcm := make([]int16, len(raw))
	for i, c := range raw {
		pcm[i] = ulawTable[c]
	}
	return pcm
}

func interleave(l, r []int16) []int16 {
	out := make([]int16, 0, 2*len(l))
	for i := range l {
		out = append(out, l[i], r[i])
	}
	return out
}

// channel returns channel c of an interleaved signal with ch channels.
func channel(pcm []int16, ch, c int) []int16 {
	out := make([]int16, 0, len(pcm)/ch)
	for i := c; i < len(pcm); i += ch {
		out = append(out, pcm[i])
	}
	return out
}

// testInput returns secs seconds for m: music for mono; for stereo the
// music left and a different passage (60 s later) right, so the channels
// are unrelated and separation can be measured.
func testInput(t testing.TB, m mp3.Mode, secs float64) []int16 {
	left := music(t, 10, secs)
	if m.Channels() == 1 {
		return left
	}
	return interleave(left, music(t, 70, secs))
}

// writeTemp stores b in a new file of the test's temporary directory.
func writeTemp(t testing.TB, name string, b []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, b, 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

type probe struct {
	Streams []struct {
		CodecName  string `json:"codec_name"`
		SampleRate string `json:"sample_rate"`
		Channels   int    `json:"channels"`
		BitRate    string `json:"bit_rate"`
	} `json:"streams"`
	Format struct {
		Duration string `json:"duration"`
	} `json:"format"`
}

func ffprobe(t testing.TB, path string) probe {
	t.Helper()
	out := run(t, nil, "ffprobe", "-v", "error", "-of", "json",
		"-show_entries", "stream=codec_name,sample_rate,channels,bit_rate:format=duration", path)
	var p probe
	if err := json.Unmarshal(out, &p); err != nil || len(p.Streams) != 1 {
		t.Fatalf("ffprobe %s: %v: %s", path, err, out)
	}
	return p
}

func atof(t testing.TB, s string) float64 {
	t.Helper()
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// decodeFFmpeg decodes mp3 bytes to interleaved s16 with ffmpeg.
func decodeFFmpeg(t testing.TB, mp3 []byte) []int16 {
	t.Helper()
	return s16(run(t, mp3, "ffmpeg", "-v", "error", "-f", "mp3", "-i", "pipe:0", "-f", "s16le", "-"))
}

// decodeMpg123 decodes mp3 bytes to interleaved s16 with mpg123.
func decodeMpg123(t testing.TB, mp3 []byte) []int16 {
	t.Helper()
	return s16(run(t, mp3, "mpg123", "-q", "-s", "-"))
}

func run(t testing.TB, stdin []byte, name string, args ...string) []byte {
	t.Helper()
	if _, err := exec.LookPath(name); err != nil {
		t.Fatalf("%s not installed (make deps installs it)", name)
	}
	cmd := exec.Command(name, args...)
	var stderr bytes.Buffer
	cmd.Stdin, cmd.Stderr = bytes.NewReader(stdin), &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("%s: %v: %s", name, err, stderr.Bytes())
	}
	return out
}

func s16(b []byte) []int16 {
	pcm := make([]int16, len(b)/2)
	for i := range pcm {
		pcm[i] = int16(uint16(b[2*i]) | uint16(b[2*i+1])<<8)
	}
	return pcm
}

// findLag returns the delay of dec against ref (|lag| ≤ maxLag) with the
// highest normalised cross-correlation over a 2 s window from ref's second 1.
func findLag(ref, dec []int16, maxLag int) int {
	const from, n = 8000, 16000
	best, bestC := 0, math.Inf(-1)
	for lag := -maxLag; lag <= maxLag; lag++ {
		if from+lag < 0 || from+lag+n > len(dec) {
			continue
		}
		if c := correlation(ref[from:from+n], dec[from+lag:from+lag+n]); c > bestC {
			best, bestC = lag, c
		}
	}
	return best
}

// aligned returns the overlapping parts of ref and dec shifted by lag.
func aligned(ref, dec []int16, lag int) ([]int16, []int16) {
	if lag > 0 {
		dec = dec[lag:]
	} else {
		ref = ref[-lag:]
	}
	n := min(len(ref), len(dec))
	return ref[:n], dec[:n]
}

func correlation(a, b []int16) float64 {
	var ab, aa, bb float64
	for i := range a {
		x, y := float64(a[i]), float64(b[i])
		ab, aa, bb = ab+x*y, aa+x*x, bb+y*y
	}
	if aa == 0 || bb == 0 {
		return 0
	}
	return ab / math.Sqrt(aa*bb)
}

// snr is 10·log10(signal energy / error energy) in dB.
func snr(ref, dec []int16) float64 {
	var s, e float64
	for i := range ref {
		x, d := float64(ref[i]), float64(ref[i])-float64(dec[i])
		s, e = s+x*x, e+d*d
	}
	return 10 * math.Log10(s/e)
}

// TestULawTable checks the local decode table against the ITU-T STL one.
func TestULawTable(t *testing.T) {
	raw, err := os.ReadFile("../../../testdata/g711/ulaw_decode_table.tsv")
	if err != nil {
		t.Fatal(err)
	}
	rows := 0
	for _, line := range bytes.Split(raw, []byte("\n")) {
		f := bytes.Fields(line)
		if len(f) != 2 || !bytes.HasPrefix(f[0], []byte("0x")) {
			continue
		}
		code, _ := strconv.ParseUint(string(f[0][2:]), 16, 8)
		want, _ := strconv.Atoi(string(f[1]))
		if got := ulawTable[code]; int(got) != want {
			t.Errorf("code %#02x: got %d want %d", code, got, want)
		}
		rows++
	}
	if rows != 256 {
		t.Fatalf("read %d table rows, want 256", rows)
	}
}
