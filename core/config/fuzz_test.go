package config

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// FuzzLoad feeds arbitrary bytes to Load as a config file: it must never
// panic, every error must be a KeyError or wrap a sentinel, and whatever it
// accepts must validate.
func FuzzLoad(f *testing.F) {
	if sample, err := os.ReadFile(samplePath); err == nil {
		f.Add(sample)
	}
	f.Add([]byte("recording:\n  formats: [mp3-8-mono, wav-pcma]\n"))
	f.Add([]byte("a: &x [*x]\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		path := filepath.Join(t.TempDir(), "mcp.yaml")
		if err := os.WriteFile(path, data, 0o600); err != nil {
			t.Fatal(err)
		}
		c, err := Load(path, nil, nil)
		if err != nil {
			if !isOurs(err) {
				t.Fatalf("error wraps no KeyError or sentinel: %v", err)
			}
			return
		}
		if verr := c.Validate(); verr != nil {
			t.Fatalf("Load accepted a config that does not validate: %v", verr)
		}
	})
}

// isOurs reports whether err is a KeyError or wraps one of the sentinels.
func isOurs(err error) bool {
	var ke *KeyError
	return errors.As(err, &ke) || errors.Is(err, ErrSyntax)
}
