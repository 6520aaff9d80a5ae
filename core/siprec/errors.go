package siprec

import "errors"

// Sentinels, wrapped with details (test with errors.Is). The numbers in
// brackets are the SIP status codes core/app answers with.
var (
	// ErrMalformed is returned for a body that cannot be read: a broken
	// multipart body, metadata that is not XML or not a <recording>, an
	// SDP without m-lines. [400]
	ErrMalformed = errors.New("siprec: malformed offer")
	// ErrUnsupported is returned for a body of a type other than
	// application/sdp or multipart/mixed, or a multipart body without an
	// SDP part. [415]
	ErrUnsupported = errors.New("siprec: unsupported body")
	// ErrNoStreams is returned when no stream of an offer can be recorded
	// (no audio m-line with a codec in common). [488]
	ErrNoStreams = errors.New("siprec: no recordable stream")
)
