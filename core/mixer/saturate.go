package mixer

import (
	"math"

	"github.com/reel-project/reel/codecs"
)

// clamp16 saturates an int32 sample to the int16 range.
func clamp16(v int32) int16 {
	if v > math.MaxInt16 {
		return math.MaxInt16
	}
	if v < math.MinInt16 {
		return math.MinInt16
	}
	return int16(v)
}

// addTo adds a frame into an int32 accumulator.
func addTo(acc *[codecs.FrameSamples]int32, in *[codecs.FrameSamples]int16) {
	for i, s := range in {
		acc[i] += int32(s)
	}
}

// subTo subtracts a frame from an int32 accumulator.
func subTo(acc *[codecs.FrameSamples]int32, in *[codecs.FrameSamples]int16) {
	for i, s := range in {
		acc[i] -= int32(s)
	}
}

// clampTo writes the saturated accumulator into dst.
func clampTo(dst *[codecs.FrameSamples]int16, acc *[codecs.FrameSamples]int32) {
	for i, v := range acc {
		dst[i] = clamp16(v)
	}
}

// clampMinusTo writes saturate(total - own) into dst: the subtraction is done
// in int32 before clamping, so a saturated total never leaks into the result.
func clampMinusTo(dst *[codecs.FrameSamples]int16, total *[codecs.FrameSamples]int32, own *[codecs.FrameSamples]int16) {
	for i, v := range total {
		dst[i] = clamp16(v - int32(own[i]))
	}
}

// interleaveTo writes two saturated accumulators as interleaved stereo.
func interleaveTo(dst []int16, left, right *[codecs.FrameSamples]int32) {
	dst = dst[:2*codecs.FrameSamples]
	for i := range codecs.FrameSamples {
		dst[2*i] = clamp16(left[i])
		dst[2*i+1] = clamp16(right[i])
	}
}

// minusTo sets dst = total - part.
func minusTo(dst, total, part *[codecs.FrameSamples]int32) {
	for i, v := range total {
		dst[i] = v - part[i]
	}
}
