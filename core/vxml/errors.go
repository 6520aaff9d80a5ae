package vxml

import "errors"

var (
	// ErrEnded is returned by Handle after the session has ended.
	ErrEnded = errors.New("vxml: session ended")
	// ErrNotWaiting is returned for an event the session is not waiting for.
	ErrNotWaiting = errors.New("vxml: event not expected now")
)
