package jitter

import (
	"testing"
	"time"
)

// Timestamp-true placement: any packet duration, and any mix, plays out
// sample-exact through 20 ms frames.
func TestPacketDurations(t *testing.T) {
	for _, tc := range []struct {
		name  string
		sizes []int // samples per packet, cycled
	}{
		{"10 ms packets play exactly", []int{80}},
		{"20 ms packets play exactly", []int{160}},
		{"30 ms packets play exactly", []int{240}},
		{"a mix of 10, 20 and 30 ms packets plays exactly", []int{80, 240, 160, 80, 80, 240}},
		{"odd packet sizes play exactly", []int{100, 220, 160}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b := newTestBuffer(t, nil)
			s := newSender(7, 1, 0, 0)
			var arr []arrival
			for i := 0; s.ts < 8000*3; i++ {
				s.samples = tc.sizes[i%len(tc.sizes)]
				end := time.Duration(s.ts+uint32(s.samples)) * time.Second / 8000
				arr = append(arr, arrival{end, s.next()})
			}
			out := play(b, arr, 3160*ms)
			checkWave(t, out.audio(ptime20), 0, 8000*3)
			if st := b.Stats(); st.Adjustments != 0 || st.Lost != 0 || st.Late != 0 || st.ConcealedMs != 0 {
				t.Errorf("stats %+v", st)
			}
		})
	}
}
