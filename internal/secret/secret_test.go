package secret

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

func write(t *testing.T, body string, mode os.FileMode) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "s")
	if err := os.WriteFile(p, []byte(body), mode); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(p, mode); err != nil { // past the umask
		t.Fatal(err)
	}
	return p
}

func TestReadLine(t *testing.T) {
	for _, tc := range []struct {
		body string
		mode os.FileMode
		want string
		err  error
	}{
		{"s3cret\n", 0o600, "s3cret", nil},
		{"s3cret\r\n", 0o640, "s3cret", nil},
		{"s3cret", 0o644, "", ErrExposed},
		{"one\ntwo\n", 0o600, "", ErrNotOneLine},
		{"\n", 0o600, "", ErrNotOneLine},
	} {
		got, err := ReadLine(write(t, tc.body, tc.mode))
		if got != tc.want || !errors.Is(err, tc.err) {
			t.Errorf("%q mode %o: %q, %v; want %q, %v", tc.body, tc.mode, got, err, tc.want, tc.err)
		}
	}
	if _, err := ReadLine(filepath.Join(t.TempDir(), "absent")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("missing file: %v", err)
	}
}

func TestCheckNamesTheFile(t *testing.T) {
	p := write(t, "k", 0o604)
	err := Check(p)
	if !errors.Is(err, ErrExposed) || err.Error() != p+" (mode 0604): readable by every user: chmod o-rwx it" {
		t.Errorf("Check = %v", err)
	}
}
