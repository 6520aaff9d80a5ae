package prompt

import (
	"math"
	"testing"
)

// sine returns n samples of a sine of freq Hz at rate, amplitude amp.
func sine(n, rate int, freq, amp float64) []int16 {
	s := make([]int16, n)
	for i := range s {
		s[i] = int16(amp * math.Sin(2*math.Pi*freq*float64(i)/float64(rate)))
	}
	return s
}

// level returns the RMS amplitude of pcm at freq Hz (8 kHz), over the
// middle of the signal (the edges ramp through the filter), by correlation.
func level(pcm []int16, freq float64) float64 {
	pcm = pcm[len(pcm)/4 : 3*len(pcm)/4]
	var re, im float64
	for i, v := range pcm {
		ph := 2 * math.Pi * freq * float64(i) / 8000
		re += float64(v) * math.Cos(ph)
		im += float64(v) * math.Sin(ph)
	}
	return 2 * math.Hypot(re, im) / float64(len(pcm)) / math.Sqrt2
}

func dB(x, ref float64) float64 { return 20 * math.Log10(x/ref) }

// TestResampleKeepsTheBandAndRejectsAliases resamples sines from common
// rates: a tone in the telephone band keeps its frequency and level, and a
// tone above 4 kHz, which plain decimation would fold into the band, is
// gone.
func TestResampleKeepsTheBandAndRejectsAliases(t *testing.T) {
	const amp = 10000
	for _, rate := range []int{11025, 16000, 22050, 44100, 48000} {
		n := rate / 4 // 250 ms
		in := sine(n, rate, 1000, amp)
		out := resample(in, rate)
		if want := n * 8000 / rate; len(out) != want {
			t.Fatalf("%d Hz: %d samples out, want %d", rate, len(out), want)
		}
		if g := dB(level(out, 1000), amp/math.Sqrt2); math.Abs(g) > 0.2 {
			t.Errorf("%d Hz: 1 kHz passes at %.2f dB, want within 0.2 dB", rate, g)
		}
		if g := dB(level(resample(sine(n, rate, 3000, amp), rate), 3000), amp/math.Sqrt2); math.Abs(g) > 0.5 {
			t.Errorf("%d Hz: 3 kHz passes at %.2f dB, want within 0.5 dB", rate, g)
		}
		alias := 8000 - 4500.0 // where 4.5 kHz folds to
		if rate/2 > 4500 {
			got := dB(level(resample(sine(n, rate, 4500, amp), rate), alias), amp/math.Sqrt2)
			if got > -60 {
				t.Errorf("%d Hz: 4.5 kHz folds into %v Hz at %.1f dB, want below -60 dB", rate, alias, got)
			}
		}
	}
}

func TestResampleUpsamplesALowRate(t *testing.T) {
	in := sine(6000, 6000, 1000, 10000)
	out := resample(in, 6000)
	if len(out) != 8000 {
		t.Fatalf("%d samples", len(out))
	}
	if g := dB(level(out, 1000), 10000/math.Sqrt2); math.Abs(g) > 0.2 {
		t.Fatalf("1 kHz at %.2f dB", g)
	}
}

func TestResampleAt8kHzIsTheIdentity(t *testing.T) {
	in := ramp(100)
	equalSamples(t, resample(in, 8000), in)
}

func TestResampleSaturatesInsteadOfWrapping(t *testing.T) {
	// A full-scale square wave overshoots after low-pass filtering (Gibbs).
	in := make([]int16, 16000)
	for i := range in {
		in[i] = 32767
		if i/40%2 == 1 {
			in[i] = -32768
		}
	}
	out := resample(in, 16000)
	for n := 100; n < len(out)-100; n++ {
		if k := n % 20; k < 5 || k > 15 {
			continue // near an edge
		}
		if positive := n/20%2 == 0; (out[n] > 0) != positive {
			t.Fatalf("sample %d = %d in a %v half-period: wrapped", n, out[n], map[bool]string{true: "positive", false: "negative"}[positive])
		}
	}
}

// TestResamplePolyphaseMatchesDirect: the precomputed rows give the same
// samples as evaluating the kernel per tap.
func TestResamplePolyphaseMatchesDirect(t *testing.T) {
	for _, rate := range []int{11025, 44100, 6000} {
		in := sine(rate/10, rate, 1234, 12000)
		f := newFilter(rate)
		if f.table == nil {
			t.Fatalf("%d Hz: no table", rate)
		}
		a, b := make([]int16, outLen(len(in), rate)), make([]int16, outLen(len(in), rate))
		f.polyphase(in, a)
		f.direct(in, b)
		for i := range a {
			if d := int(a[i]) - int(b[i]); d < -1 || d > 1 {
				t.Fatalf("%d Hz: sample %d: %d against %d", rate, i, a[i], b[i])
			}
		}
	}
	if newFilter(8001).table != nil {
		t.Fatal("8001 Hz needs 8000 phases: no table expected")
	}
	equalSamples(t, resample(ramp(100), 8000), ramp(100))
}
