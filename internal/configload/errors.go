package configload

import (
	"errors"
	"fmt"
)

// Sentinel errors; a KeyError wraps one of them.
var (
	// ErrSyntax: the file is not valid YAML.
	ErrSyntax = errors.New("invalid YAML")
	// ErrUnknownKey: the file has a key the daemon does not know.
	ErrUnknownKey = errors.New("unknown key")
	// ErrShape: a key holds a list or section where a value is expected, or
	// the other way round.
	ErrShape = errors.New("wrong kind of value")
	// ErrInvalid: a value is out of range or malformed (Validate).
	ErrInvalid = errors.New("invalid value")
)

// KeyError is a problem with one configuration key.
type KeyError struct {
	Key  string // dotted key, with an index for list items: "recording.formats[1]"
	Line int    // line in the file, 0 when unknown or not from the file
	From string // the REEL_* variable or --flag that set the value, if one did
	Msg  string // what is wrong, for people
	Kind error  // one of the sentinels above
}

// Error reads "line 12: recording.formatz: unknown key",
// "recording.formats[1]: unknown format "mp3-64" (want one of …)" or
// "sip.listen (from REEL_SIP_LISTEN): …".
func (e *KeyError) Error() string {
	msg := e.Msg
	if msg == "" {
		msg = e.Kind.Error()
	}
	key := e.Key
	if e.From != "" {
		key += " (from " + e.From + ")"
	}
	if e.Line > 0 {
		return fmt.Sprintf("line %d: %s: %s", e.Line, key, msg)
	}
	return key + ": " + msg
}

// Unwrap returns the sentinel, for errors.Is.
func (e *KeyError) Unwrap() error { return e.Kind }

// Invalid returns a KeyError of kind ErrInvalid.
func Invalid(key, format string, args ...any) *KeyError {
	return &KeyError{Key: key, Msg: fmt.Sprintf(format, args...), Kind: ErrInvalid}
}
