package conference

import "testing"

func TestMeterFollowsPeaksAndDecaysToSilence(t *testing.T) {
	var m meter
	loud := make([]int16, 160)
	loud[17] = -16384
	m.update(loud, true)
	if got := m.get(); got != 500 {
		t.Fatalf("after a half-scale frame: %d‰, want 500", got)
	}
	m.update(make([]int16, 160), true)
	if got := m.get(); got >= 500 || got < 400 {
		t.Errorf("one silent frame later: %d‰, want a little under 500", got)
	}
	for range 60 { // 1.2 s of nothing
		m.update(loud, false)
	}
	if got := m.get(); got != 0 {
		t.Errorf("after 1.2 s without audio: %d‰, want 0", got)
	}
}

func BenchmarkMeterUpdate(b *testing.B) {
	var m meter
	frame := make([]int16, 160)
	for i := range frame {
		frame[i] = int16(i * 97)
	}
	b.ReportAllocs()
	for b.Loop() {
		m.update(frame, true)
	}
}
