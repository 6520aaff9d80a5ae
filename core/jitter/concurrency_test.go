package jitter

import (
	"sync"
	"testing"
	"time"
)

// The daemon pushes and pops on one goroutine (the package doc), but every
// method is documented safe for concurrent use: push, pop and read Stats
// from separate goroutines under -race.
func TestPushPopStatsFromSeparateGoroutines(t *testing.T) {
	b := newTestBuffer(t, nil)
	arr := stream(newSender(1, 1, 0, ptime20), 500, 0)
	var wg sync.WaitGroup
	wg.Go(func() {
		for _, a := range arr {
			b.Push(a.p, testTime.Add(a.at))
		}
	})
	wg.Go(func() {
		frame := make([]int16, ptime20)
		for range 500 {
			b.Pop(frame)
		}
	})
	wg.Go(func() {
		for range 100 {
			_ = b.Stats()
			b.PopEvent()
		}
	})
	wg.Wait()
	if st := b.Stats(); st.Received != 500 {
		t.Errorf("received %d, want 500", st.Received)
	}
}

// Steady state must not allocate: one packet in, one frame out.
func TestPushPopDoNotAllocate(t *testing.T) {
	b := newTestBuffer(t, nil)
	s := newSender(1, 1, 0, ptime20)
	p := s.next()
	frame := make([]int16, ptime20)
	i := 0
	allocs := testing.AllocsPerRun(1000, func() {
		p.SequenceNumber, p.Timestamp = uint16(i), uint32(i*ptime20)
		if i%7 != 3 { // a loss now and then: concealment must not allocate either
			b.Push(p, testTime.Add(time.Duration(i)*20*time.Millisecond))
		}
		b.Pop(frame)
		_ = b.Stats()
		i++
	})
	if allocs != 0 {
		t.Errorf("%.1f allocations per packet, want 0", allocs)
	}
}
