package sdk

import (
	"crypto/sha256"
	"sync"
)

// asyncHash computes the SHA-256 of the chunks given to Write on a
// goroutine of its own, so that verifying an object overlaps the plugin's
// use of its bytes (an upload, a file write) instead of delaying them.
// Write and Sum are called from one goroutine; Stop may be called from
// any, at any time, and more than once. The goroutine ends with Sum or
// Stop, whichever comes first.
type asyncHash struct {
	in   chan []byte
	fin  chan struct{}
	out  chan []byte
	stop chan struct{}
	once sync.Once
}

// hashQueue is how many chunks may wait for the hash: a bound on the
// memory a slow hash holds.
const hashQueue = 4

func newAsyncHash() *asyncHash {
	a := &asyncHash{
		in:   make(chan []byte, hashQueue),
		fin:  make(chan struct{}),
		out:  make(chan []byte, 1),
		stop: make(chan struct{}),
	}
	go a.run()
	return a
}

func (a *asyncHash) run() {
	h := sha256.New()
	for {
		select {
		case b := <-a.in:
			h.Write(b)
		case <-a.fin:
			for len(a.in) > 0 {
				h.Write(<-a.in)
			}
			a.out <- h.Sum(nil)
			return
		case <-a.stop:
			return
		}
	}
}

// Write queues b, which the caller must not change afterwards; it blocks
// while hashQueue chunks wait. After Stop it drops b.
func (a *asyncHash) Write(b []byte) {
	select {
	case a.in <- b:
	case <-a.stop:
	}
}

// Sum waits for the hash of everything written; nil after Stop.
func (a *asyncHash) Sum() []byte {
	select {
	case a.fin <- struct{}{}:
	case <-a.stop:
		return nil
	}
	select {
	case s := <-a.out:
		return s
	case <-a.stop:
		return nil
	}
}

// Stop ends the goroutine without a sum.
func (a *asyncHash) Stop() { a.once.Do(func() { close(a.stop) }) }
