package tone

import (
	"errors"
	"testing"
	"time"
)

func TestNewSourceCopiesAndBounds(t *testing.T) {
	pcm := ramp(8)
	s := mustSource(t, pcm)
	pcm[0] = -1
	if s.Samples()[0] != 1 || s.Len() != 8 || s.Duration() != time.Millisecond {
		t.Fatalf("got %v, len %d, %v", s.Samples(), s.Len(), s.Duration())
	}
	if _, err := NewSource(nil); !errors.Is(err, ErrFormat) {
		t.Fatalf("empty: %v", err)
	}
	if _, err := NewSource(make([]int16, maxSamples+1)); !errors.Is(err, ErrTooLarge) {
		t.Fatalf("too long: %v", err)
	}
}
