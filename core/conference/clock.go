package conference

import (
	"context"
	"time"

	"github.com/reel-project/reel/codecs"
)

// maxCatchUp bounds how many late ticks are run back to back after a stall;
// (1 s); beyond it the clock skips ahead (counted as overruns) rather than
// bursting further. Skipped ticks shorten recordings, so the bound is generous.
const maxCatchUp = 50

// Run drives every conference from one clock until ctx is done. Ticks are
// scheduled against a fixed start time, so the recordings keep the wall
// clock's timeline even when one tick runs late.
func (e *Engine) Run(ctx context.Context) {
	start := time.Now()
	var n int64
	var confs []*Conference
	timer := time.NewTimer(codecs.FrameDuration)
	defer timer.Stop()
	pool := newTickPool(e.cfg.Workers)
	defer pool.close()
	for {
		due := start.Add(time.Duration(n+1) * codecs.FrameDuration)
		timer.Reset(time.Until(due))
		select {
		case <-ctx.Done():
			return
		case <-timer.C:
		}
		next := e.catchUp(start, n)
		skipped := next - n - 1
		n = next
		began := time.Now()
		confs = e.snapshot(confs)
		pool.run(confs, began)
		e.ticks.Add(1)
		e.observer().Tick(time.Since(began), skipped)
	}
}

// catchUp returns the index of the tick to run now: n+1 normally, later when
// the clock fell more than maxCatchUp ticks behind.
func (e *Engine) catchUp(start time.Time, n int64) int64 {
	behind := int64(time.Since(start)/codecs.FrameDuration) - n
	if behind > maxCatchUp {
		e.overruns.Add(behind - 1)
		return n + behind
	}
	return n + 1
}

// Ticks returns how many ticks ran and how many were skipped.
func (e *Engine) Ticks() (ran, skipped int64) { return e.ticks.Load(), e.overruns.Load() }
