package recording

import "errors"

var (
	// ErrUnknownFormat is returned for a format name or MIME type Reel cannot write.
	ErrUnknownFormat = errors.New("recording: unknown format")
	// ErrState is returned for an operation the recording's state does not allow
	// (pause while paused, resume while recording, anything after stop).
	ErrState = errors.New("recording: operation not allowed in this state")
	// ErrNoFormats is returned when a recording is started with no output format.
	ErrNoFormats = errors.New("recording: no output formats")
	// ErrOpen is returned by Stop when the recording's folder or files could
	// not be created (Failed).
	ErrOpen = errors.New("recording: files not created")
)
