package prompt

import (
	"math"
	"sync"

	"github.com/reel-project/reel/codecs"
)

// The resampler is a band-limited interpolator (J. O. Smith, "Digital Audio
// Resampling"): each 8 kHz output sample is the input convolved with a
// Kaiser-windowed sinc low-pass centred on the output instant. The cut-off
// sits below 4 kHz (the output Nyquist frequency) and below half the input
// rate, so that nothing above 4 kHz folds back into the band. The kernel is
// tabulated once per process; docs/decisions/0043-prompt-audio.md has the
// numbers and why no library does this.
const (
	cutoffHz  = 3700 // −6 dB point of the low-pass
	zeros     = 32   // zero crossings of the sinc on each side
	kaiserB   = 6.8  // Kaiser β: about 70 dB stop-band attenuation
	tableRes  = 512  // kernel table entries per zero crossing
	tableSize = zeros*tableRes + 2
)

var (
	kernelOnce sync.Once
	kernel     []float64 // kernel[i] = h(i/tableRes zero crossings)
)

// kernelTable returns the tabulated windowed sinc, built on first use.
func kernelTable() []float64 {
	kernelOnce.Do(func() {
		kernel = make([]float64, tableSize)
		norm := bessel0(kaiserB)
		for i := range kernel {
			u := float64(i) / tableRes // in zero crossings
			if u >= zeros {
				break
			}
			r := u / zeros
			w := bessel0(kaiserB*math.Sqrt(1-r*r)) / norm
			kernel[i] = sinc(u) * w
		}
	})
	return kernel
}

func sinc(u float64) float64 {
	if u == 0 {
		return 1
	}
	return math.Sin(math.Pi*u) / (math.Pi * u)
}

// bessel0 is the modified Bessel function of the first kind, order 0.
func bessel0(x float64) float64 {
	sum, term := 1.0, 1.0
	for k := 1; k < 50 && term > sum*1e-12; k++ {
		h := x / (2 * float64(k))
		term *= h * h
		sum += term
	}
	return sum
}

// outLen is how many 8 kHz samples n samples at rate become.
func outLen(n, rate int) int {
	if rate == codecs.SampleRate {
		return n
	}
	return int(int64(n) * codecs.SampleRate / int64(rate))
}

// resample converts in, sampled at rate, to 8 kHz. At 8 kHz it returns in
// itself.
func resample(in []int16, rate int) []int16 {
	if rate == codecs.SampleRate || len(in) == 0 {
		return in
	}
	k := kernelTable()
	fc := min(float64(cutoffHz), 0.4625*float64(rate)) // cut-off, Hz
	scale := 2 * fc / float64(rate)                    // zero crossings per input sample
	half := float64(zeros) / scale                     // kernel half-width, input samples
	gain := scale
	out := make([]int16, outLen(len(in), rate))
	for n := range out {
		x := float64(n) * float64(rate) / codecs.SampleRate // output instant in input samples
		lo := max(int(math.Ceil(x-half)), 0)
		hi := min(int(math.Floor(x+half)), len(in)-1)
		acc := 0.0
		for i := lo; i <= hi; i++ {
			acc += float64(in[i]) * tap(k, math.Abs(float64(i)-x)*scale)
		}
		out[n] = clamp16(math.Round(acc * gain))
	}
	return out
}

// tap interpolates the kernel table at u zero crossings from the centre.
func tap(k []float64, u float64) float64 {
	p := u * tableRes
	i := int(p)
	if i >= len(k)-1 {
		return 0
	}
	f := p - float64(i)
	return k[i] + f*(k[i+1]-k[i])
}

// clamp16 saturates v to the int16 range.
func clamp16(v float64) int16 {
	return int16(min(max(v, math.MinInt16), math.MaxInt16))
}
