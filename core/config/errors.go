package config

import "github.com/reel-project/reel/internal/configload"

// KeyError is a problem with one configuration key (see configload).
type KeyError = configload.KeyError

// Sentinel errors; a KeyError wraps one of them.
var (
	ErrSyntax     = configload.ErrSyntax     // the file is not valid YAML
	ErrUnknownKey = configload.ErrUnknownKey // the file has a key the daemon does not know
	ErrShape      = configload.ErrShape      // a list or section where a value is expected, or the reverse
	ErrInvalid    = configload.ErrInvalid    // a value out of range or malformed (Validate)
)

// invalid returns a KeyError of kind ErrInvalid.
func invalid(key, format string, args ...any) *KeyError {
	return configload.Invalid(key, format, args...)
}
