package spool

import (
	"context"
	"sync"
	"time"
)

// Run delivers jobs until ctx is done: a dispatcher hands due jobs to
// Options.Workers workers, one job per worker at a time, and sleeps on a
// single timer until the next job is due or Submit/Retry wakes it. When ctx
// ends, attempts under way are cut short through their context (they count
// as interrupted, not failed) and Run returns nil once every worker stopped.
func (s *Spool) Run(ctx context.Context) error {
	if s.isClosed() {
		return ErrClosed
	}
	if !s.running.CompareAndSwap(false, true) {
		return ErrRunning
	}
	defer s.running.Store(false)
	work := make(chan string)
	var wg sync.WaitGroup
	for range s.opts.Workers {
		wg.Go(func() {
			for id := range work {
				s.attempt(ctx, id)
			}
		})
	}
	s.dispatch(ctx, work)
	close(work)
	wg.Wait()
	return nil
}

// dispatch feeds due jobs to work until ctx is done.
func (s *Spool) dispatch(ctx context.Context, work chan<- string) {
	timer := time.NewTimer(time.Hour)
	defer timer.Stop()
	for {
		s.mu.Lock()
		id, wait, ok := s.idx.next(s.opts.Now())
		s.mu.Unlock()
		if ok {
			select {
			case work <- id:
				continue
			case <-ctx.Done():
				s.release(id, s.opts.Now())
				return
			}
		}
		timer.Reset(wait)
		select {
		case <-ctx.Done():
			return
		case <-s.wake:
		case <-timer.C:
		}
	}
}

// release hands a claimed job back to the index, due at t.
func (s *Spool) release(id string, t time.Time) {
	s.mu.Lock()
	s.idx.release(id, t)
	s.mu.Unlock()
	s.poke()
}

// forget drops a job from the index.
func (s *Spool) forget(id string) {
	s.mu.Lock()
	s.idx.remove(id)
	s.mu.Unlock()
}
