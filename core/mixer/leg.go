package mixer

import "github.com/reel-project/reel/codecs"

// Side says which channel of a stereo recording a leg is written to.
type Side uint8

const (
	// Left is the recorded DN's side.
	Left Side = iota
	// Right is the other party's side.
	Right
)

// String returns "left" or "right".
func (s Side) String() string {
	if s.valid() == Right {
		return "right"
	}
	return "left"
}

// valid maps any value other than Left to Right, so a Side always indexes
// one of two channels.
func (s Side) valid() Side {
	if s == Left {
		return Left
	}
	return Right
}

// Leg is one party of the conference as the mixer sees it: an input frame the
// caller fills each tick and an output frame the mixer fills in Tick.
// A Leg belongs to its Mixer and shares its owner goroutine.
type Leg struct {
	id    string
	mixer *Mixer // nil once removed
	index int    // position in mixer.legs

	side   Side
	muted  bool // contributes nothing (e.g. the party is on hold)
	deaf   bool // hears nothing (e.g. inactive, or we only receive)
	active bool // the caller put audio in `in` for the next Tick

	mixed bool // `in` was part of the last Tick's total
	heard bool // `out` holds the last Tick's mix-minus

	in  [codecs.FrameSamples]int16
	out [codecs.FrameSamples]int16
}

// ID returns the identifier given to AddLeg.
func (l *Leg) ID() string { return l.id }

// In returns the leg's input frame for this tick. The mixer owns the buffer:
// the caller fills it (e.g. from the jitter buffer) before Tick, calls
// SetActive(true), and leaves it untouched until the tick's taps are recorded.
func (l *Leg) In() []int16 { return l.in[:] }

// SetActive says whether In holds audio for the next Tick. It applies to that
// Tick only: Tick resets it, so a leg the caller forgets about is silent
// rather than repeating its last frame.
func (l *Leg) SetActive(active bool) { l.active = active }

// Out returns what the party hears from the last Tick: the saturated sum of
// every other leg that had audio. It is nil when the leg was deaf at that
// Tick, or has not been through a Tick yet: send nothing. The mixer owns the buffer; it is valid until the next
// Tick.
func (l *Leg) Out() []int16 {
	if !l.heard {
		return nil
	}
	return l.out[:]
}

// SetSide moves the leg to a channel of stereo taps; any value other than
// Left means Right.
func (l *Leg) SetSide(s Side) { l.side = s.valid() }

// SetMuted stops (or restarts) the leg's contribution to the mix and to
// every tap, from the next Tick on.
func (l *Leg) SetMuted(muted bool) { l.muted = muted }

// SetDeaf stops (or restarts) the leg's output, from the next Tick on.
func (l *Leg) SetDeaf(deaf bool) { l.deaf = deaf }
