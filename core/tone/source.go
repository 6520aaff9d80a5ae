package tone

import (
	"fmt"
	"time"

	"github.com/reel-project/reel/codecs"
)

// MaxDuration is the longest tone accepted. A notification beep lasts well
// under a second; ten seconds leaves room for a spoken announcement.
const MaxDuration = 10 * time.Second

// maxSamples is MaxDuration in samples.
const maxSamples = int(MaxDuration / time.Second * codecs.SampleRate)

// Source is a decoded tone: 8 kHz mono PCM16 samples, at least one and at
// most MaxDuration of them. It is immutable after construction, so one
// Source may back any number of Players on any goroutines.
type Source struct {
	pcm []int16
}

// NewSource returns a Source holding a copy of pcm (8 kHz mono samples), for
// tones that do not come from a WAV file, such as a built-in beep. It fails
// with ErrFormat for an empty slice and ErrTooLarge beyond MaxDuration.
func NewSource(pcm []int16) (*Source, error) {
	if err := checkLength(len(pcm)); err != nil {
		return nil, err
	}
	return &Source{pcm: append([]int16(nil), pcm...)}, nil
}

// checkLength validates a tone length in samples.
func checkLength(n int) error {
	if n == 0 {
		return fmt.Errorf("%w: no audio samples", ErrFormat)
	}
	if n > maxSamples {
		return fmt.Errorf("%w: %v of audio, limit %v", ErrTooLarge, samplesToDuration(n), MaxDuration)
	}
	return nil
}

// Len returns the tone's length in samples.
func (s *Source) Len() int { return len(s.pcm) }

// Duration returns the tone's length.
func (s *Source) Duration() time.Duration { return samplesToDuration(len(s.pcm)) }

// Samples returns the tone's samples. The slice is the Source's own: the
// caller must not modify it.
func (s *Source) Samples() []int16 { return s.pcm }

func samplesToDuration(n int) time.Duration {
	return time.Duration(n) * time.Second / codecs.SampleRate
}

// durationToSamples converts d to whole samples, truncating; negative
// durations give 0.
func durationToSamples(d time.Duration) int {
	if d <= 0 {
		return 0
	}
	whole := int64(d/time.Second) * codecs.SampleRate
	return int(whole + int64(d%time.Second)*codecs.SampleRate/int64(time.Second))
}
