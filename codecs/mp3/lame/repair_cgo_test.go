//go:build cgo

package lame

import (
	"math"
	"os"
	"testing"

	"github.com/reel-project/reel/codecs/mp3"
)

// TestRepairCutLAMEOutput cuts real encoder output inside a frame, as a
// kill -9 does, and checks the repaired file with ffprobe and ffmpeg.
func TestRepairCutLAMEOutput(t *testing.T) {
	for _, m := range []mp3.Mode{mp3.Mono8, mp3.Stereo16, mp3.Stereo32} {
		t.Run(m.String()+" cut mid-frame plays to its last whole frame", func(t *testing.T) {
			whole := encode(t, m, testInput(t, m, 6), 20)
			frameLen := 72 * m.Bitrate() * 1000 / 8000
			cut := len(whole) - frameLen/2 - 3
			path := writeTemp(t, "cut.mp3", whole[:cut])
			r, err := mp3.Repair(path)
			if err != nil {
				t.Fatal(err)
			}
			if r.Frames != cut/frameLen || r.AudioEnd != int64(r.Frames*frameLen) || r.Trimmed != int64(cut%frameLen) {
				t.Fatalf("report %+v for %d bytes of %d-byte frames", r, cut, frameLen)
			}
			p := ffprobe(t, path)
			got := atof(t, p.Format.Duration)
			if math.Abs(got-r.Duration().Seconds()) > 0.072 {
				t.Errorf("ffprobe says %.3f s, mp3.Repair %v", got, r.Duration())
			}
			if n := int64(len(decodeFFmpeg(t, readBack(t, path))) / m.Channels()); n != r.Samples {
				t.Errorf("ffmpeg decodes %d samples per channel, mp3.Repair counts %d", n, r.Samples)
			}
		})
	}
}

func readBack(t testing.TB, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
