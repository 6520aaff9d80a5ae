package siprec

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// readOffer reads testdata/offers/<name>.txt: a Content-Type line, a blank
// line and the body (LF line ends in the file; crlf turns them into CRLF).
func readOffer(tb testing.TB, name string, crlf bool) (contentType string, body []byte) {
	tb.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "offers", name+".txt"))
	if err != nil {
		tb.Fatal(err)
	}
	head, rest, ok := bytes.Cut(b, []byte("\n\n"))
	if !ok {
		tb.Fatalf("%s: no blank line after the Content-Type", name)
	}
	if crlf {
		rest = bytes.ReplaceAll(rest, []byte("\n"), []byte("\r\n"))
	}
	return strings.TrimSpace(strings.TrimPrefix(string(head), "Content-Type:")), rest
}

// offerNames lists the offers in testdata/offers.
func offerNames(tb testing.TB) []string {
	tb.Helper()
	files, err := filepath.Glob(filepath.Join("testdata", "offers", "*.txt"))
	if err != nil || len(files) == 0 {
		tb.Fatalf("no offers: %v", err)
	}
	out := make([]string, len(files))
	for i, f := range files {
		out[i] = strings.TrimSuffix(filepath.Base(f), ".txt")
	}
	return out
}
