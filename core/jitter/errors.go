package jitter

import "errors"

// Errors returned by New, wrapped with the offending values.
var (
	// ErrClockRate: the RTP clock rate is outside 1000–192000 Hz.
	ErrClockRate = errors.New("jitter: clock rate out of range")
	// ErrFrameSamples: the Pop frame is empty or longer than one second.
	ErrFrameSamples = errors.New("jitter: frame size out of range")
	// ErrDelay: TargetMs or MaxMs is out of range, or MaxMs leaves less than
	// two frames of room above TargetMs.
	ErrDelay = errors.New("jitter: delay out of range")
	// ErrDecoder: no decoder was given, one is nil, or its payload type is not 0–127.
	ErrDecoder = errors.New("jitter: bad decoder table")
	// ErrPayloadType: EventPT or CNPT is not a payload type, or two roles share one.
	ErrPayloadType = errors.New("jitter: bad payload type")
)
