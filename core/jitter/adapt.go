package jitter

// The playout-delay controller. Its input is the margin of every newest audio
// packet: how many samples ahead of the play point it arrived (position minus
// P at Push). Its goal is that the margin of the latest-arriving packets
// stays near tgt samples: more means needless delay (drop samples), less
// means the next late packet is near (insert samples).
//
// The estimate is a leaky minimum: a smaller margin replaces it at once, and
// it rises by 1/16 of each packet's duration. A spike of S samples is thus
// remembered for 16·S of audio, ordinary jitter biases it by a few ms, and a
// sender clock up to 6 % fast is followed without lag (a windowed minimum
// would lag drift by the window's length). It is stored minus the cumulative
// shift of the timeline, so a drop, an insert or a re-anchor moves it at once
// and the controller never over-corrects.

const (
	leakDiv   = 16 // the estimate rises by n/leakDiv per packet of n samples
	lowEnergy = 256
	patience  = 150 // frames (3 s at 20 ms) an adjustment waits for a low-energy frame
)

type adaptState uint8

const (
	steady adaptState = iota
	shrinking
	growing
)

type controller struct {
	frame  int64 // FrameSamples
	tgt    int64 // wanted minimum margin
	est    int64 // leaky minimum of margin − shift
	have   bool  // est holds an observation
	shift  int64 // cumulative timeline shift: + delays, − advances
	state  adaptState
	waited int // frames an adjustment has been wanted but not made
}

func newController(frame, tgt int) controller {
	return controller{frame: int64(frame), tgt: int64(max(tgt, 0))}
}

// clear forgets the estimate (a new source, or a discontinuity).
func (c *controller) clear() {
	c.have, c.state, c.waited = false, steady, 0
}

// observe records a newest packet of n samples arriving margin samples early.
func (c *controller) observe(margin int64, n int) {
	w := margin - c.shift
	if !c.have {
		c.est, c.have = w, true
		return
	}
	c.est = min(c.est+int64(n/leakDiv), w)
}

// move records a timeline shift of d samples (d > 0: later playout).
func (c *controller) move(d int64) { c.shift += d }

// margin returns the estimated margin of the latest-arriving packets, as of now.
func (c *controller) margin() (int64, bool) { return c.est + c.shift, c.have }

// excess returns how far the estimated margin is above tgt.
func (c *controller) excess() (int64, bool) {
	m, ok := c.margin()
	return m - c.tgt, ok
}

// want returns the signed number of samples the controller would like to
// remove from the timeline (negative: insert), with hysteresis: shrinking
// starts above 1.5 frames of excess and stops at one; growing starts below
// −0.5 frame and stops at zero.
func (c *controller) want() int64 {
	ex, ok := c.excess()
	f := c.frame
	switch {
	case !ok:
		c.state = steady
	case c.state == steady && ex > f+f/2:
		c.state = shrinking
	case c.state == steady && ex < -f/2:
		c.state = growing
	case c.state == shrinking && ex <= f, c.state == growing && ex >= 0:
		c.state = steady
	}
	switch c.state {
	case shrinking:
		return ex - f/2
	case growing:
		return ex - f/4
	}
	c.waited = 0
	return 0
}

// step limits a wanted adjustment to what one frame may take: up to half a
// frame in a quiet frame; in a loud one, nothing until patience runs out or
// the need is urgent (the latest packets nearly late, or more than two
// frames of needless delay), then up to 1/32 frame (1/8 when urgent).
func (c *controller) step(want int64, quiet bool) int {
	if want == 0 {
		return 0
	}
	a, f := abs64(want), c.frame
	limit := f / 2
	if !quiet {
		urgent := want > 2*f || want < -f
		c.waited++
		if c.waited < patience && !urgent {
			return 0
		}
		limit = max(f/32, 1)
		if urgent {
			limit = max(f/8, 1)
		}
	}
	k := min(a, limit)
	if want < 0 {
		k = -k
	}
	return int(k)
}

// spurtShift returns how far to move a talk spurt's first packet (negative:
// earlier) so the window's smallest margin lands mid-band, or ok=false when
// the window is empty.
func (c *controller) spurtShift() (int64, bool) {
	ex, ok := c.excess()
	if !ok {
		return 0, false
	}
	d := c.frame/2 - ex
	if abs64(d) < c.frame/4 {
		d = 0
	}
	return d, true
}

func abs64(v int64) int64 {
	if v < 0 {
		return -v
	}
	return v
}

// stretch resamples src linearly onto dst, first and last samples kept:
// len(src) > len(dst) plays faster (drop), shorter plays slower (insert).
func stretch(dst, src []int16) {
	if len(dst) == 1 || len(src) == 1 {
		dst[0] = src[0]
		return
	}
	step := (int64(len(src)-1) << 16) / int64(len(dst)-1)
	for i := range dst {
		t := int64(i) * step
		j, f := t>>16, t&0xffff
		v := int64(src[j])
		if int(j)+1 < len(src) {
			v += (int64(src[j+1]) - v) * f >> 16
		}
		dst[i] = int16(v)
	}
}

// quiet reports whether a frame's mean magnitude is below lowEnergy.
func quiet(s []int16) bool {
	var sum int64
	for _, v := range s {
		sum += max(int64(v), -int64(v))
	}
	return sum < lowEnergy*int64(len(s))
}
