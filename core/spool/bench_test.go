package spool

import (
	"context"
	"fmt"
	"testing"
)

// BenchmarkSubmitDeliver submits 1,000 small jobs (two 1 KB files, a
// metadata document) and waits until an in-process store and metadata
// destination acknowledged all of them: the cost of the spool itself —
// hashing, record writes with fsync, moves, the delivery state machine.
func BenchmarkSubmitDeliver(b *testing.B) {
	const jobs = 1000
	b.ReportAllocs()
	n := 0
	for ; b.Loop(); n++ {
		b.StopTimer()
		h := openHarness(b, b.TempDir(), []Destination{newFake("storage/s", Store, nil), newFake("metadata/rps", Metadata, nil)}, fastOptions())
		batch := make([]Job, jobs)
		for i := range batch {
			batch[i] = newJob(b, fmt.Sprintf("rec-%d-%04d", n, i), "b.mp3", "b.wav")
		}
		h.start()
		b.StartTimer()
		for _, j := range batch {
			if err := h.s.Submit(context.Background(), j); err != nil {
				b.Fatal(err)
			}
		}
		h.events.waitFor(b, Completed, jobs)
		b.StopTimer()
		h.stop()
		b.StartTimer()
	}
	b.ReportMetric(float64(jobs*n)/b.Elapsed().Seconds(), "jobs/s")
}
