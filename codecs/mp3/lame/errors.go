package lame

import "errors"

var (
	// ErrNoCGO is returned by every entry point of a binary built without cgo:
	// MP3 needs libmp3lame, so such a build must refuse MP3 recording loudly.
	ErrNoCGO = errors.New("lame: built without cgo: MP3 recording unavailable " +
		"(install libmp3lame-dev and build with CGO_ENABLED=1)")
	// ErrQuality means a LAME quality outside 0..9.
	ErrQuality = errors.New("lame: quality out of range 0..9")
	// ErrSampleCount means a stereo block whose length is not a whole number
	// of left/right pairs.
	ErrSampleCount = errors.New("lame: sample count is not a multiple of the channel count")
	// ErrClosed means the encoder was used after Close.
	ErrClosed = errors.New("lame: encoder closed")
	// ErrLame wraps a failing libmp3lame call; the message names the call
	// and its return code.
	ErrLame = errors.New("lame: libmp3lame")
)
