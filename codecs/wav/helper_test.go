package wav

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"
	"time"
)

// fields are the header values of a WAV file.
type fields struct {
	riffSize                   uint32
	fmtSize                    uint32
	tag, channels, align, bits uint16
	rate, avgBytes             uint32
	cbSize                     int // -1 when the fmt chunk has no cbSize
	hasFact                    bool
	factSamples, dataSize      uint32
}

// parsed is a WAV file as an independent, test-only parser sees it.
type parsed struct {
	fields
	data     []byte
	chunks   []string // ids in file order
	fileSize int
}

// parseWAV decodes b, failing the test on anything a strict reader would reject.
func parseWAV(t *testing.T, b []byte) parsed {
	t.Helper()
	p := parsed{fields: fields{cbSize: -1}, fileSize: len(b)}
	if len(b) < 12 || string(b[:4]) != "RIFF" || string(b[8:12]) != "WAVE" {
		t.Fatalf("no RIFF/WAVE header in % x", b[:min(len(b), 12)])
	}
	le := binary.LittleEndian
	p.riffSize = le.Uint32(b[4:])
	if int(p.riffSize) != len(b)-8 {
		t.Fatalf("RIFF size %d, file has %d bytes", p.riffSize, len(b))
	}
	for pos := 12; pos < len(b); {
		if pos+8 > len(b) {
			t.Fatalf("chunk header cut at %d", pos)
		}
		id, n := string(b[pos:pos+4]), int(le.Uint32(b[pos+4:]))
		body := pos + 8
		if body+n > len(b) {
			t.Fatalf("chunk %q of %d bytes at %d runs past %d", id, n, pos, len(b))
		}
		p.chunks = append(p.chunks, id)
		c := b[body : body+n]
		switch id {
		case "fmt ":
			p.fmtSize = uint32(n)
			p.tag, p.channels = le.Uint16(c), le.Uint16(c[2:])
			p.rate, p.avgBytes = le.Uint32(c[4:]), le.Uint32(c[8:])
			p.align, p.bits = le.Uint16(c[12:]), le.Uint16(c[14:])
			if n >= 18 {
				p.cbSize = int(le.Uint16(c[16:]))
			}
		case "fact":
			p.hasFact, p.factSamples = true, le.Uint32(c)
		case "data":
			p.dataSize, p.data = uint32(n), c
		}
		pos = body + n + n&1
		if pos > len(b) {
			t.Fatalf("chunk %q at %d lacks its pad byte", id, body-8)
		}
	}
	return p
}

func readWAV(t *testing.T, path string) parsed {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return parseWAV(t, b)
}

// requireTool fails (never skips) the test when an external tool is missing:
// CI installs ffmpeg, and a silently skipped interoperability test proves nothing.
func requireTool(t *testing.T, name string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		t.Fatalf("%s is required for this test (apt-get install ffmpeg): %v", name, err)
	}
	return p
}

// probe is what ffprobe reports about the first audio stream.
type probe struct {
	Codec    string
	Rate     int
	Channels int
	Duration time.Duration
}

func ffprobe(t *testing.T, path string) probe {
	t.Helper()
	out := run(t, requireTool(t, "ffprobe"), "-v", "error", "-show_entries",
		"stream=codec_name,sample_rate,channels,duration", "-of", "json", path)
	var v struct {
		Streams []struct {
			CodecName  string `json:"codec_name"`
			SampleRate string `json:"sample_rate"`
			Channels   int    `json:"channels"`
			Duration   string `json:"duration"`
		} `json:"streams"`
	}
	if err := json.Unmarshal(out, &v); err != nil || len(v.Streams) != 1 {
		t.Fatalf("ffprobe %s: %v: %s", path, err, out)
	}
	s := v.Streams[0]
	rate, _ := strconv.Atoi(s.SampleRate)
	sec, err := strconv.ParseFloat(s.Duration, 64)
	if err != nil {
		t.Fatalf("ffprobe duration %q: %v", s.Duration, err)
	}
	return probe{s.CodecName, rate, s.Channels, time.Duration(math.Round(sec*1e6)) * time.Microsecond} // ffprobe prints µs
}

// ffmpegOut runs ffmpeg on path with the output options given and returns
// what it writes to stdout.
func ffmpegOut(t *testing.T, path string, outArgs ...string) []byte {
	t.Helper()
	args := append([]string{"-v", "error", "-nostdin", "-i", path}, outArgs...)
	return run(t, requireTool(t, "ffmpeg"), append(args, "-")...)
}

func run(t *testing.T, name string, args ...string) []byte {
	t.Helper()
	var stderr bytes.Buffer
	cmd := exec.Command(name, args...)
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("%s %v: %v: %s", filepath.Base(name), args, err, stderr.Bytes())
	}
	return out
}

// rawFormat is the ffmpeg muxer that copies the codec's bytes unchanged.
func rawFormat(e Encoding) string {
	return map[Encoding]string{PCM16: "s16le", ALaw: "alaw", MuLaw: "mulaw"}[e]
}

// codecName is ffprobe's name for e.
func codecName(e Encoding) string {
	return map[Encoding]string{PCM16: "pcm_s16le", ALaw: "pcm_alaw", MuLaw: "pcm_mulaw"}[e]
}

// allFormats is every encoding × mono/stereo at the default rate.
func allFormats() []Format {
	var fs []Format
	for _, e := range []Encoding{PCM16, MuLaw, ALaw} {
		for _, ch := range []int{1, 2} {
			fs = append(fs, Format{Encoding: e, Channels: ch, SampleRate: 8000})
		}
	}
	return fs
}

func formatName(f Format) string {
	return f.Encoding.String() + " " + map[int]string{1: "mono", 2: "stereo"}[f.Channels]
}

// tone returns n frames of a deterministic interleaved test signal that
// reaches every part of the 16-bit range.
func tone(frames, channels int) []int16 {
	pcm := make([]int16, frames*channels)
	for i := range pcm {
		pcm[i] = int16(uint16(i*7919 + i*i*31))
	}
	return pcm
}

// expectedBytes is what the data chunk must hold for pcm in encoding e.
func expectedBytes(e Encoding, pcm []int16) []byte {
	if law, ok := e.law(); ok {
		b := make([]byte, len(pcm))
		law.EncodeTo(b, pcm)
		return b
	}
	b := make([]byte, 2*len(pcm))
	for i, s := range pcm {
		binary.LittleEndian.PutUint16(b[2*i:], uint16(s))
	}
	return b
}

// writeFile writes pcm with WritePCM in 20 ms frames, closes and returns the path.
func writeFile(t *testing.T, f Format, pcm []int16) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "rec.wav")
	w, err := New(path, f)
	if err != nil {
		t.Fatal(err)
	}
	step := 160 * f.Channels
	for off := 0; off < len(pcm); off += step {
		if err := w.WritePCM(pcm[off:min(off+step, len(pcm))]); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}
