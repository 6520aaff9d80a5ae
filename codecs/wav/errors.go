package wav

import "errors"

// Errors returned by this package, wrapped with the numbers that caused them;
// test with errors.Is.
var (
	// ErrEncoding: the Format's Encoding is not PCM16, ALaw or MuLaw.
	ErrEncoding = errors.New("wav: unsupported encoding")
	// ErrChannels: the channel count is below 1 or too large for the header.
	ErrChannels = errors.New("wav: unsupported channel count")
	// ErrSampleRate: the sample rate is negative or too large for the header.
	ErrSampleRate = errors.New("wav: unsupported sample rate")
	// ErrPartialFrame: a write is not a whole number of sample frames.
	ErrPartialFrame = errors.New("wav: not a whole number of sample frames")
	// ErrTooLarge: the data would not fit the 32-bit RIFF sizes (4 GiB).
	ErrTooLarge = errors.New("wav: data exceeds the RIFF size limit")
	// ErrClosed: the Writer was used after Close.
	ErrClosed = errors.New("wav: writer is closed")
	// ErrNotWAV: Repair was given a file that does not start as RIFF/WAVE.
	ErrNotWAV = errors.New("wav: not a RIFF/WAVE file")
	// ErrTruncatedHeader: the file ends before the first sample byte, so
	// there is no audio to recover.
	ErrTruncatedHeader = errors.New("wav: file ends inside the header")
	// ErrBadHeader: the header is complete but makes no sense (no fmt chunk
	// before the data, a zero block size, ...).
	ErrBadHeader = errors.New("wav: malformed header")
)
