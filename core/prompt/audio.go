package prompt

import (
	"fmt"
	"time"

	"github.com/reel-project/reel/codecs"
)

// Audio is decoded audio: 8 kHz mono PCM16 samples. It is immutable after
// construction, so one Audio backs any number of Players on any goroutines.
type Audio struct {
	pcm []int16
}

// NewAudio returns an Audio holding a copy of pcm (8 kHz mono samples), for
// audio that is made rather than decoded, such as a built-in beep. It fails
// with ErrFormat for an empty slice.
func NewAudio(pcm []int16) (*Audio, error) {
	if len(pcm) == 0 {
		return nil, fmt.Errorf("%w: no audio samples", ErrFormat)
	}
	return &Audio{pcm: append([]int16(nil), pcm...)}, nil
}

// Len returns the length in samples.
func (a *Audio) Len() int { return len(a.pcm) }

// Duration returns the length in time.
func (a *Audio) Duration() time.Duration { return SamplesToDuration(len(a.pcm)) }

// Samples returns the samples. The slice is the Audio's own: the caller must
// not modify it.
func (a *Audio) Samples() []int16 { return a.pcm }

// size is what the Audio costs a Cache, in bytes.
func (a *Audio) size() int64 { return int64(2 * len(a.pcm)) }

// SamplesToDuration converts a count of 8 kHz samples to a duration.
func SamplesToDuration(n int) time.Duration {
	return time.Duration(n) * time.Second / codecs.SampleRate
}

// DurationToSamples converts d to whole 8 kHz samples, truncating; negative
// durations give 0.
func DurationToSamples(d time.Duration) int {
	if d <= 0 {
		return 0
	}
	whole := int64(d/time.Second) * codecs.SampleRate
	return int(whole + int64(d%time.Second)*codecs.SampleRate/int64(time.Second))
}
