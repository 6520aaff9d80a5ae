package httpput

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/reel-project/reel/plugins/sdk"
)

func TestNewReadsThePasswordFileAndRefusesABadCAFile(t *testing.T) {
	dir := t.TempDir()
	pw := filepath.Join(dir, "pass")
	if err := os.WriteFile(pw, []byte("s3cret\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	c, err := New(Settings{URL: "http://h/r", Username: "u", PasswordFile: pw})
	if err != nil || c.password != "s3cret" {
		t.Fatalf("New = %+v, %v; want the password without its newline", c, err)
	}
	for key, s := range map[string]Settings{
		"password_file": {URL: "http://h/r", Username: "u", PasswordFile: filepath.Join(dir, "missing")},
		"ca_file":       {URL: "https://h/r", CAFile: pw},
	} {
		var ce *sdk.ConfigError
		if _, err := New(s); !errors.As(err, &ce) || ce.Key != key {
			t.Errorf("New(%+v) = %v, want a ConfigError for %s", s, err, key)
		}
	}
}
