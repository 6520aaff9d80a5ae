//go:build !cgo

package lame

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/reel-project/reel/codecs/mp3"
)

// TestNoCGO runs only in CGO_ENABLED=0 builds (TestBuildWithoutCGO starts
// it): MP3 must refuse loudly, never write a silent or empty file.
func TestNoCGO(t *testing.T) {
	if Available() {
		t.Error("Available() = true without cgo")
	}
	var w bytes.Buffer
	e, err := NewEncoder(&w, mp3.Stereo16)
	if !errors.Is(err, ErrNoCGO) || e != nil {
		t.Fatalf("NewEncoder = %v, %v; want nil, ErrNoCGO", e, err)
	}
	if !strings.Contains(err.Error(), "libmp3lame-dev") || !strings.Contains(err.Error(), "CGO_ENABLED=1") {
		t.Errorf("error %q does not say how to fix the build", err)
	}
}
