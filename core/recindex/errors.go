package recindex

import "errors"

// Errors a caller maps to HTTP statuses: ErrNotFound → 404, ErrQuery → 400.
var (
	ErrNotFound = errors.New("recindex: no such recording")
	ErrQuery    = errors.New("recindex: bad query")
)
