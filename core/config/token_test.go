package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestReadToken(t *testing.T) {
	dir := t.TempDir()
	file := func(name, body string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	cases := []struct {
		name, path, want, err string
	}{
		{"no file configured", "", "", ""},
		{"a token with its newline", file("ok", "0123456789abcdef-xyz\n"), "0123456789abcdef-xyz", ""},
		{"a missing file", filepath.Join(dir, "none"), "", "http.token_file"},
		{"a short token", file("short", "abc\n"), "", "at least 16"},
		{"two words", file("spaces", "0123456789 abcdef\n"), "", "one word"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := ReadToken(tc.path)
			if got != tc.want || (tc.err == "") != (err == nil) || (err != nil && !strings.Contains(err.Error(), tc.err)) {
				t.Errorf("ReadToken = %q, %v; want %q, error with %q", got, err, tc.want, tc.err)
			}
		})
	}
}
