package mixer

import (
	"github.com/reel-project/reel/codecs"
	"math"
	"slices"
	"strconv"
	"testing"
)

// constFrame returns a frame with every sample set to v.
func constFrame(v int16) []int16 {
	f := make([]int16, codecs.FrameSamples)
	for i := range f {
		f[i] = v
	}
	return f
}

// feed copies frame into l's input and marks it active.
func feed(l *Leg, frame []int16) {
	copy(l.In(), frame)
	l.SetActive(true)
}

// legCase is one party in a mixing table: a constant input and what it hears.
type legCase struct {
	in      int16
	noAudio bool
	muted   bool
	deaf    bool
	hears   int16 // constant expected Out; Out must be nil when deaf
}

func TestTickMixMinus(t *testing.T) {
	const hi, lo = math.MaxInt16, math.MinInt16
	tests := []struct {
		name string
		legs []legCase
	}{
		{"two legs hear each other", []legCase{{in: 100, hears: -200}, {in: -200, hears: 100}}},
		{"three legs each hear the sum of the other two", []legCase{
			{in: 100, hears: 500}, {in: 200, hears: 400}, {in: 300, hears: 300}}},
		{"a leg alone hears silence", []legCase{{in: 1000, hears: 0}}},
		{"a leg with no audio contributes nothing but hears the others", []legCase{
			{in: 100, hears: 300}, {in: 9999, noAudio: true, hears: 400}, {in: 300, hears: 100}}},
		{"legs without audio all hear silence", []legCase{
			{in: 5, noAudio: true}, {in: 7, noAudio: true}}},
		{"full-scale opposites pass through exactly", []legCase{{in: hi, hears: lo}, {in: lo, hears: hi}}},
		{"a positive sum saturates at the top", []legCase{
			{in: hi, hears: hi}, {in: hi, hears: hi}, {in: 1, hears: hi}}},
		{"a negative sum saturates at the bottom", []legCase{
			{in: lo, hears: lo}, {in: lo, hears: lo}, {in: -1, hears: lo}}},
		{"three loud legs each hear a saturated pair, not silence", []legCase{
			{in: hi, hears: hi}, {in: hi, hears: hi}, {in: hi, hears: hi}}},
		{"a saturated total does not leak into a leg that cancels it", []legCase{
			{in: hi, hears: -1}, {in: hi, hears: -1}, {in: lo, hears: hi}}},
		{"a muted leg contributes nothing but hears the others", []legCase{
			{in: 100, muted: true, hears: 200}, {in: 200, hears: 0}}},
		{"a deaf leg gets no output but is heard", []legCase{
			{in: 100, deaf: true}, {in: 200, hears: 400}, {in: 300, hears: 300}}},
		{"a muted and deaf leg is out of the mix both ways", []legCase{
			{in: 100, muted: true, deaf: true}, {in: 200, hears: 300}, {in: 300, hears: 200}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := New()
			legs := make([]*Leg, len(tt.legs))
			for i, c := range tt.legs {
				legs[i] = m.AddLeg("leg", Left)
				legs[i].SetMuted(c.muted)
				legs[i].SetDeaf(c.deaf)
				copy(legs[i].In(), constFrame(c.in))
				legs[i].SetActive(!c.noAudio)
			}
			m.Tick()
			for i, c := range tt.legs {
				checkOut(t, i, legs[i], c)
			}
		})
	}
}

func checkOut(t *testing.T, i int, l *Leg, c legCase) {
	t.Helper()
	out := l.Out()
	if c.deaf {
		if out != nil {
			t.Errorf("leg %d is deaf but Out = %v…, want nil", i, out[:4])
		}
		return
	}
	if want := constFrame(c.hears); !slices.Equal(out, want) {
		t.Errorf("leg %d hears %v…, want %d", i, out[:4], c.hears)
	}
}

func TestTwoLegsPassThroughBitExact(t *testing.T) {
	m := New()
	a, b := m.AddLeg("a", Left), m.AddLeg("b", Right)
	fa, fb := make([]int16, codecs.FrameSamples), make([]int16, codecs.FrameSamples)
	for tick := range 50 {
		for i := range codecs.FrameSamples {
			fa[i] = int16(tick*7919 + i*104729)
			fb[i] = int16(tick*31 - i*65537)
		}
		fa[0], fa[1], fb[0], fb[1] = math.MaxInt16, math.MinInt16, math.MinInt16, math.MaxInt16
		feed(a, fa)
		feed(b, fb)
		m.Tick()
		if !slices.Equal(a.Out(), fb) || !slices.Equal(b.Out(), fa) {
			t.Fatalf("tick %d: a leg does not hear exactly the other", tick)
		}
	}
}

func TestTickConsumesActive(t *testing.T) {
	m := New()
	a, b := m.AddLeg("a", Left), m.AddLeg("b", Right)
	feed(a, constFrame(1234))
	m.Tick()
	if got := b.Out()[0]; got != 1234 {
		t.Fatalf("first tick: b hears %d, want 1234", got)
	}
	m.Tick() // a was not fed again
	if got := b.Out(); !slices.Equal(got, constFrame(0)) {
		t.Errorf("second tick: b hears %v…, want silence, not a repeat", got[:4])
	}
}

func TestMuteAndDeafTakeEffectNextTick(t *testing.T) {
	m := New()
	a, b := m.AddLeg("a", Left), m.AddLeg("b", Right)
	tick := func() { feed(a, constFrame(10)); feed(b, constFrame(20)); m.Tick() }
	tick()
	a.SetMuted(true)
	b.SetDeaf(true)
	if b.Out() == nil || b.Out()[0] != 10 {
		t.Fatalf("flags changed the frame already mixed: b.Out = %v", b.Out())
	}
	tick()
	if b.Out() != nil || a.Out()[0] != 20 {
		t.Fatalf("after mute/deaf: a hears %d, b.Out = %v; want 20 and nil", a.Out()[0], b.Out())
	}
	a.SetMuted(false)
	b.SetDeaf(false)
	tick()
	if a.Out()[0] != 20 || b.Out()[0] != 10 {
		t.Errorf("after unmute/undeaf: a hears %d, b hears %d; want 20 and 10", a.Out()[0], b.Out()[0])
	}
}

func TestRemoveLegMidCall(t *testing.T) {
	m := New()
	a, b, c := m.AddLeg("a", Left), m.AddLeg("b", Right), m.AddLeg("c", Right)
	tick := func(legs ...*Leg) {
		for i, l := range legs {
			feed(l, constFrame(int16(100*(i+1))))
		}
		m.Tick()
	}
	tick(a, b, c)
	m.RemoveLeg(a)
	if m.Legs() != 2 || a.Out() != nil {
		t.Fatalf("after RemoveLeg: Legs() = %d, a.Out = %v; want 2 and nil", m.Legs(), a.Out())
	}
	tick(b, c)
	if b.Out()[0] != 200 || c.Out()[0] != 100 {
		t.Errorf("b hears %d, c hears %d; want 200 and 100", b.Out()[0], c.Out()[0])
	}
	m.RemoveLeg(a)
	New().RemoveLeg(b)
	m.RemoveLeg(nil)
	if m.Legs() != 2 {
		t.Errorf("removing twice or from another mixer changed Legs() to %d", m.Legs())
	}
	d := m.AddLeg("d", Left)
	tick(b, c, d)
	if d.Out()[0] != 300 || m.legs[d.index] != d {
		t.Errorf("a leg added after a removal hears %d, want 300", d.Out()[0])
	}
}

func TestTickAndRecordDoNotAllocate(t *testing.T) {
	m := New()
	for i := range 10 {
		m.AddLeg("leg", Side(i%2))
	}
	taps := []*Tap{{Mode: Stereo}, {Mode: Mono}, {Mode: Stereo, Legs: m.legs[:1]}, {Mode: Mono, Paused: true}}
	dst := make([]int16, 2*codecs.FrameSamples)
	allocs := testing.AllocsPerRun(100, func() {
		for _, l := range m.legs {
			l.SetActive(true)
		}
		m.Tick()
		for _, tap := range taps {
			dst = m.Record(tap, dst)
		}
	})
	if allocs != 0 {
		t.Errorf("Tick + Record allocate %v times per tick, want 0", allocs)
	}
}

func BenchmarkTick(b *testing.B) {
	for _, n := range []int{2, 3, 10} {
		b.Run(legsName(n), func(b *testing.B) {
			m := benchMixer(n)
			b.ReportAllocs()
			for b.Loop() {
				for _, l := range m.legs {
					l.SetActive(true)
				}
				m.Tick()
			}
		})
	}
}

// benchMixer returns a mixer with n legs, alternating sides, with audio.
func benchMixer(n int) *Mixer {
	m := New()
	for i := range n {
		feed(m.AddLeg("leg", Side(i%2)), constFrame(int16(1000*i)))
	}
	return m
}

func legsName(n int) string {
	return "legs=" + strconv.Itoa(n)
}
