package mp3

import "errors"

var (
	// ErrNoCGO is returned by every entry point of a binary built without cgo:
	// MP3 needs libmp3lame, so such a build must refuse MP3 recording loudly.
	ErrNoCGO = errors.New("mp3: built without cgo: MP3 recording unavailable " +
		"(install libmp3lame-dev and build with CGO_ENABLED=1)")
	// ErrMode means a Mode value or mode name that is not one of the three.
	ErrMode = errors.New("mp3: unknown mode")
	// ErrQuality means a LAME quality outside 0..9.
	ErrQuality = errors.New("mp3: quality out of range 0..9")
	// ErrSampleCount means a stereo block whose length is not a whole number
	// of left/right pairs.
	ErrSampleCount = errors.New("mp3: sample count is not a multiple of the channel count")
	// ErrClosed means the encoder was used after Close.
	ErrClosed = errors.New("mp3: encoder closed")
	// ErrLame wraps a failing libmp3lame call; the message names the call
	// and its return code.
	ErrLame = errors.New("mp3: libmp3lame")
	// ErrFrameHeader means four bytes that are not a Layer III frame header;
	// the message names the field at fault.
	ErrFrameHeader = errors.New("mp3: not a Layer III frame header")
	// ErrNoFrames means Repair found no whole frame in the file, so there is
	// no audio to keep; the file is left as it was.
	ErrNoFrames = errors.New("mp3: no whole MPEG audio frame")
)
