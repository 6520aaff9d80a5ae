package mp3

import (
	"errors"
	"testing"
)

func TestParseMode(t *testing.T) {
	tests := []struct {
		in   string
		want Mode
	}{
		{"mp3-8-mono", Mono8}, {"8", Mono8},
		{"mp3-16-stereo", Stereo16}, {"16", Stereo16},
		{"mp3-32-stereo", Stereo32}, {"32", Stereo32},
	}
	for _, tt := range tests {
		got, err := ParseMode(tt.in)
		if err != nil || got != tt.want {
			t.Errorf("ParseMode(%q) = %v, %v; want %v", tt.in, got, err, tt.want)
		}
		if back, _ := ParseMode(got.String()); back != got {
			t.Errorf("%v does not round-trip through String", got)
		}
	}
	for _, bad := range []string{"", "mp3", "24", "mp3-16-mono", "MP3-8-MONO", " 8"} {
		if _, err := ParseMode(bad); !errors.Is(err, ErrMode) {
			t.Errorf("ParseMode(%q) error = %v, want ErrMode", bad, err)
		}
	}
}

func TestModeProperties(t *testing.T) {
	tests := []struct {
		m        Mode
		ch, kbps int
		name     string
	}{
		{Mono8, 1, 8, "mp3-8-mono"},
		{Stereo16, 2, 16, "mp3-16-stereo"},
		{Stereo32, 2, 32, "mp3-32-stereo"},
		{Mode(3), 2, 0, "mp3-mode(3)"},
		{Mode(-1), 2, 0, "mp3-mode(-1)"},
	}
	for _, tt := range tests {
		if tt.m.Channels() != tt.ch || tt.m.Bitrate() != tt.kbps || tt.m.String() != tt.name {
			t.Errorf("Mode(%d): got %d ch, %d kbit/s, %q; want %d, %d, %q", int(tt.m),
				tt.m.Channels(), tt.m.Bitrate(), tt.m.String(), tt.ch, tt.kbps, tt.name)
		}
	}
}
