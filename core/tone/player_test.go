package tone

import (
	"fmt"
	"testing"
	"time"
)

const frame = 160 // one 20 ms frame at 8 kHz

// schedule is the reference model: sample t of a schedule that starts at
// offset into the period, and whether it belongs to the tone.
func schedule(tone []int16, silence, offset, t int) (int16, bool) {
	pos := (offset + t) % (len(tone) + silence)
	if pos < len(tone) {
		return tone[pos], true
	}
	return 0, false
}

// checkFrames runs p for n frames of size and compares every sample and
// every reported flag with the model, counting from sample start.
func checkFrames(t *testing.T, p *Player, tone []int16, silence, offset, start, n, size int) {
	t.Helper()
	dst := make([]int16, size)
	for f := range n {
		for i := range dst {
			dst[i] = -7 // Next must overwrite everything
		}
		got := p.Next(dst)
		want := false
		for i, v := range dst {
			w, toned := schedule(tone, silence, offset, start+f*size+i)
			if v != w {
				t.Fatalf("frame %d sample %d = %d, want %d", f, i, v, w)
			}
			want = want || toned
		}
		if got != want {
			t.Fatalf("frame %d: Next reported %v, want %v", f, got, want)
		}
	}
}

func TestPlayerScheduleIsSampleExact(t *testing.T) {
	for _, toneLen := range []int{1234, 80, 160, 1} {
		for _, silence := range []time.Duration{0, 10 * time.Millisecond, time.Second} {
			t.Run(fmt.Sprintf("a %d-sample tone with %v of silence repeats exactly", toneLen, silence), func(t *testing.T) {
				tone := ramp(toneLen)
				p := NewPlayer(mustSource(t, tone), silence)
				periods := 10 * (toneLen + durationToSamples(silence))
				checkFrames(t, p, tone, durationToSamples(silence), 0, 0, periods/frame+2, frame)
			})
		}
	}
}

func TestPlayerStartWithSilenceWaitsOneGap(t *testing.T) {
	tone := ramp(1234)
	p := NewPlayer(mustSource(t, tone), time.Second, StartWithSilence())
	dst := make([]int16, frame)
	for f := range 8000 / frame {
		if p.Next(dst) {
			t.Fatalf("tone in frame %d of the first second", f)
		}
	}
	checkFrames(t, p, tone, 8000, 0, 0, 200, frame)
}

func TestPlayerAnyFrameSizeKeepsTheSchedule(t *testing.T) {
	tone := ramp(1234)
	p := NewPlayer(mustSource(t, tone), 10*time.Millisecond)
	start := 0
	for _, size := range []int{1, 7, 333, 160, 0, 2000, 159} {
		checkFrames(t, p, tone, 80, 0, start, 13, size)
		start += 13 * size
	}
}

func TestPlayerReportsToneSamplesThatAreZero(t *testing.T) {
	p := NewPlayer(mustSource(t, make([]int16, 100)), 10*time.Millisecond)
	dst := make([]int16, 100)
	if !p.Next(dst) {
		t.Fatal("a frame of a silent tone was not reported as tone")
	}
	if p.Next(dst[:80]) {
		t.Fatal("the gap was reported as tone")
	}
}

func TestPlayerPauseHoldsTheSchedule(t *testing.T) {
	tone := ramp(1234)
	p := NewPlayer(mustSource(t, tone), 10*time.Millisecond)
	checkFrames(t, p, tone, 80, 0, 0, 7, frame) // pauses mid-tone: 1120 of 1234
	p.Pause()
	p.Pause()
	dst := make([]int16, frame)
	for f := range 50 {
		dst[0] = 1
		if p.Next(dst) || dst[0] != 0 || !p.Paused() {
			t.Fatalf("paused frame %d: tone reported or not zeroed", f)
		}
	}
	p.Resume()
	p.Resume()
	checkFrames(t, p, tone, 80, 0, 7*frame, 100, frame)
}

func TestPlayerNegativeSilenceIsNone(t *testing.T) {
	tone := ramp(300)
	checkFrames(t, NewPlayer(mustSource(t, tone), -time.Second), tone, 0, 0, 0, 20, frame)
}

func TestPlayerOfAZeroSourcePlaysSilence(t *testing.T) {
	p := NewPlayer(&Source{}, time.Second)
	dst := []int16{5, 5}
	if p.Next(dst) || dst[0] != 0 || dst[1] != 0 {
		t.Fatalf("got %v", dst)
	}
}

func TestPlayerNextDoesNotAllocate(t *testing.T) {
	p := NewPlayer(mustSource(t, ramp(1234)), 10*time.Millisecond)
	dst := make([]int16, frame)
	if n := testing.AllocsPerRun(1000, func() { p.Next(dst) }); n != 0 {
		t.Fatalf("%v allocations per Next", n)
	}
}

func TestDurationToSamples(t *testing.T) {
	for d, want := range map[time.Duration]int{
		0: 0, -time.Second: 0, 124 * time.Microsecond: 0, 125 * time.Microsecond: 1,
		10 * time.Millisecond: 80, time.Second: 8000, 1500 * time.Millisecond: 12000,
		24 * time.Hour: 24 * 3600 * 8000,
	} {
		if got := durationToSamples(d); got != want {
			t.Errorf("durationToSamples(%v) = %d, want %d", d, got, want)
		}
	}
}

func mustSource(t testing.TB, pcm []int16) *Source {
	t.Helper()
	s, err := NewSource(pcm)
	if err != nil {
		t.Fatal(err)
	}
	return s
}
