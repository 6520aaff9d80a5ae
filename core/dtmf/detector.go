package dtmf

import "math"

// The DTMF frequencies (Hz): rows (low group) and columns (high group).
var (
	rowHz = [4]float64{697, 770, 852, 941}
	colHz = [4]float64{1209, 1336, 1477, 1633}
	keys  = [4][4]byte{
		{'1', '2', '3', 'A'},
		{'4', '5', '6', 'B'},
		{'7', '8', '9', 'C'},
		{'*', '0', '#', 'D'},
	}
)

// Detector thresholds (docs/decisions/0044-dtmf.md).
const (
	half       = 80                                // samples per half-block: 10 ms at 8 kHz
	rate       = 8000                              // Hz
	minAmp     = 400                               // smallest peak amplitude per tone: about −35 dBm0
	maxDev     = 0.025                             // largest frequency deviation accepted, a fraction of nominal
	normTwist  = 6.31                              // row power over column power: 8 dB
	revTwist   = 2.51                              // column power over row power: 4 dB
	relPeak    = 6.31                              // best over second best of a group: 8 dB
	minShare   = 0.75                              // the two tones' share of the window's energy
	onWindows  = 2                                 // consecutive valid windows that report a key
	offWindows = 2                                 // consecutive other windows that release it
	minPower   = minAmp * minAmp * half * half / 4 // a half-block's |X|² at minAmp
)

// coeffs are the Goertzel coefficients 2cos(ω), cosW and sinW cos(ω) and
// sin(ω), and advance the nominal phase advance per half-block, rows then
// columns.
var coeffs, cosW, sinW, advance [8]float64

// rot is e^{j·advance}.
var rot [8]complex128

func init() {
	for i, f := range append(rowHz[:], colHz[:]...) {
		w := 2 * math.Pi * f / rate
		coeffs[i] = 2 * math.Cos(w)
		cosW[i], sinW[i] = math.Cos(w), math.Sin(w)
		advance[i] = math.Mod(w*half, 2*math.Pi)
		rot[i] = complex(math.Cos(advance[i]), math.Sin(advance[i]))
	}
}

// Detector finds DTMF keys in 8 kHz audio. Feed it the audio in order, in
// any whole number of 10 ms half-blocks (80 samples; a 20 ms frame is two).
// It is not safe for concurrent use: one per audio stream. The zero value is
// ready to use.
type Detector struct {
	prev   [8]complex128 // the previous half-block's Goertzel outputs
	prevE  float64       // and its energy
	primed bool          // prev holds a half-block
	cand   byte          // key of the current run of valid windows
	run    int           // length of that run
	down   byte          // key reported and not yet released, 0 if none
	offRun int           // consecutive windows without down
	buf    [half]int16   // the half-block being filled
	nbuf   int
}

// Feed processes pcm and returns the key whose press it completes, or 0.
// At most one key is reported per 20 ms of audio (a press needs 30 ms of
// tone); a caller feeding more at once gets the first. Feed never allocates.
func (d *Detector) Feed(pcm []int16) byte {
	var got byte
	for len(pcm) > 0 {
		n := copy(d.buf[d.nbuf:], pcm)
		d.nbuf += n
		pcm = pcm[n:]
		if d.nbuf < half {
			break
		}
		d.nbuf = 0
		if k := d.block(&d.buf); k != 0 && got == 0 {
			got = k
		}
	}
	return got
}

// Down returns the key being held (reported and not yet released), or 0.
func (d *Detector) Down() byte { return d.down }

// block analyses one half-block and the window it closes.
func (d *Detector) block(x *[half]int16) byte {
	var cur [8]complex128
	e := goertzel8(x, &cur)
	if !d.primed {
		d.prev, d.prevE, d.primed = cur, e, true
		return 0
	}
	k := classify(&d.prev, &cur, d.prevE+e)
	d.prev, d.prevE = cur, e
	return d.step(k)
}

// step runs the key-down/key-up state machine on one window's verdict.
func (d *Detector) step(k byte) byte {
	if k != 0 && k == d.cand {
		d.run++
	} else {
		d.cand, d.run = k, 1
	}
	if d.down != 0 {
		if k == d.down {
			d.offRun = 0
			return 0
		}
		if d.offRun++; d.offRun < offWindows {
			return 0
		}
		d.down = 0
	}
	if k != 0 && d.run >= onWindows {
		d.down, d.offRun = k, 0
		return k
	}
	return 0
}

// goertzel8 runs the eight Goertzel filters over one half-block, writes
// their complex outputs (phase relative to the block's start) and returns
// the block's energy.
func goertzel8(x *[half]int16, out *[8]complex128) float64 {
	// Scalars, not arrays: the compiler keeps them in registers.
	k0, k1, k2, k3, k4, k5, k6, k7 := coeffs[0], coeffs[1], coeffs[2], coeffs[3], coeffs[4], coeffs[5], coeffs[6], coeffs[7]
	var a0, a1, a2, a3, a4, a5, a6, a7 float64 // s[n-1]
	var b0, b1, b2, b3, b4, b5, b6, b7 float64 // s[n-2]
	e := 0.0
	for _, v := range x {
		f := float64(v)
		e += f * f
		a0, b0 = f+k0*a0-b0, a0
		a1, b1 = f+k1*a1-b1, a1
		a2, b2 = f+k2*a2-b2, a2
		a3, b3 = f+k3*a3-b3, a3
		a4, b4 = f+k4*a4-b4, a4
		a5, b5 = f+k5*a5-b5, a5
		a6, b6 = f+k6*a6-b6, a6
		a7, b7 = f+k7*a7-b7, a7
	}
	s1 := [8]float64{a0, a1, a2, a3, a4, a5, a6, a7}
	s2 := [8]float64{b0, b1, b2, b3, b4, b5, b6, b7}
	for i := range 8 {
		// y = s1 − e^{−jω}·s2: the DFT term at ω up to a phase that is the
		// same for every block (it cancels in the phase advance).
		out[i] = complex(s1[i]-cosW[i]*s2[i], sinW[i]*s2[i])
	}
	return e
}

// classify returns the key a window of two half-blocks (a, b; energy e)
// holds, or 0.
func classify(a, b *[8]complex128, e float64) byte {
	var p, coh [8]float64
	for i := range 8 {
		p[i] = sq(a[i]) + sq(b[i])
		coh[i] = coherent(a[i], b[i], i)
	}
	r, r2 := best(coh[0:4])
	c, c2 := best(coh[4:8])
	c, c2 = 4+c, 4+c2
	pr, pc := p[r], p[c]
	switch {
	case !steady(a[r], b[r]) || !steady(a[c], b[c]): // too quiet, or not in both halves
	case pr > normTwist*pc || pc > revTwist*pr: // twist
	case coh[r] < relPeak*coh[r2] || coh[c] < relPeak*coh[c2]: // another tone of the group
	case (pr+pc)*2/half < minShare*e: // too little of the energy: noise, speech
	case !onFrequency(a[r], b[r], r) || !onFrequency(a[c], b[c], c):
	default:
		return keys[r][c-4]
	}
	return 0
}

// steady reports whether a filter's tone is loud enough in both halves of
// the window and about as loud in each (within 3 dB), so that a window only
// half covered by a tone does not count.
func steady(a, b complex128) bool {
	pa, pb := sq(a), sq(b)
	return pa >= minPower && pb >= minPower && pa <= 2*pb && pb <= 2*pa
}

// coherent is filter i's power over the whole window, as a 160-point DFT
// at its frequency: twice as selective as the half-blocks, which the
// relative-peak test needs to tell adjacent rows (73 Hz apart) apart. It is
// scaled like the sum of the halves' powers for a tone on frequency.
func coherent(a, b complex128, i int) float64 {
	return sq(a*rot[i]+b) / 2
}

// onFrequency reports whether the tone in filter i, seen in two consecutive
// half-blocks, is within maxDev of the filter's frequency: its phase
// advances by 2π·f·half/rate from one block to the next.
func onFrequency(a, b complex128, i int) bool {
	adv := math.Atan2(imag(b), real(b)) - math.Atan2(imag(a), real(a))
	dev := math.Remainder(adv-advance[i], 2*math.Pi) // 2π·Δf·half/rate
	df := dev * rate / (2 * math.Pi * half)
	return math.Abs(df) <= maxDev*nominal(i)
}

func nominal(i int) float64 {
	if i < 4 {
		return rowHz[i]
	}
	return colHz[i-4]
}

func sq(z complex128) float64 { return real(z)*real(z) + imag(z)*imag(z) }

// best returns the indexes of the largest and second-largest of p.
func best(p []float64) (int, int) {
	b, s := 0, 1
	if p[1] > p[0] {
		b, s = 1, 0
	}
	for i := 2; i < len(p); i++ {
		switch {
		case p[i] > p[b]:
			b, s = i, b
		case p[i] > p[s]:
			s = i
		}
	}
	return b, s
}
