package jitter

import "math"

// concealer hides a gap by repeating the last pitch period of the audio that
// preceded it, fading linearly to zero over the concealment length (in the
// spirit of G.711 Appendix I, without its overlap-add). It keeps a history of
// the most recent output for the pitch search.
type concealer struct {
	hist     []int16 // most recent output, oldest first
	period   []int16 // the repeated cycle, sliced from tmpl
	tmpl     []int16
	scratch  []int16
	minLag   int
	length   int // samples concealed before silence (0: none)
	position int // samples of the current gap generated so far
}

func newConcealer(rate, length int) concealer {
	maxLag := rate / 66 // 15 ms: the lowest pitch searched
	h := 2 * maxLag
	return concealer{
		hist: make([]int16, h), tmpl: make([]int16, maxLag), scratch: make([]int16, h),
		minLag: rate / 400, length: max(length, 0),
	}
}

// remember appends a popped frame to the history.
func (c *concealer) remember(frame []int16) {
	if len(frame) >= len(c.hist) {
		copy(c.hist, frame[len(frame)-len(c.hist):])
		return
	}
	copy(c.hist, c.hist[len(frame):])
	copy(c.hist[len(c.hist)-len(frame):], frame)
}

// begin starts a gap; head is the part of the current frame already output.
func (c *concealer) begin(head []int16) {
	rec := c.scratch
	if len(head) >= len(rec) {
		copy(rec, head[len(head)-len(rec):])
	} else {
		n := copy(rec, c.hist[len(head):])
		copy(rec[n:], head)
	}
	lag := pitch(rec, c.minLag, len(c.tmpl))
	c.period = c.tmpl[:lag]
	copy(c.period, rec[len(rec)-lag:])
	c.position = 0
}

// next returns the next concealment sample and whether the gap is still
// within the concealment length (false: the caller writes silence).
func (c *concealer) next() (int16, bool) {
	if c.position >= c.length || len(c.period) == 0 {
		return 0, false
	}
	v := int32(c.period[c.position%len(c.period)])
	v = v * int32(c.length-c.position) / int32(c.length)
	c.position++
	return int16(v), true
}

// reset clears the history.
func (c *concealer) reset() {
	clear(c.hist)
	c.period, c.position = nil, 0
}

// pitch returns the lag in [minLag, maxLag] with the smallest average
// magnitude difference over the last maxLag samples of rec (len 2·maxLag):
// every other lag on every other sample first, then its neighbours exactly.
func pitch(rec []int16, minLag, maxLag int) int {
	coarse := bestLag(rec, maxLag, minLag, maxLag, 2)
	return bestLag(rec, maxLag, max(minLag, coarse-1), min(maxLag, coarse+1), 1)
}

// bestLag searches lags lo, lo+step, … hi over the last win samples of rec.
func bestLag(rec []int16, win, lo, hi, step int) int {
	best, bestSum := lo, int64(math.MaxInt64)
	cur := rec[len(rec)-win:]
	for lag := lo; lag <= hi; lag += step {
		prev := rec[len(rec)-win-lag:]
		var sum int64
		for i := 0; i < win; i += step {
			d := int64(cur[i]) - int64(prev[i])
			sum += max(d, -d)
		}
		if sum < bestSum {
			best, bestSum = lag, sum
		}
	}
	return best
}
