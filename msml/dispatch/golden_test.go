package dispatch

import (
	"bytes"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/reel-project/reel/msml"
)

var update = flag.Bool("update", false, "rewrite the expected part of the golden files")

// separator splits a golden file into the MSML input and the expected
// controller calls followed by the reply.
const separator = "\n-- want: actions, then the reply --\n"

// TestGolden runs every msml/testdata/*.msmltest through Dispatch against the
// fake media server and compares the calls and the reply.
func TestGolden(t *testing.T) {
	files, err := filepath.Glob("../testdata/*.msmltest")
	if err != nil || len(files) == 0 {
		t.Fatalf("no golden files: %v", err)
	}
	for _, path := range files {
		t.Run(strings.TrimSuffix(filepath.Base(path), ".msmltest"), func(t *testing.T) {
			golden(t, path)
		})
	}
}

func golden(t *testing.T, path string) {
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	in, want, ok := bytes.Cut(raw, []byte(separator))
	if !ok && !*update {
		t.Fatalf("no separator line %q", strings.TrimSpace(separator))
	}
	f := newFake()
	reply := msml.Reply(Dispatch(f, in))
	got := strings.Join(append(f.log, "reply: "+string(reply)), "\n") + "\n"
	if *update {
		if err := os.WriteFile(path, append(append(in, separator...), got...), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if got != string(want) {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
}

func TestResultsForWhatGoldenFilesCannotHold(t *testing.T) {
	for _, tc := range []struct {
		name string
		body []byte
		fail error
		code int
		says string
	}{
		{"a 1 MB body is refused with its size", bytes.Repeat([]byte("<"), 1<<20), nil, CodeSyntax, "document too large: 1048576 bytes, limit 65536"},
		{"a failing start is an internal error that says why", []byte(`<msml><dialogstart target="conf:c1"><record/></dialogstart></msml>`),
			errors.New("recording: open /rec/x.wav: no space left on device"), CodeInternal, "<dialogstart>: open /rec/x.wav: no space left on device"},
		{"an empty body is malformed", nil, nil, CodeSyntax, "malformed XML: no root element"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := newFake()
			f.fail = tc.fail
			res := Dispatch(f, tc.body)
			if res.Response != tc.code || res.Description != tc.says {
				t.Errorf("got %d %q, want %d %q", res.Response, res.Description, tc.code, tc.says)
			}
		})
	}
}

func TestEveryCodeComesFromTheTable(t *testing.T) {
	for _, tc := range []struct {
		err  error
		code int
	}{
		{nil, 200}, {msml.ErrDTD, 400}, {ErrUnknownTarget, 401}, {ErrNotRecording, 401},
		{ErrRecording, 402}, {msml.ErrUnsupported, 420}, {ErrPaused, 200}, {errors.New("disk"), 500},
	} {
		if got := Code(tc.err); got != tc.code {
			t.Errorf("Code(%v) = %d, want %d", tc.err, got, tc.code)
		}
	}
}

// TestDescriptionsAreBounded: a result describes, it does not echo; an
// unknown 1,500-character element made a reply too large for UDP.
func TestDescriptionsAreBounded(t *testing.T) {
	long := strings.Repeat("é", 750)
	body := []byte("<msml version=\"1.1\"><" + long + "/></msml>")
	res := Dispatch(newFake(), body)
	if res.Response == CodeOK || len(res.Description) > MaxDescription || !utf8.ValidString(res.Description) {
		t.Errorf("got %d with a %d-byte description %q", res.Response, len(res.Description), res.Description)
	}
}
