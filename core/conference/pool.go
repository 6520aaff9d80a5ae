package conference

import (
	"runtime"
	"sync"
	"time"
)

// tickPool spreads one tick's conferences over a fixed set of worker
// goroutines (GOMAXPROCS of them), so the media work of a tick uses every
// core. Workers live as long as the clock; nothing is started per tick.
type tickPool struct {
	work []chan tickJob
	wg   sync.WaitGroup
}

// tickJob is a worker's share of one tick.
type tickJob struct {
	confs []*Conference
	now   time.Time
}

func newTickPool(workers int) *tickPool {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	p := &tickPool{work: make([]chan tickJob, workers)}
	for i := range p.work {
		p.work[i] = make(chan tickJob, 1)
		go p.worker(p.work[i])
	}
	return p
}

func (p *tickPool) worker(jobs chan tickJob) {
	for j := range jobs {
		for _, c := range j.confs {
			c.tick(j.now)
		}
		p.wg.Done()
	}
}

// run ticks every conference and returns when all are done. A single
// worker's share is run on the calling goroutine.
func (p *tickPool) run(confs []*Conference, now time.Time) {
	n := min(len(p.work), max(1, len(confs)/minPerWorker))
	if n <= 1 {
		for _, c := range confs {
			c.tick(now)
		}
		return
	}
	per := (len(confs) + n - 1) / n
	p.wg.Add(n)
	for i := 0; i < n; i++ {
		lo, hi := i*per, min(len(confs), (i+1)*per)
		p.work[i] <- tickJob{confs: confs[lo:hi], now: now}
	}
	p.wg.Wait()
}

// minPerWorker keeps small loads on one goroutine: handing a few
// conferences to another core costs more than ticking them.
const minPerWorker = 16

// close stops the workers.
func (p *tickPool) close() {
	for _, ch := range p.work {
		close(ch)
	}
}
