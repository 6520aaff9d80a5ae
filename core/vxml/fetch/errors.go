package fetch

import (
	"errors"
	"fmt"
)

var (
	// ErrFetch is the class of every failure; VoiceXML raises error.badfetch.
	ErrFetch = errors.New("fetch: failed")
	// ErrScheme is returned for a URI scheme other than http, https and file.
	ErrScheme = errors.New("fetch: unsupported scheme")
	// ErrOutsideRoots is returned for a file: URI outside the configured roots.
	ErrOutsideRoots = errors.New("fetch: file outside the allowed roots")
	// ErrTooLarge is returned for a body over the size limit.
	ErrTooLarge = errors.New("fetch: body too large")
)

// StatusError is an HTTP answer other than 200 (or 304 on revalidation);
// VoiceXML raises error.badfetch.http.<Code>.
type StatusError struct {
	URL  string
	Code int
}

func (e *StatusError) Error() string { return fmt.Sprintf("fetch: %s: HTTP %d", e.URL, e.Code) }

// Unwrap makes a StatusError an ErrFetch.
func (e *StatusError) Unwrap() error { return ErrFetch }
