package xmltree

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"
)

// decode checks what the tokenizer does not: the encoding the XML
// declaration names (UTF-8 and its subset US-ASCII as they are, ISO-8859-1
// converted to UTF-8, anything else refused), valid UTF-8, and no control
// characters XML 1.0 forbids (§2.2: only tab, newline and carriage return).
func decode(data []byte) ([]byte, error) {
	switch enc := declaredEncoding(data); strings.ToLower(enc) {
	case "", "utf-8", "utf8", "us-ascii", "ascii":
	case "iso-8859-1", "latin1", "latin-1", "iso8859-1":
		data = latin1ToUTF8(data)
	default:
		return nil, fmt.Errorf("%w: encoding %q is not supported (use UTF-8)", ErrSyntax, enc)
	}
	for i, c := range data {
		if c < 0x20 && c != '\t' && c != '\n' && c != '\r' {
			return nil, fmt.Errorf("%w: control character %#02x at byte %d", ErrSyntax, c, i)
		}
	}
	if !utf8.Valid(data) {
		return nil, fmt.Errorf("%w: not valid UTF-8", ErrSyntax)
	}
	return data, nil
}

// declaredEncoding is the encoding="…" of a leading XML declaration.
func declaredEncoding(data []byte) string {
	if !bytes.HasPrefix(data, []byte("<?xml")) {
		return ""
	}
	decl, _, ok := bytes.Cut(data, []byte("?>"))
	if !ok {
		return ""
	}
	_, v, ok := bytes.Cut(decl, []byte("encoding"))
	if !ok {
		return ""
	}
	v = bytes.TrimLeft(bytes.TrimLeft(bytes.TrimSpace(v), "="), " \t\r\n")
	if len(v) < 2 || (v[0] != '"' && v[0] != '\'') {
		return ""
	}
	end := bytes.IndexByte(v[1:], v[0])
	if end < 0 {
		return ""
	}
	return string(v[1 : 1+end])
}

func latin1ToUTF8(in []byte) []byte {
	out := make([]byte, 0, len(in)+len(in)/8)
	for _, c := range in {
		out = utf8.AppendRune(out, rune(c))
	}
	return out
}
