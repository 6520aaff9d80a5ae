package jitter

import (
	"encoding/binary"
	"math"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/pion/rtp"
)

// driftRun is the outcome of a long run with a drifting sender clock.
type driftRun struct {
	st                 Stats
	maxDepth, minDepth int // ms, after the first minute
	early, late        float64
	quietSamples       int // samples dropped or inserted in quiet frames
	maxUnderrunStreak  int
}

// runDrift plays `dur` of a sender whose clock runs `drift` fast (negative:
// slow), through a network adding 0–15 ms of random delay, and pops on an
// exact 20 ms clock. content gives the sample at each sender timestamp.
func runDrift(t *testing.T, drift float64, dur time.Duration, content func(uint32) int16) driftRun {
	b := newTestBuffer(t, nil)
	rng := rand.New(rand.NewPCG(1, 2))
	p := &rtp.Packet{Header: rtp.Header{Version: 2, PayloadType: ptL16, SSRC: 3}, Payload: make([]byte, 2*ptime20)}
	frame := make([]int16, ptime20)
	base := time.Unix(1_700_000_000, 0)
	var r driftRun
	r.minDepth = math.MaxInt
	var sumFirst, sumLast, nFirst, nLast, streak int
	next, k := time.Duration(0), 0
	pops := int(dur / (20 * time.Millisecond))
	for i := range pops {
		tick := time.Duration(i)*20*time.Millisecond + popPhase
		for ; next <= tick; k++ {
			fill(p, uint16(k), uint32(k*ptime20), content)
			b.Push(p, base.Add(next))
			sent := time.Duration(float64(k+1) * float64(20*time.Millisecond) / (1 + drift))
			next = sent + time.Duration(rng.IntN(15))*time.Millisecond
		}
		before := b.n.dropped + b.n.inserted
		st := b.Pop(frame)
		if quiet(frame) {
			r.quietSamples += int(b.n.dropped + b.n.inserted - before)
		}
		streak = underrunStreak(streak, st, &r)
		d := int(b.ms(max(0, b.tl.h-b.tl.p)))
		if i >= 3000 {
			r.maxDepth, r.minDepth = max(r.maxDepth, d), min(r.minDepth, d)
		}
		if i >= 3000 && i < 6000 {
			sumFirst, nFirst = sumFirst+d, nFirst+1
		}
		if i >= pops-3000 {
			sumLast, nLast = sumLast+d, nLast+1
		}
	}
	r.st = b.Stats()
	r.early, r.late = float64(sumFirst)/float64(nFirst), float64(sumLast)/float64(nLast)
	return r
}

func underrunStreak(streak int, st Status, r *driftRun) int {
	if st.Real > 0 || st.Kind == Idle {
		return 0
	}
	streak++
	r.maxUnderrunStreak = max(r.maxUnderrunStreak, streak)
	return streak
}

func fill(p *rtp.Packet, seq uint16, ts uint32, content func(uint32) int16) {
	p.SequenceNumber, p.Timestamp = seq, ts
	for i := range ptime20 {
		binary.BigEndian.PutUint16(p.Payload[2*i:], uint16(content(ts+uint32(i))))
	}
}

// sine400 is one period of a 400 Hz sine at 8 kHz.
var sine400 = func() (s [20]int16) {
	for i := range s {
		s[i] = int16(8000 * math.Sin(2*math.Pi*float64(i)/20))
	}
	return s
}()

// tone is a loud 400 Hz sine: no frame is ever quiet.
func tone(ts uint32) int16 { return sine400[ts%20] }

// speech alternates 1.2 s of tone with 0.6 s of faint noise, like talk and pauses.
func speech(ts uint32) int16 {
	if ts%14400 < 9600 {
		return tone(ts)
	}
	return int16(ts*2654435761>>26) - 32
}

// A sender clock off by ±0.5 % or ±1 % for a simulated hour: the depth
// stays bounded, the clock never starves, and the drift shows up as
// counted sample drops or inserts — in the pauses when there are pauses.
func TestClockDriftOverAnHour(t *testing.T) {
	dur := time.Hour
	if testing.Short() {
		dur = 5 * time.Minute
	}
	for _, tc := range []struct {
		name    string
		drift   float64
		content func(uint32) int16
		pauses  bool
	}{
		{"a sender 1 % fast, speaking with pauses, is absorbed in the pauses", 0.01, speech, true},
		{"a sender 1 % slow, speaking with pauses, is absorbed in the pauses", -0.01, speech, true},
		{"a sender 0.5 % fast playing a continuous tone is absorbed", 0.005, tone, false},
		{"a sender 0.5 % slow playing a continuous tone is absorbed", -0.005, tone, false},
		{"a sender 1 % fast playing a continuous tone is absorbed", 0.01, tone, false},
		{"a sender 1 % slow playing a continuous tone is absorbed", -0.01, tone, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := runDrift(t, tc.drift, dur, tc.content)
			st := r.st
			net := float64(int64(st.SamplesDropped) - int64(st.SamplesInserted))
			want := tc.drift * 8000 * dur.Seconds()
			t.Logf("depth %d–%d ms (mean %.0f early, %.0f late); dropped %d inserted %d in %d frames (%d samples quiet); underruns %d (streak %d); concealed %d ms",
				r.minDepth, r.maxDepth, r.early, r.late, st.SamplesDropped, st.SamplesInserted, st.Adjustments,
				r.quietSamples, st.Underruns, r.maxUnderrunStreak, st.ConcealedMs)
			if r.maxDepth > DefaultTargetMs+120 || math.Abs(r.late-r.early) > 20 {
				t.Errorf("depth %d–%d ms, mean %.0f then %.0f: it must stay bounded", r.minDepth, r.maxDepth, r.early, r.late)
			}
			if math.Abs(net-want) > 1600 {
				t.Errorf("net samples dropped %.0f, want %.0f ± 1600 (the drift)", net, want)
			}
			if st.Underruns > 5 || st.Late > 5 || st.Resyncs > 5 {
				t.Errorf("underruns %d late %d resyncs %d: the clock must not starve", st.Underruns, st.Late, st.Resyncs)
			}
			if adjusted := int(st.SamplesDropped + st.SamplesInserted); tc.pauses && r.quietSamples < adjusted*9/10 {
				t.Errorf("%d of %d samples adjusted in quiet frames, want ≥ 90 %%", r.quietSamples, adjusted)
			}
		})
	}
}
