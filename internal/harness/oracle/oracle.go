package oracle

import (
	"encoding/binary"
	"encoding/json"
	"fmt"
	"os/exec"
	"strconv"
)

// Info is what ffprobe reports about a file's first audio stream.
type Info struct {
	Format     string  // container, e.g. "wav", "mp3"
	Codec      string  // e.g. "pcm_mulaw", "mp3"
	SampleRate int     // Hz
	Channels   int     //
	BitRate    int     // bit/s of the stream (0 when ffprobe does not say)
	Duration   float64 // seconds
}

// Probe runs ffprobe on path.
func Probe(path string) (Info, error) {
	out, err := exec.Command("ffprobe", "-v", "error", "-print_format", "json",
		"-show_format", "-show_streams", path).Output()
	if err != nil {
		return Info{}, fmt.Errorf("ffprobe %s: %w", path, errText(err))
	}
	var r struct {
		Streams []struct {
			Codec      string `json:"codec_name"`
			SampleRate string `json:"sample_rate"`
			Channels   int    `json:"channels"`
			BitRate    string `json:"bit_rate"`
			Duration   string `json:"duration"`
		} `json:"streams"`
		Format struct {
			Name     string `json:"format_name"`
			Duration string `json:"duration"`
		} `json:"format"`
	}
	if err := json.Unmarshal(out, &r); err != nil || len(r.Streams) == 0 {
		return Info{}, fmt.Errorf("ffprobe %s: no audio stream (%v)", path, err)
	}
	s := r.Streams[0]
	info := Info{Format: r.Format.Name, Codec: s.Codec, Channels: s.Channels}
	info.SampleRate, _ = strconv.Atoi(s.SampleRate)
	info.BitRate, _ = strconv.Atoi(s.BitRate)
	d := s.Duration
	if d == "" {
		d = r.Format.Duration
	}
	info.Duration, _ = strconv.ParseFloat(d, 64)
	return info, nil
}

// DecodePCM decodes path with ffmpeg to interleaved signed 16-bit samples at
// 8 kHz, keeping the file's channel count.
func DecodePCM(path string) ([]int16, error) {
	out, err := exec.Command("ffmpeg", "-v", "error", "-i", path, "-f", "s16le", "-ar", "8000", "-").Output()
	if err != nil {
		return nil, fmt.Errorf("ffmpeg %s: %w", path, errText(err))
	}
	pcm := make([]int16, len(out)/2)
	for i := range pcm {
		pcm[i] = int16(binary.LittleEndian.Uint16(out[2*i:]))
	}
	return pcm, nil
}

func errText(err error) error {
	if ee, ok := err.(*exec.ExitError); ok && len(ee.Stderr) > 0 {
		return fmt.Errorf("%w: %s", err, ee.Stderr)
	}
	return err
}
