package driver

import (
	"errors"
	"fmt"
	"strings"
	"time"
)

// ErrScript is returned for a malformed input script.
var ErrScript = errors.New("driver: bad input script")

// Keys is a group of DTMF keys. With At set (Timed) they are pressed at that
// virtual time; otherwise when the session next collects input.
type Keys struct {
	Keys  string
	At    time.Duration
	Timed bool
}

// ParseDTMF reads "1234#@2s,9@10s": comma-separated groups, each optionally
// timed with @ and a Go duration. Spaces also separate untimed groups.
func ParseDTMF(s string) ([]Keys, error) {
	var out []Keys
	for _, part := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ' ' }) {
		keys, at, timed := strings.Cut(part, "@")
		k := Keys{Keys: keys, Timed: timed}
		if timed {
			d, err := time.ParseDuration(at)
			if err != nil || d < 0 {
				return nil, fmt.Errorf("%w: %q: bad time", ErrScript, part)
			}
			k.At = d
		}
		for _, c := range keys {
			if !strings.ContainsRune("0123456789*#ABCD", c) {
				return nil, fmt.Errorf("%w: %q is not a DTMF key", ErrScript, c)
			}
		}
		out = append(out, k)
	}
	return out, nil
}
