//go:build cgo

package mp3

import (
	"math"
	"testing"
)

// TestRepairCutLAMEOutput cuts real encoder output inside a frame, as a
// kill -9 does, and checks the repaired file with ffprobe and ffmpeg.
func TestRepairCutLAMEOutput(t *testing.T) {
	for _, m := range []Mode{Mono8, Stereo16, Stereo32} {
		t.Run(m.String()+" cut mid-frame plays to its last whole frame", func(t *testing.T) {
			whole := encode(t, m, testInput(t, m, 6), 20)
			frameLen := 72 * m.Bitrate() * 1000 / 8000
			cut := len(whole) - frameLen/2 - 3
			path := writeTemp(t, "cut.mp3", whole[:cut])
			r, err := Repair(path)
			if err != nil {
				t.Fatal(err)
			}
			if r.Frames != cut/frameLen || r.AudioEnd != int64(r.Frames*frameLen) || r.Trimmed != int64(cut%frameLen) {
				t.Fatalf("report %+v for %d bytes of %d-byte frames", r, cut, frameLen)
			}
			p := ffprobe(t, path)
			got := atof(t, p.Format.Duration)
			if math.Abs(got-r.Duration().Seconds()) > 0.072 {
				t.Errorf("ffprobe says %.3f s, Repair %v", got, r.Duration())
			}
			if n := int64(len(decodeFFmpeg(t, readFile(t, path))) / m.Channels()); n != r.Samples {
				t.Errorf("ffmpeg decodes %d samples per channel, Repair counts %d", n, r.Samples)
			}
		})
	}
}
