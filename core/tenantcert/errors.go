package tenantcert

import "errors"

// Errors returned by this package, wrapped with the profile and file.
var (
	// ErrNoCertificate: the profile has no certificate valid now.
	ErrNoCertificate = errors.New("tenantcert: no valid certificate")
	// ErrMalformed: a file is not PEM certificates (or also holds a private key).
	ErrMalformed = errors.New("tenantcert: malformed certificate file")
	// ErrWeak: a certificate's key is too weak or of an unusable type.
	ErrWeak = errors.New("tenantcert: unusable certificate key")
)
