package logging

import "errors"

// Sentinel errors returned by New, ParseLevel and CheckFormat.
var (
	ErrLevel  = errors.New("unknown log level")
	ErrFormat = errors.New("unknown log format")
)
