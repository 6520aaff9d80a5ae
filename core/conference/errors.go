package conference

import "errors"

var (
	// ErrFull is returned by Join when the configured capacity is reached.
	ErrFull = errors.New("conference: at capacity")
	// ErrDraining is returned by Join while the engine is shutting down.
	ErrDraining = errors.New("conference: draining")
	// ErrNoRecording is returned for pause, resume or stop without a recording.
	ErrNoRecording = errors.New("conference: not recording")
	// ErrRecording is returned when a recording is started twice.
	ErrRecording = errors.New("conference: already recording")
	// ErrClosed is returned for operations on a leg that has left.
	ErrClosed = errors.New("conference: leg closed")
)
