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

// maxPhases bounds the polyphase table: rates whose ratio to 8 kHz needs
// more distinct phases (8000/gcd) are filtered tap by tap instead.
const maxPhases = 1024

// resample converts in, sampled at rate, to 8 kHz. At 8 kHz it returns in
// itself.
func resample(in []int16, rate int) []int16 {
	if rate == codecs.SampleRate || len(in) == 0 {
		return in
	}
	f := newFilter(rate)
	out := make([]int16, outLen(len(in), rate))
	if f.table != nil {
		f.polyphase(in, out)
	} else {
		f.direct(in, out)
	}
	return out
}

// filter is the low-pass for one input rate.
type filter struct {
	rate   int
	scale  float64 // zero crossings per input sample
	half   float64 // kernel half-width, input samples
	g      int     // gcd(rate, 8000): output phases are multiples of g/8000
	jmin   int     // first tap offset of a phase's row
	width  int     // taps per row
	table  []float64
	kernel []float64
}

func newFilter(rate int) *filter {
	fc := min(float64(cutoffHz), 0.4625*float64(rate)) // cut-off, Hz
	f := &filter{rate: rate, scale: 2 * fc / float64(rate), g: gcd(rate, codecs.SampleRate), kernel: kernelTable()}
	f.half = float64(zeros) / f.scale
	phases := codecs.SampleRate / f.g
	if phases > maxPhases {
		return f
	}
	f.jmin = -int(f.half)
	f.width = 2*int(f.half) + 2
	f.table = make([]float64, phases*f.width)
	for ph := range phases {
		frac := float64(ph*f.g) / codecs.SampleRate // the output instant's fraction of an input sample
		row := f.table[ph*f.width : (ph+1)*f.width]
		for j := range row {
			row[j] = tap(f.kernel, math.Abs(float64(f.jmin+j)-frac)*f.scale) * f.scale
		}
	}
	return f
}

// polyphase filters with the precomputed rows.
func (f *filter) polyphase(in, out []int16) {
	for n := range out {
		pos := int64(n) * int64(f.rate)
		i0 := int(pos / codecs.SampleRate)
		row := f.table[int(pos%codecs.SampleRate)/f.g*f.width:][:f.width]
		lo, hi := i0+f.jmin, i0+f.jmin+f.width
		if lo < 0 {
			row, lo = row[-lo:], 0
		}
		if hi > len(in) {
			row, hi = row[:len(row)-(hi-len(in))], len(in)
		}
		acc := 0.0
		for j, v := range in[lo:hi] {
			acc += float64(v) * row[j]
		}
		out[n] = clamp16(math.Round(acc))
	}
}

// direct evaluates the kernel for every tap.
func (f *filter) direct(in, out []int16) {
	for n := range out {
		x := float64(n) * float64(f.rate) / codecs.SampleRate // output instant in input samples
		lo := max(int(math.Ceil(x-f.half)), 0)
		hi := min(int(math.Floor(x+f.half)), len(in)-1)
		acc := 0.0
		for i := lo; i <= hi; i++ {
			acc += float64(in[i]) * tap(f.kernel, math.Abs(float64(i)-x)*f.scale)
		}
		out[n] = clamp16(math.Round(acc * f.scale))
	}
}

func gcd(a, b int) int {
	for b != 0 {
		a, b = b, a%b
	}
	return a
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
