package prompt

import (
	"errors"
	"testing"
	"time"
)

func TestNewAudioCopiesAndRefusesNothing(t *testing.T) {
	pcm := ramp(8)
	a := mustAudio(t, pcm)
	pcm[0] = -1
	if a.Samples()[0] != 1 || a.Len() != 8 || a.Duration() != time.Millisecond {
		t.Fatalf("got %v, len %d, %v", a.Samples(), a.Len(), a.Duration())
	}
	if _, err := NewAudio(nil); !errors.Is(err, ErrFormat) {
		t.Fatalf("empty: %v", err)
	}
}

func TestDurationToSamples(t *testing.T) {
	for d, want := range map[time.Duration]int{
		0: 0, -time.Second: 0, 124 * time.Microsecond: 0, 125 * time.Microsecond: 1,
		10 * time.Millisecond: 80, time.Second: 8000, 1500 * time.Millisecond: 12000,
		24 * time.Hour: 24 * 3600 * 8000,
	} {
		if got := DurationToSamples(d); got != want {
			t.Errorf("DurationToSamples(%v) = %d, want %d", d, got, want)
		}
	}
}
