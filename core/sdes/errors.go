package sdes

import "errors"

// Sentinels, wrapped with details (test with errors.Is).
var (
	// ErrMalformed is an a=crypto value that does not follow RFC 4568 §9.2:
	// the offer is broken, the SIP layer answers 400 or skips the line.
	ErrMalformed = errors.New("sdes: malformed crypto attribute")
	// ErrUnsupported is a well-formed line we do not accept: an unknown
	// suite, several keys, an MKI, a weakening session parameter.
	ErrUnsupported = errors.New("sdes: unsupported crypto attribute")
)
