package tone

import (
	"time"

	"github.com/reel-project/reel/core/prompt"
)

// Player schedules a tone (decoded audio): the tone, then silence samples of nothing, then
// the tone again, forever, one frame at a time. The schedule is counted in
// samples, so it is exact for any tone length and any frame size.
//
// A Player is not safe for concurrent use: it belongs to the conference
// clock, which calls Next once per frame and Pause and Resume when the
// recording is paused and resumed.
type Player struct {
	tone   []int16 // the Audio's samples, read only
	period int     // len(tone) + silence samples
	pos    int     // position in the period of the next sample
	paused bool
}

// Option configures a Player.
type Option func(*Player)

// StartWithSilence makes the first tone play after one silence gap instead
// of at once, for a tone that should not coincide with the start of a
// recording. Without it the first Next returns the start of the tone, as
// Genesys beeps when the recording starts.
func StartWithSilence() Option {
	return func(p *Player) { p.pos = len(p.tone) % p.period }
}

// NewPlayer returns a Player that repeats src with silence between the end
// of one tone and the start of the next. silence is truncated to whole 8 kHz
// samples (MSML gives milliseconds, which are exact); zero or negative means
// the tone repeats back to back. src must not be nil. The Player reads
// src's samples and never modifies them.
func NewPlayer(src *prompt.Audio, silence time.Duration, opts ...Option) *Player {
	p := &Player{tone: src.Samples()}
	p.period = max(len(p.tone)+prompt.DurationToSamples(silence), 1) // 1: an empty tone plays silence
	for _, o := range opts {
		o(p)
	}
	return p
}

// Next fills dst with the schedule's next len(dst) samples: the tone where it
// plays, zeros in the gaps, and reports whether any sample of dst belongs to
// the tone (even a tone sample whose value is 0). While the Player is paused
// it zeros dst, reports false and does not advance. Next never allocates and
// does not keep dst.
func (p *Player) Next(dst []int16) bool {
	if p.paused {
		clear(dst)
		return false
	}
	toned := false
	for len(dst) > 0 {
		n := p.fill(dst)
		toned = toned || p.pos < len(p.tone)
		p.pos = (p.pos + n) % p.period
		dst = dst[n:]
	}
	return toned
}

// fill writes the longest run of dst that the current part of the period
// (tone or gap) covers, without advancing, and returns its length.
func (p *Player) fill(dst []int16) int {
	if p.pos < len(p.tone) {
		return copy(dst, p.tone[p.pos:])
	}
	n := min(len(dst), p.period-p.pos)
	clear(dst[:n])
	return n
}

// Pause stops the schedule: until Resume, Next returns silence and the
// position in the schedule does not move. Pausing twice is harmless.
func (p *Player) Pause() { p.paused = true }

// Resume restarts the schedule where Pause stopped it, in the middle of a
// tone if that is where it was. Resuming a running Player is harmless.
func (p *Player) Resume() { p.paused = false }

// Paused reports whether the Player is paused.
func (p *Player) Paused() bool { return p.paused }
