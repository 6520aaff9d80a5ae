package prompt

import (
	"fmt"

	"github.com/reel-project/reel/codecs/mp3/lame"
)

// isMP3 reports whether b starts like an MP3 file: an ID3v2 tag or an MPEG
// audio frame sync.
func isMP3(b []byte) bool {
	return len(b) >= 3 && string(b[:3]) == "ID3" || len(b) >= 2 && b[0] == 0xFF && b[1]&0xE0 == 0xE0
}

// decodeMP3 decodes an MP3 file with LAME's decoder (codecs/mp3/lame),
// averages stereo to mono and resamples to 8 kHz.
func decodeMP3(b []byte, maxSamples int) (*Audio, error) {
	d, err := lame.Decode(b, SamplesToDuration(maxSamples))
	if err != nil {
		return nil, fmt.Errorf("%w: MP3: %w", ErrFormat, err)
	}
	if d.Truncated {
		return nil, fmt.Errorf("%w: MP3 longer than %v", ErrTooLong, SamplesToDuration(maxSamples))
	}
	if len(d.Left) == 0 {
		return nil, fmt.Errorf("%w: MP3 without audio frames", ErrFormat)
	}
	if d.Rate < minRate || d.Rate > maxRate {
		return nil, fmt.Errorf("%w: MP3 at %d Hz", ErrFormat, d.Rate)
	}
	mono := d.Left
	if d.Right != nil {
		mono = make([]int16, len(d.Left))
		for i := range mono {
			mono[i] = int16((int32(d.Left[i]) + int32(d.Right[i])) >> 1)
		}
	}
	if err := checkLength(outLen(len(mono), d.Rate), maxSamples); err != nil {
		return nil, err
	}
	return &Audio{pcm: resample(mono, d.Rate)}, nil
}
