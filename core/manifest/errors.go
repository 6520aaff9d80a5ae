package manifest

import "errors"

// Errors returned by this package, wrapped with the details.
var (
	// ErrMalformed: a manifest is not valid JSON of this format.
	ErrMalformed = errors.New("manifest: malformed")
	// ErrFile: a stored file's size or SHA-256 differs from its manifest.
	ErrFile = errors.New("manifest: file does not match the manifest")
	// ErrChain: a manifest's previous hash or sequence does not follow the one before.
	ErrChain = errors.New("manifest: broken hash chain")
)
