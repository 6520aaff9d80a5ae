package oracle

import "math"

// Channel returns channel ch of interleaved samples with n channels.
func Channel(pcm []int16, n, ch int) []int16 {
	out := make([]int16, 0, len(pcm)/n)
	for i := ch; i < len(pcm); i += n {
		out = append(out, pcm[i])
	}
	return out
}

// Correlation is the Pearson correlation of a and b over their common length.
func Correlation(a, b []int16) float64 {
	n := min(len(a), len(b))
	if n == 0 {
		return 0
	}
	var sa, sb, saa, sbb, sab float64
	for i := 0; i < n; i++ {
		x, y := float64(a[i]), float64(b[i])
		sa, sb, saa, sbb, sab = sa+x, sb+y, saa+x*x, sbb+y*y, sab+x*y
	}
	fn := float64(n)
	cov := sab - sa*sb/fn
	den := math.Sqrt((saa - sa*sa/fn) * (sbb - sb*sb/fn))
	if den == 0 {
		return 0
	}
	return cov / den
}

// BestLag finds the shift of b against a (b[i+lag] ≈ a[i]), within ±maxLag,
// that maximises the correlation over a window of a, and returns it with the
// correlation there. Lags where fewer than half of a's samples overlap b are
// not considered. Keep a short (a few thousand samples): the cost is
// len(a) × (2·maxLag+1).
func BestLag(a, b []int16, maxLag int) (int, float64) {
	best, bestC := 0, -2.0
	for lag := -maxLag; lag <= maxLag; lag++ {
		x, y := shift(a, b, lag)
		if min(len(x), len(y)) < len(a)/2 {
			continue
		}
		c := Correlation(x, y)
		if c > bestC {
			best, bestC = lag, c
		}
	}
	return best, bestC
}

func shift(a, b []int16, lag int) ([]int16, []int16) {
	if lag >= 0 {
		if lag >= len(b) {
			return nil, nil
		}
		return a, b[lag:]
	}
	if -lag >= len(a) {
		return nil, nil
	}
	return a[-lag:], b
}

// RMS is the root mean square of s.
func RMS(s []int16) float64 {
	if len(s) == 0 {
		return 0
	}
	var sum float64
	for _, v := range s {
		sum += float64(v) * float64(v)
	}
	return math.Sqrt(sum / float64(len(s)))
}

// MaxAbs is the largest magnitude in s.
func MaxAbs(s []int16) int {
	m := 0
	for _, v := range s {
		m = max(m, abs(int(v)))
	}
	return m
}

func abs(v int) int {
	if v < 0 {
		return -v
	}
	return v
}
