package conference

import (
	"fmt"

	"github.com/reel-project/reel/core/mixer"
	"github.com/reel-project/reel/core/tone"
)

// Who hears a recording's notification tone besides the recording itself
// (Config.ToneParties).
const (
	ToneBoth     = "both"     // every party
	ToneRecorded = "recorded" // the recorded DN's side (the left channel's legs)
	ToneNone     = "none"     // nobody: the tone is only in the recording
)

// PlayTone attaches a notification tone to the active recording, if it is
// the one named: from the next tick its samples are mixed into the recording
// and, per Config.ToneParties, into what the parties hear. It never plays
// while the recording is paused (the schedule holds), and ends with it.
func (c *Conference) PlayTone(recordingID string, p *tone.Player) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.rec == nil || c.rec.r.ID() != recordingID {
		return fmt.Errorf("%w: %s", ErrNoRecording, recordingID)
	}
	c.rec.tone = p
	return nil
}

// toneLocked returns this tick's tone frame, or nil when no tone sample
// falls in it.
func (c *Conference) toneLocked() []int16 {
	ar := c.rec
	if ar == nil || ar.tone == nil || ar.r.Paused() {
		return nil
	}
	if !ar.tone.Next(ar.toneFrame[:]) {
		return nil
	}
	return ar.toneFrame[:]
}

// mixToneToParties adds the tone to what the parties hear.
func (c *Conference) mixToneToParties(t []int16) {
	mode := c.e.cfg.ToneParties
	if t == nil || mode == ToneNone {
		return
	}
	for _, l := range c.legs {
		if mode == ToneRecorded && l.side() != mixer.Left {
			continue
		}
		tone.MixInto(l.ml.Out(), t)
	}
}

// mixToneToRecording adds the tone to both channels of a stereo frame (or
// the single channel of a mono one).
func mixToneToRecording(frame, t []int16) {
	if t == nil {
		return
	}
	ch := len(frame) / len(t)
	for i, v := range t {
		for j := 0; j < ch; j++ {
			s := int32(frame[i*ch+j]) + int32(v)
			frame[i*ch+j] = int16(max(-32768, min(32767, s)))
		}
	}
}
