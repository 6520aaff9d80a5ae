package wav

import (
	"fmt"
	"math"

	"github.com/reel-project/reel/codecs"
	"github.com/reel-project/reel/codecs/g711"
)

// Encoding is a WAVE format tag (the wFormatTag of the fmt chunk).
type Encoding uint16

// The encodings this package writes.
const (
	PCM16 Encoding = 1 // WAVE_FORMAT_PCM, 16-bit signed little-endian
	ALaw  Encoding = 6 // WAVE_FORMAT_ALAW, G.711 A-law
	MuLaw Encoding = 7 // WAVE_FORMAT_MULAW, G.711 µ-law
)

// String returns a short name: "PCM16", "A-law", "µ-law" or "tag N".
func (e Encoding) String() string {
	switch e {
	case PCM16:
		return "PCM16"
	case ALaw:
		return "A-law"
	case MuLaw:
		return "µ-law"
	}
	return fmt.Sprintf("tag %d", uint16(e))
}

// law returns the G.711 law of e; ok is false for PCM16.
func (e Encoding) law() (l g711.Law, ok bool) {
	switch e {
	case ALaw:
		return g711.ALaw, true
	case MuLaw:
		return g711.MuLaw, true
	}
	return 0, false
}

// Format describes the audio in a file.
type Format struct {
	Encoding   Encoding
	Channels   int // interleaved in the data chunk, left first
	SampleRate int // frames per second; 0 means codecs.SampleRate (8000)
}

// withDefaults fills in the zero SampleRate.
func (f Format) withDefaults() Format {
	if f.SampleRate == 0 {
		f.SampleRate = codecs.SampleRate
	}
	return f
}

// validate reports whether the header can describe f.
func (f Format) validate() error {
	if f.Encoding != PCM16 && f.Encoding != ALaw && f.Encoding != MuLaw {
		return fmt.Errorf("%w: format tag %d", ErrEncoding, uint16(f.Encoding))
	}
	if f.Channels < 1 || f.Channels > math.MaxUint16/f.bytesPerSample() {
		return fmt.Errorf("%w: %d", ErrChannels, f.Channels)
	}
	if f.SampleRate < 1 || int64(f.SampleRate)*int64(f.blockAlign()) > math.MaxUint32 {
		return fmt.Errorf("%w: %d Hz", ErrSampleRate, f.SampleRate)
	}
	return nil
}

// bytesPerSample is 2 for PCM16 and 1 for G.711.
func (f Format) bytesPerSample() int {
	if f.Encoding == PCM16 {
		return 2
	}
	return 1
}

// blockAlign is the size of one sample frame: one sample of every channel.
func (f Format) blockAlign() int { return f.Channels * f.bytesPerSample() }
