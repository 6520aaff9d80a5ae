package ivr

import (
	"time"

	"github.com/reel-project/reel/core/dtmf"
)

// Digit is a key from the caller (RFC 4733), on the conference clock.
func (s *Session) Digit(key rune) { s.press(byte(key), dtmf.RFC4733) }

// press counts a key once whatever path carried it, stops a barge-in
// prompt before the next frame and hands the key to Run. Conference clock
// only.
func (s *Session) press(key byte, path dtmf.Path) {
	if !s.dedup.Press(key, path, time.Now()) {
		return
	}
	s.play.BargeIn()
	select {
	case s.keys <- rune(key):
	default:
		s.cfg.Log.Warn("ivr: key dropped: the application is not reading keys", "key", string(rune(key)))
	}
}

// Say is the next frame of the prompts, on the conference clock.
func (s *Session) Say(frame []int16) bool { return s.play.Next(frame) }

// Hear is what the caller said in this tick, on the conference clock:
// in-band DTMF is looked for in it.
func (s *Session) Hear(frame []int16) {
	if s.det == nil {
		return
	}
	if frame == nil {
		frame = silence[:]
	}
	if k := s.det.Feed(frame); k != 0 {
		s.press(k, dtmf.InBand)
	}
}

// silence is fed to the detector for a tick without audio, so that a tone
// is released.
var silence [160]int16

// Left is the caller leaving the conference: a hang-up.
func (s *Session) Left() { s.Hangup() }
