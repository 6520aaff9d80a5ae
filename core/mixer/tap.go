package mixer

import "github.com/reel-project/reel/codecs"

// TapMode is the channel layout a recording tap writes.
type TapMode uint8

const (
	// Mono is the saturated sum of the tap's legs.
	Mono TapMode = iota
	// Stereo is interleaved left, right; each channel is the saturated sum
	// of the tap's legs on that Side.
	Stereo
)

// Samples returns the number of samples one frame of the mode takes:
// codecs.FrameSamples for Mono, 2*codecs.FrameSamples for Stereo.
func (t TapMode) Samples() int {
	if t == Stereo {
		return 2 * codecs.FrameSamples
	}
	return codecs.FrameSamples
}

// Tap describes what one recording takes from the conference each tick.
// The caller owns it and may change its fields between ticks.
type Tap struct {
	Mode TapMode
	// Swap exchanges the channels of a Stereo tap (right = the recorded DN).
	Swap bool
	// Paused makes the tap write digital silence of the same length, so the
	// recording keeps the call's timeline.
	Paused bool
	// Legs restricts the tap to these legs (MSML target conn:<leg>); nil
	// means every leg. Legs no longer in the Mixer are skipped; list each
	// leg at most once.
	Legs []*Leg
}

// Record writes the last Tick's frame for tap t into dst[:t.Mode.Samples()]
// and returns that slice. It allocates only when dst is too short; the caller
// owns dst. Legs muted or without audio in the last Tick contribute silence.
func (m *Mixer) Record(t *Tap, dst []int16) []int16 {
	n := t.Mode.Samples()
	if cap(dst) < n {
		dst = make([]int16, n)
	}
	dst = dst[:n]
	switch {
	case t.Paused:
		clear(dst)
	case t.Mode == Stereo:
		m.recordStereo(t, dst)
	default:
		m.recordMono(t, dst)
	}
	return dst
}

// recordMono writes the sum of the tap's legs.
func (m *Mixer) recordMono(t *Tap, dst []int16) {
	frame := (*[codecs.FrameSamples]int16)(dst)
	if t.Legs == nil {
		clampTo(frame, &m.total)
		return
	}
	acc := &m.scratch[0]
	clear(acc[:])
	for _, l := range t.Legs {
		if m.contributed(l) {
			addTo(acc, &l.in)
		}
	}
	clampTo(frame, acc)
}

// recordStereo writes each Side's sum to its channel, swapped if asked.
func (m *Mixer) recordStereo(t *Tap, dst []int16) {
	m.sumSides(t.Legs)
	left, right := &m.scratch[Left], &m.scratch[Right]
	if t.Swap {
		left, right = right, left
	}
	interleaveTo(dst, left, right)
}

// sumSides fills scratch[Left] and scratch[Right] with the per-side sums of
// legs (nil = all legs, where the right side is total minus the left).
func (m *Mixer) sumSides(legs []*Leg) {
	all := legs == nil
	if all {
		legs = m.legs
	}
	clear(m.scratch[Left][:])
	clear(m.scratch[Right][:])
	for _, l := range legs {
		if m.contributed(l) && (l.side == Left || !all) {
			addTo(&m.scratch[l.side], &l.in)
		}
	}
	if all {
		minusTo(&m.scratch[Right], &m.total, &m.scratch[Left])
	}
}

// contributed reports whether l is in this Mixer and had audio in the last Tick.
func (m *Mixer) contributed(l *Leg) bool {
	return l != nil && l.mixer == m && l.mixed
}
