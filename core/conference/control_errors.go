package conference

import "errors"

// Sentinels of MSML recording control (control.go).
var (
	// ErrNoDialog is returned when the active recording is not the one an
	// MSML request names (another dialog name, or another leg).
	ErrNoDialog = errors.New("conference: no such recording dialog")
	// ErrPaused is returned for a pause while paused.
	ErrPaused = errors.New("conference: already paused")
	// ErrNotPaused is returned for a resume while recording.
	ErrNotPaused = errors.New("conference: not paused")
)
