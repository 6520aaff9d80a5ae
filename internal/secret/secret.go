package secret

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strings"
)

// ErrExposed: the file may be read by users other than its owner and
// group.
var ErrExposed = errors.New("readable by every user: chmod o-rwx it")

// Check returns ErrExposed (with the path and mode) when path is
// world-readable, and the stat error when it cannot be examined.
func Check(path string) error {
	fi, err := os.Stat(path)
	if err != nil {
		return err
	}
	return checkMode(path, fi.Mode())
}

func checkMode(path string, m fs.FileMode) error {
	if m.Perm()&0o004 != 0 {
		return fmt.Errorf("%s (mode %04o): %w", path, m.Perm(), ErrExposed)
	}
	return nil
}

// ReadFile reads path after checking, on the open file, that it is not
// world-readable.
func ReadFile(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer func() { _ = f.Close() }()
	fi, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if err := checkMode(path, fi.Mode()); err != nil {
		return nil, err
	}
	return io.ReadAll(f)
}

// ErrNotOneLine: a secret file holds no line, or more than one.
var ErrNotOneLine = errors.New("must hold one non-empty line")

// ReadLine reads a one-line secret (a password, a key id): the file's
// content without its trailing line break.
func ReadLine(path string) (string, error) {
	b, err := ReadFile(path)
	if err != nil {
		return "", err
	}
	v := strings.TrimRight(string(b), "\r\n")
	if v == "" || strings.ContainsAny(v, "\r\n") {
		return "", fmt.Errorf("%s: %w", path, ErrNotOneLine)
	}
	return v, nil
}
