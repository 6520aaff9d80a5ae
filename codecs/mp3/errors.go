package mp3

import "errors"

var (
	// ErrMode means a Mode value or mode name that is not one of the three.
	ErrMode = errors.New("mp3: unknown mode")
	// ErrFrameHeader means four bytes that are not a Layer III frame header;
	// the message names the field at fault.
	ErrFrameHeader = errors.New("mp3: not a Layer III frame header")
	// ErrNoFrames means Repair found no whole frame in the file, so there is
	// no audio to keep; the file is left as it was.
	ErrNoFrames = errors.New("mp3: no whole MPEG audio frame")
)
