package mixer

import (
	"github.com/reel-project/reel/codecs"
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// refLeg is the reference model's view of a leg for one tick.
type refLeg struct {
	leg   *Leg
	in    []int16
	audio bool // active and not muted
}

// refClamp saturates an int64 sum to int16.
func refClamp(v int64) int16 {
	return int16(max(math.MinInt16, min(math.MaxInt16, v)))
}

// refMixMinus is the straightforward reference: for each leg, add every
// other leg with audio, sample by sample, and saturate.
func refMixMinus(legs []refLeg, self int) []int16 {
	out := make([]int16, codecs.FrameSamples)
	for i := range out {
		var sum int64
		for j, o := range legs {
			if j != self && o.audio {
				sum += int64(o.in[i])
			}
		}
		out[i] = refClamp(sum)
	}
	return out
}

// refTap is the reference tap: per channel, add the chosen legs with audio.
func refTap(legs []refLeg, tap *Tap) []int16 {
	chosen := func(l *Leg) bool { return tap.Legs == nil || slices.Contains(tap.Legs, l) }
	channels := 1
	if tap.Mode == Stereo {
		channels = 2
	}
	out := make([]int16, channels*codecs.FrameSamples)
	for c := range channels {
		for i := range codecs.FrameSamples {
			var sum int64
			for _, o := range legs {
				ch := int(o.leg.side)
				if tap.Swap {
					ch = 1 - ch
				}
				if o.audio && chosen(o.leg) && (channels == 1 || ch == c) {
					sum += int64(o.in[i])
				}
			}
			if !tap.Paused {
				out[channels*i+c] = refClamp(sum)
			}
		}
	}
	return out
}

// randomSample favours the extremes, where saturation bugs live.
func randomSample(r *rand.Rand) int16 {
	switch r.IntN(8) {
	case 0:
		return math.MaxInt16
	case 1:
		return math.MinInt16
	case 2:
		return int16(r.IntN(5) - 2)
	default:
		return int16(r.Uint32())
	}
}

func TestMixMatchesReferenceOnRandomCalls(t *testing.T) {
	r := rand.New(rand.NewPCG(20, 26))
	m := New()
	dst := make([]int16, 2*codecs.FrameSamples)
	for tick := range 2000 {
		churn(r, m)
		legs := randomTick(r, m)
		m.Tick()
		for i, rl := range legs {
			if rl.leg.deaf {
				if rl.leg.Out() != nil {
					t.Fatalf("tick %d leg %d: deaf leg has output", tick, i)
				}
			} else if want := refMixMinus(legs, i); !slices.Equal(rl.leg.Out(), want) {
				t.Fatalf("tick %d leg %d of %d: mix-minus differs from the reference", tick, i, len(legs))
			}
		}
		tap := randomTap(r, m)
		if got, want := m.Record(tap, dst), refTap(legs, tap); !slices.Equal(got, want) {
			t.Fatalf("tick %d: tap %+v differs from the reference", tick, *tap)
		}
	}
}

// churn adds or removes a leg now and then, keeping 0 to 12 legs.
func churn(r *rand.Rand, m *Mixer) {
	switch n := m.Legs(); {
	case n < 12 && (n == 0 || r.IntN(10) == 0):
		m.AddLeg("leg", Side(r.IntN(3)))
	case n > 0 && r.IntN(12) == 0:
		m.RemoveLeg(m.legs[r.IntN(n)])
	}
}

// randomTick fills every leg with random audio, flags and side.
func randomTick(r *rand.Rand, m *Mixer) []refLeg {
	legs := make([]refLeg, 0, m.Legs())
	for _, l := range m.legs {
		for i := range l.In() {
			l.In()[i] = randomSample(r)
		}
		active := r.IntN(5) != 0
		l.SetActive(active)
		l.SetMuted(r.IntN(6) == 0)
		l.SetDeaf(r.IntN(6) == 0)
		l.SetSide(Side(r.IntN(2)))
		legs = append(legs, refLeg{leg: l, in: slices.Clone(l.In()), audio: active && !l.muted})
	}
	return legs
}

// randomTap picks a mode, swap, pause and either all legs or a subset.
func randomTap(r *rand.Rand, m *Mixer) *Tap {
	tap := &Tap{Mode: TapMode(r.IntN(2)), Swap: r.IntN(2) == 0, Paused: r.IntN(8) == 0}
	if r.IntN(2) == 0 {
		tap.Legs = []*Leg{}
		for _, l := range m.legs {
			if r.IntN(2) == 0 {
				tap.Legs = append(tap.Legs, l)
			}
		}
	}
	return tap
}
