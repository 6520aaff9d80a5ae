package sdp

import "errors"

// Sentinels, always wrapped with details (test with errors.Is). The SIP layer
// maps them to status codes; the numbers in brackets are the intended ones.
var (
	// ErrMalformed is returned for SDP that cannot be parsed: syntax, a missing
	// or non-IP connection address, a body over 64 KiB. [400]
	ErrMalformed = errors.New("sdp: malformed")
	// ErrNoAudio is returned when no m-line is an enabled RTP/AVP audio stream,
	// or when an answer rejected our audio stream. [488, Warning 304]
	ErrNoAudio = errors.New("sdp: no usable audio stream")
	// ErrNoCommonCodec is returned when no offered codec is one of ours, or an
	// answer picked a codec we did not offer. [488, Warning 305]
	ErrNoCommonCodec = errors.New("sdp: no common codec")
	// ErrBadPtime is returned when the packet time (a=ptime, bounded by
	// a=maxptime) is outside 10–30 ms. [488, Warning 305]
	ErrBadPtime = errors.New("sdp: unsupported packet time")
	// ErrLocal is returned for an invalid Local (a bug or bad config, not the
	// peer's fault). [500]
	ErrLocal = errors.New("sdp: invalid local description")
)

// ErrSecurity is returned when the SRTP policy and the offer or answer do not
// meet: a plain stream where SRTP is required, a secure one where it is off,
// no acceptable a=crypto line. [488]
var ErrSecurity = errors.New("sdp: no acceptable media security")
