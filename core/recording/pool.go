package recording

import (
	"runtime"
	"sync"
)

// Pool is the set of goroutines that encode every recording of a process:
// a recording asks for a worker once it has a batch of frames queued, so
// encoders wake a few times a second per recording instead of once per
// tick, and the number of encoding goroutines does not grow with calls.
// Close it after every recording using it has stopped.
type Pool struct {
	work chan *writer
	wg   sync.WaitGroup
}

// NewPool starts workers goroutines (GOMAXPROCS when ≤ 0).
func NewPool(workers int) *Pool {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	p := &Pool{work: make(chan *writer, 4096)}
	p.wg.Add(workers)
	for i := 0; i < workers; i++ {
		go p.worker()
	}
	return p
}

func (p *Pool) worker() {
	defer p.wg.Done()
	for w := range p.work {
		w.drain()
	}
}

// submit asks for w to be drained; false when the pool is saturated (the
// writer then asks again with its next frame).
func (p *Pool) submit(w *writer) bool {
	select {
	case p.work <- w:
		return true
	default:
		return false
	}
}

// Close stops the workers once the work queued so far is done.
func (p *Pool) Close() {
	close(p.work)
	p.wg.Wait()
}
