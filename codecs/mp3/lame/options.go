package lame

import (
	"fmt"

	"github.com/reel-project/reel/codecs/mp3"
)

// DefaultQuality is LAME's -q used when no WithQuality is given. In LAME
// 3.100 -q 8 and 9 are aliases of 7, so 7 is the fastest real setting: at
// 8 kHz and 8–32 kbit/s it encodes 1.2–2.3× faster than -q 5 (LAME's own
// default) at an equal or better SNR; see
// docs/decisions/0003-lame-through-cgo.md for the measurements.
const DefaultQuality = 7

// Options tunes an Encoder. The zero value is not used directly: NewEncoder
// starts from DefaultQuality and applies each Option.
type Options struct {
	// Quality is LAME's algorithm quality, 0 (best, slowest) to 9 (fastest).
	// It does not change the bit rate, only how well the bits are spent.
	Quality int
}

// Option sets one field of Options.
type Option func(*Options)

// WithQuality sets LAME's -q (0..9).
func WithQuality(q int) Option { return func(o *Options) { o.Quality = q } }

// newOptions validates m and applies opts over the defaults.
func newOptions(m mp3.Mode, opts []Option) (Options, error) {
	o := Options{Quality: DefaultQuality}
	for _, opt := range opts {
		opt(&o)
	}
	if !m.Valid() {
		return o, fmt.Errorf("%w: %d", mp3.ErrMode, int(m))
	}
	if o.Quality < 0 || o.Quality > 9 {
		return o, fmt.Errorf("%w: got %d", ErrQuality, o.Quality)
	}
	return o, nil
}
