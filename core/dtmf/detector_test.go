package dtmf

import (
	"math"
	"math/rand/v2"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/reel-project/reel/codecs/g711"
	"github.com/reel-project/reel/core/prompt"
)

// tone describes generated DTMF audio: each key for on ms then off ms of
// silence, at level dBm0 per tone (µ-law: a full-scale sine is +3.17 dBm0),
// the column tone twist dB relative to the row (negative: quieter), both
// frequencies off by dev (a fraction), starting after lead samples.
type tone struct {
	keys         string
	on, off      int
	level, twist float64
	dev          float64
	lead         int
	noise        float64 // white noise RMS, in PCM units
}

func (g tone) pcm() []int16 {
	amp := func(dbm0 float64) float64 { return 32767 * math.Pow(10, (dbm0-3.17)/20) }
	rng := rand.New(rand.NewPCG(1, 2))
	out := make([]int16, g.lead)
	for _, k := range g.keys {
		r, c := position(byte(k))
		fr, fc := rowHz[r]*(1+g.dev), colHz[c]*(1+g.dev)
		for i := range g.on * 8 {
			t := float64(i) / rate
			v := amp(g.level)*math.Sin(2*math.Pi*fr*t) + amp(g.level+g.twist)*math.Sin(2*math.Pi*fc*t+1)
			out = append(out, int16(v))
		}
		out = append(out, make([]int16, g.off*8)...)
	}
	out = append(out, make([]int16, 800)...)
	if g.noise > 0 {
		for i := range out {
			out[i] = int16(max(min(float64(out[i])+rng.NormFloat64()*g.noise, 32767), -32768))
		}
	}
	return out
}

func position(k byte) (int, int) {
	for r := range 4 {
		for c := range 4 {
			if keys[r][c] == k {
				return r, c
			}
		}
	}
	panic("not a key")
}

// detect feeds pcm in 20 ms frames (through µ-law, as audio arrives) and
// returns the keys reported.
func detect(pcm []int16) string {
	var d Detector
	var got strings.Builder
	codes := make([]byte, 160)
	frame := make([]int16, 160)
	for len(pcm) >= 160 {
		g711.MuLaw.EncodeTo(codes, pcm[:160])
		g711.MuLaw.DecodeTo(frame, codes)
		if k := d.Feed(frame); k != 0 {
			got.WriteByte(k)
		}
		pcm = pcm[160:]
	}
	return got.String()
}

const allKeys = "123A456B789C*0#D"

func TestDetectorFindsEveryKeyAtEveryLevel(t *testing.T) {
	for _, level := range []float64{-3, -10, -20, -25, -30} {
		g := tone{keys: allKeys, on: 60, off: 60, level: level}
		if got := detect(g.pcm()); got != allKeys {
			t.Errorf("at %v dBm0: got %q", level, got)
		}
	}
	if got := detect(tone{keys: allKeys, on: 60, off: 60, level: -45}.pcm()); got != "" {
		t.Errorf("at -45 dBm0, under the minimum level: got %q", got)
	}
}

// TestDetectorFrequencyToleranceIsQ24s: every key is accepted with both
// tones 1.5 % off and rejected 3.5 % off, either way.
func TestDetectorFrequencyToleranceIsQ24s(t *testing.T) {
	for _, dev := range []float64{-0.015, 0.015} {
		if got := detect(tone{keys: allKeys, on: 60, off: 60, level: -10, dev: dev}.pcm()); got != allKeys {
			t.Errorf("%+.1f %%: got %q, want every key", dev*100, got)
		}
	}
	for _, dev := range []float64{-0.035, 0.035} {
		if got := detect(tone{keys: allKeys, on: 60, off: 60, level: -10, dev: dev}.pcm()); got != "" {
			t.Errorf("%+.1f %%: got %q, want none", dev*100, got)
		}
	}
}

func TestDetectorTwistLimits(t *testing.T) {
	for _, c := range []struct {
		twist float64
		want  string
	}{{-7, allKeys}, {3, allKeys}, {-10, ""}, {6, ""}} {
		if got := detect(tone{keys: allKeys, on: 60, off: 60, level: -8, twist: c.twist}.pcm()); got != c.want {
			t.Errorf("twist %+v dB: got %q, want %q", c.twist, got, c.want)
		}
	}
}

// TestDetectorDurations: a 40 ms tone is found wherever it starts in a
// frame; 20 ms tones are not; 40 ms pauses separate repeated keys.
func TestDetectorDurations(t *testing.T) {
	for lead := 0; lead < 160; lead += 13 {
		if got := detect(tone{keys: "159#", on: 40, off: 40, level: -10, lead: lead}.pcm()); got != "159#" {
			t.Errorf("40 ms tones from sample %d: got %q", lead, got)
		}
		if got := detect(tone{keys: "159#", on: 20, off: 60, level: -10, lead: lead}.pcm()); got != "" {
			t.Errorf("20 ms tones from sample %d: got %q", lead, got)
		}
	}
	if got := detect(tone{keys: "5555", on: 50, off: 40, level: -10}.pcm()); got != "5555" {
		t.Errorf("repeated key: got %q", got)
	}
	if got := detect(tone{keys: "7", on: 2000, level: -10}.pcm()); got != "7" {
		t.Errorf("a held key: got %q", got)
	}
}

func TestDetectorWorksInNoise(t *testing.T) {
	// −10 dBm0 tones (about 3000 RMS each) in noise of RMS 300: 20 dB SNR.
	if got := detect(tone{keys: allKeys, on: 60, off: 60, level: -10, noise: 300}.pcm()); got != allKeys {
		t.Errorf("20 dB SNR: got %q", got)
	}
	if got := detect(tone{keys: allKeys, on: 60, off: 60, level: -25, noise: 1500}.pcm()); got != "" {
		t.Errorf("noise louder than the tones: got %q", got)
	}
}

// TestDetectorIgnoresMusic is the talk-off check on real audio: the first
// 60 s of the shared fixtures' music (CC BY 3.0) hold no key. (All 120 s
// pass too; half keeps the race-detector run short.)
func TestDetectorIgnoresMusic(t *testing.T) {
	b, err := os.ReadFile("../../../shared/fixtures/audio/pcmu.1.8k.raw")
	if err != nil && os.Getenv("CI") == "" {
		t.Skipf("fixture: %v", err)
	}
	if err != nil {
		t.Fatalf("fixture (../shared beside the clone): %v", err)
	}
	b = b[:min(len(b), 60*8000)]
	pcm := make([]int16, len(b))
	g711.MuLaw.DecodeTo(pcm, b)
	if got := detect(pcm); got != "" {
		t.Fatalf("keys in music: %q", got)
	}
}

// TestDetectorIgnoresSpeechLikeSignals: vowel-like harmonic series (a
// 100–250 Hz voice with formants) and two-tone pairs off the DTMF grid.
func TestDetectorIgnoresSpeechLikeSignals(t *testing.T) {
	var pcm []int16
	for f0 := 100.0; f0 <= 250; f0 += 3 {
		for i := range 1600 {
			v := 0.0
			for h := 1; float64(h)*f0 < 3400; h++ {
				fh := float64(h) * f0
				w := math.Exp(-math.Pow((fh-700)/150, 2)) + math.Exp(-math.Pow((fh-1300)/200, 2))
				v += 4000 * w * math.Sin(2*math.Pi*fh*float64(i)/rate)
			}
			pcm = append(pcm, int16(max(min(v, 32767), -32768)))
		}
	}
	if got := detect(pcm); got != "" {
		t.Fatalf("keys in vowels: %q", got)
	}
}

// TestDetectorIgnoresRealSpeech: espeak-ng reads text full of digits (the
// talk-off case of an IVR: prompts echoing into the caller's audio).
func TestDetectorIgnoresRealSpeech(t *testing.T) {
	if _, err := exec.LookPath("espeak-ng"); err != nil {
		t.Fatal("espeak-ng not installed (make deps)")
	}
	text := "Please enter your sixteen digit card number, followed by the pound key. " +
		"You entered four one one one, two two two two, three three three three, nine eight seven six. " +
		"Press one for sales, two for support, star to repeat, or hash to return to the main menu."
	out, err := exec.Command("espeak-ng", "--stdout", "-s", "170", text).Output()
	if err != nil {
		t.Fatal(err)
	}
	a, err := prompt.Decode(out, prompt.DecodeOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if a.Duration() < 10*time.Second {
		t.Fatalf("only %v of speech", a.Duration())
	}
	for _, gain := range []float64{1, 4} { // as spoken, and 12 dB hotter
		pcm := make([]int16, a.Len())
		for i, v := range a.Samples() {
			pcm[i] = int16(max(min(float64(v)*gain, 32767), -32768))
		}
		if got := detect(pcm); got != "" {
			t.Fatalf("keys in speech at gain %v: %q", gain, got)
		}
	}
}

func TestDetectorFeedDoesNotAllocate(t *testing.T) {
	pcm := tone{keys: "1", on: 100, level: -10}.pcm()[:160]
	var d Detector
	if n := testing.AllocsPerRun(1000, func() { d.Feed(pcm) }); n != 0 {
		t.Fatalf("%v allocations per frame", n)
	}
}

func BenchmarkDetectorFrame(b *testing.B) {
	pcm := tone{keys: "1", on: 100, level: -10}.pcm()[:160]
	var d Detector
	b.ReportAllocs()
	for b.Loop() {
		d.Feed(pcm)
	}
}
