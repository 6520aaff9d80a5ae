package httpapi

import "errors"

// ErrStarted is returned by a second Start.
var ErrStarted = errors.New("httpapi: server already started")
