package ivr

// Digit is a key from the caller (RFC 4733), on the conference clock: it
// stops a barge-in prompt before the next frame and goes to Run.
func (s *Session) Digit(key rune) {
	s.play.bargein()
	select {
	case s.keys <- key:
	default:
		s.cfg.Log.Warn("ivr: key dropped: the application is not reading keys", "key", string(key))
	}
}

// Say is the next frame of the prompts, on the conference clock.
func (s *Session) Say(frame []int16) bool { return s.play.say(frame) }

// Hear is what the caller said in this tick, on the conference clock:
// in-band DTMF is looked for in it.
func (s *Session) Hear(frame []int16) {
	if frame == nil || s.cfg.Detector == nil {
		return
	}
	for _, k := range s.cfg.Detector.Detect(frame) {
		s.Digit(k)
	}
}

// Left is the caller leaving the conference: a hang-up.
func (s *Session) Left() { s.Hangup() }
