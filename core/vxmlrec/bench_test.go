package vxmlrec

import "testing"

// BenchmarkWrite measures one 20 ms frame of speech into a recording (the
// samples are kept until Finish; growth is amortised).
func BenchmarkWrite(b *testing.B) {
	frame := caller(0, 20, 0)
	b.ReportAllocs()
	r, _ := New(Options{Type: "audio/x-wav"})
	for i := 0; b.Loop(); i++ {
		if i%3000 == 0 { // a minute per recording
			r, _ = New(Options{Type: "audio/x-wav"})
		}
		r.Write(frame)
	}
}
