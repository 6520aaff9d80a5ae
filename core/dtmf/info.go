package dtmf

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// ErrBody is returned for a SIP INFO body that carries no valid key.
var ErrBody = errors.New("dtmf: bad INFO body")

// maxBody bounds the INFO bodies parsed; real ones are a few dozen bytes.
const maxBody = 1024

// Press is one key from a SIP INFO request.
type Press struct {
	Key      byte
	Duration time.Duration // 0 when the body does not say
}

// ParseRelay parses an application/dtmf-relay body (the Cisco format most
// SIP equipment sends): lines "Signal=5" and "Duration=160" (milliseconds),
// in any order, separated by CRLF or LF, names case-insensitive, spaces
// around "=" allowed, other lines ignored. Signal is a key, or "10"/"11" for
// '*'/'#' as some gateways send. Signal is required; Duration is optional.
func ParseRelay(body []byte) (Press, error) {
	if len(body) > maxBody {
		return Press{}, fmt.Errorf("%w: %d bytes, limit %d", ErrBody, len(body), maxBody)
	}
	var p Press
	haveSignal := false
	for line := range strings.Lines(string(body)) {
		name, value, ok := strings.Cut(line, "=")
		if !ok {
			continue
		}
		value = strings.TrimSpace(value)
		switch strings.ToLower(strings.TrimSpace(name)) {
		case "signal":
			k, err := relayKey(value)
			if err != nil {
				return Press{}, err
			}
			p.Key, haveSignal = k, true
		case "duration":
			ms, err := strconv.ParseUint(value, 10, 31)
			if err != nil {
				return Press{}, fmt.Errorf("%w: Duration %q is not milliseconds", ErrBody, value)
			}
			p.Duration = time.Duration(ms) * time.Millisecond
		}
	}
	if !haveSignal {
		return Press{}, fmt.Errorf("%w: no Signal line", ErrBody)
	}
	return p, nil
}

// relayKey reads a Signal value.
func relayKey(v string) (byte, error) {
	switch v {
	case "10":
		return '*', nil
	case "11":
		return '#', nil
	}
	if len(v) == 1 {
		if k, ok := Key(v[0]); ok {
			return k, nil
		}
	}
	return 0, fmt.Errorf("%w: Signal %q is not a DTMF key", ErrBody, v)
}

// ParseDTMF parses an application/dtmf body: the key itself ("5"), with
// optional white space around it.
func ParseDTMF(body []byte) (Press, error) {
	if len(body) > maxBody {
		return Press{}, fmt.Errorf("%w: %d bytes, limit %d", ErrBody, len(body), maxBody)
	}
	v := strings.TrimSpace(string(body))
	if len(v) == 1 {
		if k, ok := Key(v[0]); ok {
			return Press{Key: k}, nil
		}
	}
	return Press{}, fmt.Errorf("%w: %q is not a DTMF key", ErrBody, v)
}

// Key returns c as a DTMF key ('a'–'d' become 'A'–'D') and whether it is
// one.
func Key(c byte) (byte, bool) {
	switch {
	case c >= '0' && c <= '9', c == '*', c == '#', c >= 'A' && c <= 'D':
		return c, true
	case c >= 'a' && c <= 'd':
		return c - 'a' + 'A', true
	}
	return 0, false
}
