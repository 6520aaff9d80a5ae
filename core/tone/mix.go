package tone

import "math"

// MixInto adds tone to dst sample by sample, saturating at the int16 limits
// instead of wrapping. It mixes min(len(dst), len(tone)) samples, never
// allocates and keeps neither slice.
func MixInto(dst, tone []int16) {
	n := min(len(dst), len(tone))
	dst, tone = dst[:n], tone[:n]
	for i := range dst {
		dst[i] = clamp16(int32(dst[i]) + int32(tone[i]))
	}
}

// clamp16 saturates v to the int16 range.
func clamp16(v int32) int16 {
	return int16(min(max(v, math.MinInt16), math.MaxInt16))
}
