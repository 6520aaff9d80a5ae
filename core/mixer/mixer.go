package mixer

import "github.com/reel-project/reel/codecs"

// Mixer mixes the legs of one conference, one frame per Tick.
//
// A Mixer is not safe for concurrent use: the conference's clock goroutine
// owns it and its Legs, and fills the input frames on that goroutine too.
type Mixer struct {
	legs []*Leg

	// total is the int32 sum of every leg mixed in the last Tick.
	total [codecs.FrameSamples]int32
	// scratch accumulates tap channels.
	scratch [2][codecs.FrameSamples]int32
}

// New returns a Mixer with no legs.
func New() *Mixer { return &Mixer{} }

// AddLeg adds a party whose stereo channel is side (any value other than
// Left means Right) and returns its Leg. The
// leg is silent until the caller marks it active, and hears the next Tick.
func (m *Mixer) AddLeg(id string, side Side) *Leg {
	l := &Leg{id: id, mixer: m, index: len(m.legs), side: side.valid()}
	m.legs = append(m.legs, l)
	return l
}

// RemoveLeg takes a leg out of the conference at once: it no longer
// contributes to the next Tick nor to taps recorded for the current one.
// Removing a leg twice, or one from another Mixer, does nothing.
func (m *Mixer) RemoveLeg(l *Leg) {
	if l == nil || l.mixer != m {
		return
	}
	if l.mixed {
		subTo(&m.total, &l.in)
	}
	last := len(m.legs) - 1
	m.legs[l.index] = m.legs[last]
	m.legs[l.index].index = l.index
	m.legs[last] = nil
	m.legs = m.legs[:last]
	l.mixer, l.index, l.mixed, l.heard = nil, -1, false, false
}

// Legs returns the number of legs in the conference.
func (m *Mixer) Legs() int { return len(m.legs) }

// Tick mixes the frames the caller marked active and fills every leg's Out
// with the saturated sum of all other legs: the int32 total once, then per
// leg total minus its own input, clamped to int16.
func (m *Mixer) Tick() {
	m.sumInputs()
	for _, l := range m.legs {
		m.mixMinus(l)
	}
}

// sumInputs computes total over the legs that have audio this tick and
// consumes their active flags.
func (m *Mixer) sumInputs() {
	clear(m.total[:])
	for _, l := range m.legs {
		l.mixed = l.active && !l.muted
		l.active = false
		if l.mixed {
			addTo(&m.total, &l.in)
		}
	}
}

// mixMinus fills one leg's output from total.
func (m *Mixer) mixMinus(l *Leg) {
	l.heard = !l.deaf
	if !l.heard {
		return
	}
	if l.mixed {
		clampMinusTo(&l.out, &m.total, &l.in)
		return
	}
	clampTo(&l.out, &m.total)
}
