package tone

import (
	"fmt"
	"github.com/reel-project/reel/core/prompt"
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
				periods := 10 * (toneLen + prompt.DurationToSamples(silence))
				checkFrames(t, p, tone, prompt.DurationToSamples(silence), 0, 0, periods/frame+2, frame)
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
	p := NewPlayer(&prompt.Audio{}, time.Second)
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

func mustSource(t testing.TB, pcm []int16) *prompt.Audio {
	t.Helper()
	s, err := prompt.NewAudio(pcm)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// ramp returns n distinct, never-zero samples, so that a misplaced or
// missing sample shows.
func ramp(n int) []int16 {
	s := make([]int16, n)
	for i := range s {
		s[i] = int16(i%30000 + 1)
	}
	return s
}

func equalSamples(t *testing.T, got, want []int16) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("got %d samples, want %d", len(got), len(want))
	}
	for i := range got {
		if got[i] != want[i] {
			t.Fatalf("sample %d = %d, want %d", i, got[i], want[i])
		}
	}
}
