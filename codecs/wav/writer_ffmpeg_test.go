package wav

import (
	"bytes"
	"encoding/binary"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/reel-project/reel/codecs/g711"
)

func TestFFprobeReadsWhatWeWrite(t *testing.T) {
	const frames = 12345 // 1.543125 s; odd, so mono G.711 carries a pad byte
	for _, f := range allFormats() {
		t.Run(formatName(f)+" is probed with our codec, rate, channels and duration", func(t *testing.T) {
			got := ffprobe(t, writeFile(t, f, tone(frames, f.Channels)))
			want := probe{codecName(f.Encoding), 8000, f.Channels, 1543125 * time.Microsecond}
			if got != want {
				t.Errorf("ffprobe %+v, want %+v", got, want)
			}
		})
	}
}

func TestFFmpegCopiesOurBytesBack(t *testing.T) {
	for _, f := range allFormats() {
		t.Run(formatName(f)+" stream copy gives back the data chunk bit for bit", func(t *testing.T) {
			pcm := tone(4001, f.Channels)
			got := ffmpegOut(t, writeFile(t, f, pcm), "-c", "copy", "-f", rawFormat(f.Encoding))
			if want := expectedBytes(f.Encoding, pcm); !bytes.Equal(got, want) {
				t.Errorf("ffmpeg gave %d bytes, we wrote %d (or they differ)", len(got), len(want))
			}
		})
	}
}

// The real-audio fixtures: two minutes of music as raw RTP payload bytes.
var realAudio = []struct {
	file string
	enc  Encoding
	law  g711.Law
}{
	{"pcmu.1.8k.raw", MuLaw, g711.MuLaw},
	{"pcma.1.8k.raw", ALaw, g711.ALaw},
}

func TestFFmpegDecodesRealAudioLikeOurTables(t *testing.T) {
	for _, a := range realAudio {
		t.Run(a.law.String()+" payloads recorded as received decode to our PCM", func(t *testing.T) {
			codes, err := os.ReadFile(filepath.Join("../../testdata/audio", a.file))
			if err != nil {
				t.Fatal(err)
			}
			path := filepath.Join(t.TempDir(), "rec.wav")
			w, err := New(path, Format{Encoding: a.enc, Channels: 1})
			if err != nil {
				t.Fatal(err)
			}
			for off := 0; off < len(codes); off += 160 {
				if err := w.WriteEncoded(codes[off : off+160]); err != nil {
					t.Fatal(err)
				}
			}
			if err := w.Close(); err != nil {
				t.Fatal(err)
			}
			want := make([]int16, len(codes))
			a.law.DecodeTo(want, codes)
			got := ffmpegOut(t, path, "-f", "s16le", "-c:a", "pcm_s16le")
			if len(got) != 2*len(want) {
				t.Fatalf("ffmpeg decoded %d samples, want %d", len(got)/2, len(want))
			}
			for i, s := range want {
				if g := int16(binary.LittleEndian.Uint16(got[2*i:])); g != s {
					t.Fatalf("sample %d: ffmpeg %d, our table %d", i, g, s)
				}
			}
		})
	}
}
