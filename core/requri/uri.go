package requri

import (
	"fmt"
	"net/netip"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// parts are the raw (still escaped) pieces of a SIP URI we use.
type parts struct {
	user   string // before '@'; "" if there is none
	params string // after host[:port] and ';', before '?'
}

// split cuts "sip[s]:user@host[:port][;params][?headers]" (RFC 3261 §19.1.1).
// The user part ends at the first '@' and may hold ';', '?', ':' and '='; a
// ":password" is not split off, it stays in the user part.
func split(uri string) (parts, error) {
	uri = strings.TrimSpace(uri)
	if strings.HasPrefix(uri, "<") && strings.HasSuffix(uri, ">") {
		uri = uri[1 : len(uri)-1]
	}
	if err := checkRaw(uri); err != nil {
		return parts{}, err
	}
	scheme, rest, ok := strings.Cut(uri, ":")
	if !ok || !(strings.EqualFold(scheme, "sip") || strings.EqualFold(scheme, "sips")) {
		return parts{}, fmt.Errorf("%w: not a sip: or sips: URI: %.40q", ErrMalformed, uri)
	}
	var p parts
	if user, hostPart, ok := strings.Cut(rest, "@"); ok {
		p.user, rest = user, hostPart
		if user == "" {
			return parts{}, fmt.Errorf("%w: empty user part", ErrMalformed)
		}
	}
	rest, _, _ = strings.Cut(rest, "?")
	hostPort, params, _ := strings.Cut(rest, ";")
	if err := checkHostPort(hostPort); err != nil {
		return parts{}, err
	}
	p.params = params
	return p, nil
}

// checkRaw refuses control characters and blanks inside the URI.
func checkRaw(s string) error {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c <= ' ' || c == 0x7f {
			return fmt.Errorf("%w: character %#02x at %d", ErrMalformed, c, i)
		}
	}
	return nil
}

// checkHostPort accepts a host name, an IPv4 address or a bracketed IPv6
// address, with an optional port 1–65535.
func checkHostPort(hp string) error {
	host, port := hp, ""
	if strings.HasPrefix(hp, "[") {
		end := strings.IndexByte(hp, ']')
		if end < 0 {
			return fmt.Errorf("%w: IPv6 host without ']': %.60q", ErrMalformed, hp)
		}
		if a, err := netip.ParseAddr(hp[1:end]); err != nil || !a.Is6() {
			return fmt.Errorf("%w: bad IPv6 host %.60q", ErrMalformed, hp[:end+1])
		}
		host, port = "", hp[end+1:]
		if port != "" && port[0] != ':' {
			return fmt.Errorf("%w: junk after IPv6 host: %.60q", ErrMalformed, hp)
		}
	} else {
		if i := strings.IndexByte(hp, ':'); i >= 0 {
			host, port = hp[:i], hp[i:]
		}
		if host == "" {
			return fmt.Errorf("%w: empty host", ErrMalformed)
		}
	}
	if !isHostName(host) {
		return fmt.Errorf("%w: bad host %.60q", ErrMalformed, host)
	}
	if port != "" {
		if n, err := strconv.Atoi(port[1:]); err != nil || n < 1 || n > 65535 || port[1] == '+' {
			return fmt.Errorf("%w: bad port %.20q", ErrMalformed, port[1:])
		}
	}
	return nil
}

// isHostName accepts letters, digits, '.', '-' and (liberally) '_'; "" is
// what an IPv6 literal passes.
func isHostName(h string) bool {
	for i := 0; i < len(h); i++ {
		c := h[i]
		if !(isAlnum(c) || c == '.' || c == '-' || c == '_') {
			return false
		}
	}
	return true
}

func isAlnum(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

// parseParams reads ";name[=value]" parameters: names lower-cased, both
// un-escaped; empty items and empty names are skipped.
func parseParams(s string) (map[string]string, error) {
	if s == "" {
		return nil, nil
	}
	m := make(map[string]string, strings.Count(s, ";")+1)
	for item := range strings.SplitSeq(s, ";") {
		rawName, rawValue, _ := strings.Cut(item, "=")
		name, err := unescape(rawName)
		if err != nil {
			return nil, err
		}
		value, err := unescape(rawValue)
		if err != nil {
			return nil, err
		}
		if name == "" {
			continue
		}
		m[strings.ToLower(name)] = value
	}
	return m, nil
}

// parseUser splits "msml=<id>" or "record=<id>" at the first unescaped '=';
// "dialog" (RFC 5552) has no id.
// The whole user part must be well escaped, even when it is not ours.
func parseUser(raw string) (Kind, string, error) {
	prefix, rawID, _ := strings.Cut(raw, "=")
	id, err := unescape(rawID)
	if err != nil {
		return Unknown, "", err
	}
	if _, err := unescape(prefix); err != nil {
		return Unknown, "", err
	}
	var kind Kind
	switch {
	case strings.EqualFold(raw, "dialog"):
		return Dialog, "", nil
	case strings.EqualFold(prefix, "msml") && strings.Contains(raw, "="):
		kind = Conference
	case strings.EqualFold(prefix, "record") && strings.Contains(raw, "="):
		kind = Recorder
	default:
		return Unknown, "", fmt.Errorf("%w: user part %.40q has no msml= or record= prefix and is not dialog", ErrNotReel, raw)
	}
	return kind, id, checkID(id)
}

// checkID accepts a non-empty, printable id of at most maxID bytes.
func checkID(id string) error {
	switch {
	case id == "":
		return fmt.Errorf("%w: empty id", ErrMalformed)
	case len(id) > maxID:
		return fmt.Errorf("%w: id is %d bytes, limit %d", ErrMalformed, len(id), maxID)
	}
	for _, r := range id {
		if !unicode.IsPrint(r) {
			return fmt.Errorf("%w: id has unprintable %U", ErrMalformed, r)
		}
	}
	return nil
}

// unescape decodes %xx escapes (RFC 3261 §25.1; '+' stays '+'). The result
// must be valid UTF-8 without control characters.
func unescape(s string) (string, error) {
	if strings.IndexByte(s, '%') >= 0 {
		var b strings.Builder
		b.Grow(len(s))
		for i := 0; i < len(s); i++ {
			if s[i] != '%' {
				b.WriteByte(s[i])
				continue
			}
			if i+2 >= len(s) || !isHex(s[i+1]) || !isHex(s[i+2]) {
				return "", fmt.Errorf("%w: bad escape in %.40q", ErrMalformed, s)
			}
			b.WriteByte(unhex(s[i+1])<<4 | unhex(s[i+2]))
			i += 2
		}
		s = b.String()
	}
	if !utf8.ValidString(s) {
		return "", fmt.Errorf("%w: %.40q is not UTF-8", ErrMalformed, s)
	}
	return s, checkRawValue(s)
}

func checkRawValue(s string) error {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < ' ' || c == 0x7f {
			return fmt.Errorf("%w: control character %#02x", ErrMalformed, c)
		}
	}
	return nil
}

func isHex(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

func unhex(c byte) byte {
	switch {
	case c >= 'a':
		return c - 'a' + 10
	case c >= 'A':
		return c - 'A' + 10
	}
	return c - '0'
}
