package mixer

import (
	"github.com/reel-project/reel/codecs"
	"math"
	"slices"
	"testing"
)

// tapLeg is one party in a tap table.
type tapLeg struct {
	side    Side
	in      int16
	noAudio bool
	muted   bool
	deaf    bool
}

func TestRecord(t *testing.T) {
	const hi, lo = math.MaxInt16, math.MinInt16
	twoParties := []tapLeg{{side: Left, in: 100}, {side: Right, in: -200}}
	tests := []struct {
		name string
		legs []tapLeg
		tap  Tap
		only []int   // indexes of Tap.Legs; nil = all legs
		want []int16 // one value (mono) or left, right (stereo), repeated per sample
	}{
		{"stereo puts each side on its own channel", twoParties, Tap{Mode: Stereo}, nil, []int16{100, -200}},
		{"swap exchanges the channels", twoParties, Tap{Mode: Stereo, Swap: true}, nil, []int16{-200, 100}},
		{"stereo sums the legs on the same side", []tapLeg{
			{side: Left, in: 100}, {side: Right, in: 200}, {side: Right, in: 300}},
			Tap{Mode: Stereo}, nil, []int16{100, 500}},
		{"stereo channels saturate independently", []tapLeg{
			{side: Left, in: hi}, {side: Left, in: 1}, {side: Right, in: lo}, {side: Right, in: -1}},
			Tap{Mode: Stereo}, nil, []int16{hi, lo}},
		{"every leg on one side leaves the other channel silent", []tapLeg{
			{side: Right, in: 7}, {side: Right, in: 8}}, Tap{Mode: Stereo}, nil, []int16{0, 15}},
		{"mono sums every leg", []tapLeg{{in: 100}, {side: Right, in: 200}, {in: -50}},
			Tap{Mode: Mono}, nil, []int16{250}},
		{"mono saturates at the top", []tapLeg{{in: hi}, {side: Right, in: hi}}, Tap{Mode: Mono}, nil, []int16{hi}},
		{"mono saturates at the bottom", []tapLeg{{in: lo}, {side: Right, in: -1}}, Tap{Mode: Mono}, nil, []int16{lo}},
		{"a paused stereo tap writes silence", twoParties, Tap{Mode: Stereo, Paused: true}, nil, []int16{0, 0}},
		{"a paused mono tap writes silence", twoParties, Tap{Mode: Mono, Paused: true}, nil, []int16{0}},
		{"a single-leg stereo tap records only that leg on its side", []tapLeg{
			{side: Left, in: 100}, {side: Right, in: 200}, {side: Right, in: 300}},
			Tap{Mode: Stereo}, []int{2}, []int16{0, 300}},
		{"a single-leg stereo tap honours swap", twoParties, Tap{Mode: Stereo, Swap: true}, []int{0}, []int16{0, 100}},
		{"a single-leg mono tap records only that leg", twoParties, Tap{Mode: Mono}, []int{1}, []int16{-200}},
		{"an empty leg list records silence", twoParties, Tap{Mode: Mono}, []int{}, []int16{0}},
		{"a leg with no audio is silent in the tap", []tapLeg{
			{side: Left, in: 100, noAudio: true}, {side: Right, in: 200}}, Tap{Mode: Stereo}, nil, []int16{0, 200}},
		{"a muted leg is silent in the tap", []tapLeg{
			{side: Left, in: 100}, {side: Right, in: 200, muted: true}}, Tap{Mode: Stereo}, nil, []int16{100, 0}},
		{"a deaf leg is still recorded", []tapLeg{
			{side: Left, in: 100, deaf: true}, {side: Right, in: 200}}, Tap{Mode: Mono}, nil, []int16{300}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, legs := tapMixer(tt.legs)
			tap := tt.tap
			for _, i := range tt.only {
				tap.Legs = append(tap.Legs, legs[i])
			}
			if tt.only != nil && tap.Legs == nil {
				tap.Legs = []*Leg{}
			}
			got := m.Record(&tap, garbage(2*codecs.FrameSamples))
			if want := repeatFrame(tt.want); !slices.Equal(got, want) {
				t.Errorf("Record = %v… (len %d), want %v… (len %d)", got[:4], len(got), want[:min(4, len(want))], len(want))
			}
		})
	}
}

// tapMixer builds a mixer from a table's legs and runs one Tick.
func tapMixer(cases []tapLeg) (*Mixer, []*Leg) {
	m := New()
	legs := make([]*Leg, len(cases))
	for i, c := range cases {
		legs[i] = m.AddLeg("leg", c.side)
		legs[i].SetMuted(c.muted)
		legs[i].SetDeaf(c.deaf)
		copy(legs[i].In(), constFrame(c.in))
		legs[i].SetActive(!c.noAudio)
	}
	m.Tick()
	return m, legs
}

// repeatFrame repeats one sample per channel for a whole frame.
func repeatFrame(perChannel []int16) []int16 {
	var f []int16
	for range codecs.FrameSamples {
		f = append(f, perChannel...)
	}
	return f
}

// garbage returns a buffer full of non-zero samples.
func garbage(n int) []int16 {
	f := make([]int16, n)
	for i := range f {
		f[i] = 0x5a5a
	}
	return f
}

func TestRecordStereoInterleavesSampleBySample(t *testing.T) {
	m := New()
	l, r := m.AddLeg("dn", Left), m.AddLeg("other", Right)
	for i := range codecs.FrameSamples {
		l.In()[i], r.In()[i] = int16(i), int16(-i)
	}
	l.SetActive(true)
	r.SetActive(true)
	m.Tick()
	got := m.Record(&Tap{Mode: Stereo}, nil)
	for i := range codecs.FrameSamples {
		if got[2*i] != int16(i) || got[2*i+1] != int16(-i) {
			t.Fatalf("frame %d = (%d, %d), want (%d, %d)", i, got[2*i], got[2*i+1], i, -i)
		}
	}
}

func TestRecordBuffer(t *testing.T) {
	m, _ := tapMixer([]tapLeg{{in: 1}})
	t.Run("a nil buffer is allocated to the mode's length", func(t *testing.T) {
		if got := m.Record(&Tap{Mode: Stereo}, nil); len(got) != 2*codecs.FrameSamples {
			t.Errorf("len = %d, want %d", len(got), 2*codecs.FrameSamples)
		}
	})
	t.Run("a long enough buffer is reused and trimmed", func(t *testing.T) {
		dst := make([]int16, 1000)
		got := m.Record(&Tap{Mode: Mono}, dst)
		if len(got) != codecs.FrameSamples || &got[0] != &dst[0] {
			t.Errorf("len = %d, reused = %v; want %d and true", len(got), &got[0] == &dst[0], codecs.FrameSamples)
		}
	})
}

func TestRecordSkipsRemovedLegs(t *testing.T) {
	m, legs := tapMixer([]tapLeg{{side: Left, in: 100}, {side: Right, in: 200}, {side: Right, in: 300}})
	m.RemoveLeg(legs[2]) // after Tick, before the taps of that tick
	if got := m.Record(&Tap{Mode: Mono}, nil)[0]; got != 300 {
		t.Errorf("mono of all legs = %d, want 300", got)
	}
	if got := m.Record(&Tap{Mode: Stereo}, nil); got[0] != 100 || got[1] != 200 {
		t.Errorf("stereo of all legs = (%d, %d), want (100, 200)", got[0], got[1])
	}
	if got := m.Record(&Tap{Mode: Mono, Legs: legs[1:]}, nil)[0]; got != 200 {
		t.Errorf("mono of legs 1 and 2 = %d, want 200", got)
	}
}

func TestTapModeSamples(t *testing.T) {
	if Mono.Samples() != codecs.FrameSamples || Stereo.Samples() != 2*codecs.FrameSamples {
		t.Errorf("Samples = %d, %d; want %d, %d", Mono.Samples(), Stereo.Samples(), codecs.FrameSamples, 2*codecs.FrameSamples)
	}
}

func BenchmarkRecord(b *testing.B) {
	for _, n := range []int{2, 3, 10} {
		m := benchMixer(n)
		m.Tick()
		taps := []struct {
			name string
			tap  Tap
		}{
			{"stereo", Tap{Mode: Stereo}},
			{"mono", Tap{Mode: Mono}},
			{"stereo-one-leg", Tap{Mode: Stereo, Legs: m.legs[:1]}},
		}
		for _, tc := range taps {
			b.Run(tc.name+"/"+legsName(n), func(b *testing.B) {
				dst := make([]int16, 2*codecs.FrameSamples)
				b.ReportAllocs()
				for b.Loop() {
					dst = m.Record(&tc.tap, dst)
				}
			})
		}
	}
}
