package rtpio

import "errors"

var (
	// ErrClosed is returned by Send after Close.
	ErrClosed = errors.New("rtpio: session closed")
	// ErrNoRemote is returned by Send while the peer's address is unknown:
	// no SDP address yet and nothing latched.
	ErrNoRemote = errors.New("rtpio: no remote address")
	// ErrPayloadTooLarge is returned by Send for a payload that does not fit
	// one datagram.
	ErrPayloadTooLarge = errors.New("rtpio: payload too large")
)
