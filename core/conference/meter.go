package conference

import "sync/atomic"

// meter is a leg's audio level for the console: the peak of the frames it
// received, in ‰ of full scale, decaying by an eighth each frame. update
// runs on the tick (no allocation, one pass over 160 samples); get may be
// called from any goroutine.
type meter struct{ v atomic.Int32 }

func (m *meter) update(frame []int16, active bool) {
	var peak int32
	if active {
		hi, lo := int16(0), int16(0)
		for _, s := range frame {
			hi, lo = max(hi, s), min(lo, s)
		}
		peak = max(int32(hi), -int32(lo)) * 1000 / 32768
	}
	old := m.v.Load()
	m.v.Store(max(peak, old-old/8-1, 0))
}

func (m *meter) get() int { return int(m.v.Load()) }
