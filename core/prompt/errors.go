package prompt

import "errors"

var (
	// ErrFormat is returned for data that is not audio this package decodes:
	// not WAV, G.711 or MP3, an unsupported encoding, sample size, channel
	// count or rate, a malformed chunk or frame, or no audio at all.
	ErrFormat = errors.New("prompt: unsupported audio")
	// ErrTooLong is returned for audio longer than the Loader's MaxDuration.
	ErrTooLong = errors.New("prompt: audio too long")
	// ErrSpeech is returned when text-to-speech fails: the plugin's error,
	// or audio from it that does not decode. The interpreter raises
	// error.noresource.
	ErrSpeech = errors.New("prompt: text-to-speech failed")
)
