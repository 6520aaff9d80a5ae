package cms

import "errors"

// Errors returned by this package, wrapped with the detail; test with errors.Is.
var (
	// ErrMalformed: the input is not a CMS message this package reads
	// (bad DER, a truncated file, an unexpected field).
	ErrMalformed = errors.New("cms: malformed or damaged message")
	// ErrUnsupported: a well-formed message uses an algorithm or feature
	// this package does not implement.
	ErrUnsupported = errors.New("cms: unsupported algorithm or feature")
	// ErrNoRecipient: none of the message's recipients can be opened with
	// the given key (the wrong key, or a file made for other certificates).
	ErrNoRecipient = errors.New("cms: no recipient matches this key")
	// ErrIntegrity: the content does not decrypt to valid plaintext (bad
	// CBC padding, or the GCM tag does not match): damaged or altered.
	ErrIntegrity = errors.New("cms: content damaged or altered")
	// ErrSize: the writer was given more or fewer bytes than announced.
	ErrSize = errors.New("cms: plaintext size differs from the announced size")
	// ErrKey: a certificate's or private key's type or size is not usable.
	ErrKey = errors.New("cms: unusable key")
	// ErrSignature: a SignedData signature or message digest does not verify.
	ErrSignature = errors.New("cms: signature does not verify")
)
