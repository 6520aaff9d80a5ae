package sdes

import (
	"crypto/rand"
	"encoding/base64"
	"fmt"
	"strconv"
	"strings"
)

// maxKey is the longest master key||salt of our suites.
const maxKey = 30

// Crypto is one a=crypto line: a tag, a suite and one inline master key
// with its salt.
type Crypto struct {
	Tag      int // 1–999999999, echoed by the answer (RFC 4568 §9.1)
	Suite    Suite
	Lifetime string // as written ("2^31", "1048576"), "" for none; not enforced
	key      [maxKey]byte
}

// Key returns the master key and the master salt.
func (c *Crypto) Key() (key, salt []byte) {
	n := c.Suite.KeyLen()
	return c.key[:n], c.key[n : n+c.Suite.SaltLen()]
}

// NewCrypto returns a line with a fresh random key for suite.
func NewCrypto(tag int, s Suite) (Crypto, error) {
	c := Crypto{Tag: tag, Suite: s}
	if _, ok := suiteNames[s]; !ok {
		return Crypto{}, fmt.Errorf("%w: suite %d", ErrUnsupported, s)
	}
	if _, err := rand.Read(c.key[:s.KeyLen()+s.SaltLen()]); err != nil {
		return Crypto{}, fmt.Errorf("sdes: random key: %w", err)
	}
	return c, nil
}

// String describes the line without its key, for logs and errors.
func (c Crypto) String() string {
	return strconv.Itoa(c.Tag) + " " + c.Suite.String() + " inline:<redacted>"
}

// Attr writes the attribute value: "<tag> <suite> inline:<key||salt>".
func (c Crypto) Attr() string {
	k, s := c.Key()
	inline := base64.StdEncoding.EncodeToString(append(append([]byte(nil), k...), s...))
	return strconv.Itoa(c.Tag) + " " + c.Suite.String() + " inline:" + inline
}

// ParseCrypto reads an a=crypto value (what follows "a=crypto:"). A line we
// could read but do not accept is ErrUnsupported; one that breaks the
// grammar is ErrMalformed.
func ParseCrypto(v string) (Crypto, error) {
	f := strings.Fields(v)
	if len(f) < 3 {
		return Crypto{}, fmt.Errorf("%w: want <tag> <suite> <key-params>, got %.80q", ErrMalformed, v)
	}
	tag, err := strconv.Atoi(f[0])
	if err != nil || tag < 0 || tag > 999999999 || len(f[0]) > 9 {
		return Crypto{}, fmt.Errorf("%w: tag %.12q", ErrMalformed, f[0])
	}
	s, ok := ParseSuite(f[1])
	if !ok {
		return Crypto{}, fmt.Errorf("%w: suite %.40q", ErrUnsupported, f[1])
	}
	c := Crypto{Tag: tag, Suite: s}
	if err := c.parseKeyParams(f[2]); err != nil {
		return Crypto{}, err
	}
	if err := checkSessionParams(f[3:]); err != nil {
		return Crypto{}, err
	}
	return c, nil
}

// parseKeyParams reads "inline:<base64>[|lifetime][|mki:len]"; more than
// one key (";"-separated) is unsupported.
func (c *Crypto) parseKeyParams(p string) error {
	if strings.Contains(p, ";") {
		return fmt.Errorf("%w: several keys", ErrUnsupported)
	}
	method, info, ok := strings.Cut(p, ":")
	if !ok || !strings.EqualFold(method, "inline") {
		return fmt.Errorf("%w: key method %.20q, want inline", ErrMalformed, method)
	}
	parts := strings.Split(info, "|")
	if len(parts) > 3 {
		return fmt.Errorf("%w: %d key fields", ErrMalformed, len(parts))
	}
	if err := c.decodeKey(parts[0]); err != nil {
		return err
	}
	for _, part := range parts[1:] {
		if strings.Contains(part, ":") {
			return fmt.Errorf("%w: MKI %.20q", ErrUnsupported, part)
		}
		if !validLifetime(part) || c.Lifetime != "" {
			return fmt.Errorf("%w: lifetime %.20q", ErrMalformed, part)
		}
		c.Lifetime = part
	}
	return nil
}

// decodeKey reads the base64 key||salt, which must have the suite's length.
// Padding may be left out, as some writers do.
func (c *Crypto) decodeKey(b64 string) error {
	want := c.Suite.KeyLen() + c.Suite.SaltLen()
	enc := base64.StdEncoding
	if !strings.HasSuffix(b64, "=") {
		enc = base64.RawStdEncoding
	}
	if enc.DecodedLen(len(b64)) > maxKey+2 {
		return fmt.Errorf("%w: key of %d characters for %v", ErrMalformed, len(b64), c.Suite)
	}
	var buf [maxKey + 2]byte
	n, err := enc.Decode(buf[:], []byte(b64))
	if err != nil || n != want {
		return fmt.Errorf("%w: key %d bytes for %v, want %d", ErrMalformed, n, c.Suite, want)
	}
	copy(c.key[:], buf[:n])
	return nil
}

// validLifetime accepts "2^<n>" or a decimal count.
func validLifetime(s string) bool {
	if e, ok := strings.CutPrefix(s, "2^"); ok {
		n, err := strconv.Atoi(e)
		return err == nil && n >= 1 && n <= 64
	}
	n, err := strconv.ParseUint(s, 10, 64)
	return err == nil && n > 0
}

// checkSessionParams refuses the parameters that weaken protection or that
// we do not implement.
func checkSessionParams(params []string) error {
	for _, p := range params {
		name, val, _ := strings.Cut(p, "=")
		switch strings.ToUpper(name) {
		case "WSH":
			continue
		case "KDR":
			if val == "0" {
				continue
			}
		}
		return fmt.Errorf("%w: session parameter %.40q", ErrUnsupported, p)
	}
	return nil
}

// NewKeys returns a fresh key for every suite, tagged 1, 2, … in Suites
// order: what a leg offers, and picks from when it answers.
func NewKeys() ([]Crypto, error) {
	keys := make([]Crypto, len(Suites))
	for i, s := range Suites {
		c, err := NewCrypto(i+1, s)
		if err != nil {
			return nil, err
		}
		keys[i] = c
	}
	return keys, nil
}
