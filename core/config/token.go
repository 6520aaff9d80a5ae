package config

import (
	"fmt"
	"strings"
	"unicode"

	"github.com/reel-project/reel/internal/secret"
)

// MinTokenLen is the shortest admin token accepted.
const MinTokenLen = 16

// ReadToken reads the admin bearer token of http.token_file: the file's one
// line, trimmed; "" when path is "". A missing file, an empty or short token,
// or one with spaces or control characters is an error naming the key.
func ReadToken(path string) (string, error) { return readToken("http.token_file", path) }

// ReadTokens reads the operator token (http.token_file) and the read-only
// one (http.read_token_file) of h. A read-only token needs an operator
// token, and differs from it (docs/decisions/0055-console-roles.md).
func ReadTokens(h HTTP) (operator, reader string, err error) {
	if operator, err = ReadToken(h.TokenFile); err != nil {
		return "", "", err
	}
	if reader, err = readToken("http.read_token_file", h.ReadTokenFile); err != nil {
		return "", "", err
	}
	switch {
	case reader != "" && operator == "":
		return "", "", fmt.Errorf("http.read_token_file: set, but http.token_file is empty: a read-only token means nothing on an open API")
	case reader != "" && reader == operator:
		return "", "", fmt.Errorf("http.read_token_file: the same token as http.token_file")
	}
	return operator, reader, nil
}

func readToken(key, path string) (string, error) {
	if path == "" {
		return "", nil
	}
	b, err := secret.ReadFile(path)
	if err != nil {
		return "", fmt.Errorf("%s: %w", key, err)
	}
	tok := strings.TrimSpace(string(b))
	switch {
	case len(tok) < MinTokenLen:
		return "", fmt.Errorf("%s: %s: the token has %d characters, want at least %d", key, path, len(tok), MinTokenLen)
	case strings.IndexFunc(tok, func(r rune) bool { return unicode.IsSpace(r) || unicode.IsControl(r) }) >= 0:
		return "", fmt.Errorf("%s: %s: the token is one word without spaces or control characters", key, path)
	}
	return tok, nil
}
