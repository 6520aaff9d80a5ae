package mp3

import (
	"fmt"
	"strconv"
)

// Mode is one of the three recording formats Reel offers. All are constant
// bit rate MPEG-2.5 Layer III at 8 kHz.
type Mode int

const (
	// Mono8 is 8 kbit/s mono: the mixed call, smallest file.
	Mono8 Mode = iota
	// Stereo16 is 16 kbit/s joint stereo: one party per channel.
	Stereo16
	// Stereo32 is 32 kbit/s joint stereo: one party per channel, better quality.
	Stereo32
)

var modeNames = [...]string{Mono8: "mp3-8-mono", Stereo16: "mp3-16-stereo", Stereo32: "mp3-32-stereo"}

var modeBitrates = [...]int{Mono8: 8, Stereo16: 16, Stereo32: 32}

// Valid reports whether m is one of the three modes.
func (m Mode) Valid() bool { return m >= Mono8 && m <= Stereo32 }

// Channels returns 1 for Mono8 and 2 for the stereo modes.
func (m Mode) Channels() int {
	if m == Mono8 {
		return 1
	}
	return 2
}

// Bitrate returns the constant bit rate in kbit/s (0 for an invalid Mode).
func (m Mode) Bitrate() int {
	if !m.Valid() {
		return 0
	}
	return modeBitrates[m]
}

// String returns the configuration name, e.g. "mp3-16-stereo".
func (m Mode) String() string {
	if !m.Valid() {
		return "mp3-mode(" + strconv.Itoa(int(m)) + ")"
	}
	return modeNames[m]
}

// ParseMode accepts a configuration name ("mp3-8-mono", "mp3-16-stereo",
// "mp3-32-stereo") or the bare bit rate ("8", "16", "32").
func ParseMode(s string) (Mode, error) {
	for m := Mono8; m <= Stereo32; m++ {
		if s == modeNames[m] || s == strconv.Itoa(modeBitrates[m]) {
			return m, nil
		}
	}
	return 0, fmt.Errorf("%w: %q (want mp3-8-mono, mp3-16-stereo or mp3-32-stereo)", ErrMode, s)
}

// EncoderDelay is how many samples of silence LAME puts before the audio
// (576 look-ahead + 529 decoder delay). No LAME tag is written, so decoders
// do not trim it: a file decodes EncoderDelay samples longer than its input,
// plus up to one frame of padding.
const EncoderDelay = 1105
