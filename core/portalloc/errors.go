package portalloc

import "errors"

var (
	// ErrRange means the configured range holds no even/odd port pair.
	ErrRange = errors.New("portalloc: invalid port range")
	// ErrAddr means the bind address is not a valid IP address.
	ErrAddr = errors.New("portalloc: invalid bind address")
	// ErrExhausted means no free pair could be bound.
	ErrExhausted = errors.New("portalloc: no free RTP port pair")
)
