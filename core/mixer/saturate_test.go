package mixer

import (
	"github.com/reel-project/reel/codecs"
	"math"
	"testing"
)

func TestClamp16(t *testing.T) {
	tests := []struct {
		name string
		in   int32
		want int16
	}{
		{"zero stays zero", 0, 0},
		{"the largest int16 passes through", math.MaxInt16, math.MaxInt16},
		{"one above the largest int16 saturates", math.MaxInt16 + 1, math.MaxInt16},
		{"the smallest int16 passes through", math.MinInt16, math.MinInt16},
		{"one below the smallest int16 saturates", math.MinInt16 - 1, math.MinInt16},
		{"three full-scale positives saturate", 3 * math.MaxInt16, math.MaxInt16},
		{"three full-scale negatives saturate", 3 * math.MinInt16, math.MinInt16},
		{"the int32 extremes saturate", math.MinInt32, math.MinInt16},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := clamp16(tt.in); got != tt.want {
				t.Errorf("clamp16(%d) = %d, want %d", tt.in, got, tt.want)
			}
		})
	}
}

func TestClampMinusToSubtractsBeforeClamping(t *testing.T) {
	var total [codecs.FrameSamples]int32
	var own, dst [codecs.FrameSamples]int16
	for i := range total {
		total[i] = 3 * math.MaxInt16 // three full-scale legs
		own[i] = math.MaxInt16
	}
	clampMinusTo(&dst, &total, &own)
	for i, v := range dst {
		if v != math.MaxInt16 {
			t.Fatalf("sample %d = %d, want %d (the other two legs, saturated)", i, v, math.MaxInt16)
		}
	}
}
