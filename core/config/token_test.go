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

func TestReadTokensWantsAnOperatorTokenBesideTheReadOnlyOne(t *testing.T) {
	dir := t.TempDir()
	file := func(name, body string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	op, rd := file("op", "operator-token-0123456789\n"), file("rd", "reader-token-0123456789\n")
	if o, r, err := ReadTokens(HTTP{TokenFile: op, ReadTokenFile: rd}); err != nil || o != "operator-token-0123456789" || r != "reader-token-0123456789" {
		t.Errorf("both: %q %q %v", o, r, err)
	}
	for name, h := range map[string]HTTP{
		"http.token_file is empty":   {ReadTokenFile: rd},
		"the same token":             {TokenFile: op, ReadTokenFile: op},
		"http.read_token_file: open": {TokenFile: op, ReadTokenFile: filepath.Join(dir, "none")},
	} {
		if _, _, err := ReadTokens(h); err == nil || !strings.Contains(err.Error(), name) {
			t.Errorf("%+v: %v, want an error saying %q", h, err, name)
		}
	}
}
