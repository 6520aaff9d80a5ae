package tone

import "testing"

func TestMixIntoSaturates(t *testing.T) {
	tests := []struct {
		name            string
		dst, tone, want []int16
	}{
		{"small values add", []int16{1, -2, 300}, []int16{10, 20, -300}, []int16{11, 18, 0}},
		{"the top clamps at 32767", []int16{32767, 30000, 20000}, []int16{1, 30000, 12767}, []int16{32767, 32767, 32767}},
		{"the bottom clamps at -32768", []int16{-32768, -30000, -20000}, []int16{-1, -30000, -12768}, []int16{-32768, -32768, -32768}},
		{"opposite extremes cancel", []int16{32767, -32768}, []int16{-32768, 32767}, []int16{-1, -1}},
		{"a shorter tone mixes only its length", []int16{1, 1, 1}, []int16{1}, []int16{2, 1, 1}},
		{"a longer tone mixes only dst's length", []int16{1}, []int16{1, 1, 1}, []int16{2}},
		{"empty slices are fine", nil, nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			MixInto(tt.dst, tt.tone)
			equalSamples(t, tt.dst, tt.want)
		})
	}
}

func TestMixIntoDoesNotAllocate(t *testing.T) {
	dst, tone := make([]int16, frame), ramp(frame)
	if n := testing.AllocsPerRun(1000, func() { MixInto(dst, tone) }); n != 0 {
		t.Fatalf("%v allocations per MixInto", n)
	}
}
