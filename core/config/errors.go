package config

import (
	"github.com/spf13/pflag"

	"github.com/reel-project/reel/internal/configload"
)

// KeyError is a problem with one configuration key (see configload).
type KeyError = configload.KeyError

// Sentinel errors; a KeyError wraps one of them.
var (
	ErrSyntax     = configload.ErrSyntax     // the file is not valid YAML
	ErrUnknownKey = configload.ErrUnknownKey // the file has a key the daemon does not know
	ErrShape      = configload.ErrShape      // a list or section where a value is expected, or the reverse
	ErrInvalid    = configload.ErrInvalid    // a value out of range or malformed (Validate)
	ErrUnusable   = configload.ErrUnusable   // a valid value unusable at start (Unusable)
)

// Unusable returns a KeyError of kind ErrUnusable: a valid value the daemon
// cannot use at start (a directory it cannot write, an address in use),
// with the fix. Explain adds where the value came from.
func Unusable(key, format string, args ...any) *KeyError {
	return configload.Unusable(key, format, args...)
}

// Explain names where the value of each Unusable key of err came from:
// the flag, the REEL_* variable, the file's line or the default.
func Explain(err error, fs *pflag.FlagSet, env []string) error {
	return configload.Explain(spec, err, fs, env)
}

// invalid returns a KeyError of kind ErrInvalid.
func invalid(key, format string, args ...any) *KeyError {
	return configload.Invalid(key, format, args...)
}
