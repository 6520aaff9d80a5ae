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
func ReadToken(path string) (string, error) {
	if path == "" {
		return "", nil
	}
	b, err := secret.ReadFile(path)
	if err != nil {
		return "", fmt.Errorf("http.token_file: %w", err)
	}
	tok := strings.TrimSpace(string(b))
	switch {
	case len(tok) < MinTokenLen:
		return "", fmt.Errorf("http.token_file: %s: the token has %d characters, want at least %d", path, len(tok), MinTokenLen)
	case strings.IndexFunc(tok, func(r rune) bool { return unicode.IsSpace(r) || unicode.IsControl(r) }) >= 0:
		return "", fmt.Errorf("http.token_file: %s: the token is one word without spaces or control characters", path)
	}
	return tok, nil
}
