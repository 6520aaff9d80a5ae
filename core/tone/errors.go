package tone

import "errors"

var (
	// ErrFetch is returned when the tone cannot be fetched or read: a bad or
	// disallowed URI, a network error, a timeout or a non-2xx HTTP status.
	ErrFetch = errors.New("tone: fetch failed")
	// ErrFormat is returned for data that is not a WAV file this package
	// plays: not RIFF/WAVE, an unsupported encoding, sample size or channel
	// count, a malformed chunk, or no audio at all.
	ErrFormat = errors.New("tone: unsupported file")
	// ErrTooLarge is returned when the file exceeds LoadOptions.MaxBytes or
	// its audio lasts longer than MaxDuration.
	ErrTooLarge = errors.New("tone: too large")
	// ErrRate is returned for a sample rate other than 8000 Hz; the error
	// names the rate. Tones are never resampled.
	ErrRate = errors.New("tone: unsupported sample rate")
)
