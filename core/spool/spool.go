package spool

import (
	"fmt"
	"os"
	"sync"
	"sync/atomic"
)

// Spool delivers jobs from one spool directory. Submit, Retry, the
// inspection methods and Stats are safe to call from any goroutine, also
// while Run runs; Close comes after Run has returned.
type Spool struct {
	l       layout
	opts    Options
	dests   map[string]Destination
	order   []Destination // as configured
	lockF   *os.File
	insp    Inspector
	ids     idLocks
	wake    chan struct{}
	running atomic.Bool

	mu     sync.Mutex
	idx    *index
	st     counters
	closed bool
}

// Open opens (creating it if need be) the spool directory dir for the given
// destinations, takes its lock, and runs the recovery scan: records left in
// progress are resumed, moves and dead-letterings a crash interrupted are
// finished, unreadable records are quarantined, and recordings left in
// <dir>/active are repaired and submitted. Call Open before recordings start.
func Open(dir string, dests []Destination, opts Options) (*Spool, error) {
	s := &Spool{l: layout{dir}, opts: opts.withDefaults(), wake: make(chan struct{}, 1), idx: newIndex()}
	if err := s.setDests(dests); err != nil {
		return nil, err
	}
	if err := s.makeDirs(); err != nil {
		return nil, err
	}
	lock, err := lockDir(s.l.lockFile())
	if err != nil {
		return nil, err
	}
	s.lockF = lock
	s.insp = Inspector{Dir: dir, Progress: s.opts.Progress}
	if err := s.recover(); err != nil {
		lock.Close()
		return nil, err
	}
	return s, nil
}

func (s *Spool) setDests(dests []Destination) error {
	if len(dests) == 0 {
		return ErrNoDestinations
	}
	s.dests = make(map[string]Destination, len(dests))
	for _, d := range dests {
		if _, dup := s.dests[d.Name()]; dup {
			return fmt.Errorf("%w: %q", ErrDuplicateDestination, d.Name())
		}
		if _, err := d.Step().MarshalText(); err != nil {
			return fmt.Errorf("spool: destination %q: %w", d.Name(), err)
		}
		s.dests[d.Name()] = d
	}
	s.order = dests
	return nil
}

func (s *Spool) makeDirs() error {
	for _, d := range allDirs {
		if err := os.MkdirAll(s.l.dir(d), 0o750); err != nil {
			return fmt.Errorf("spool: %w", err)
		}
	}
	return syncDir(s.l.root)
}

// Close releases the spool directory. Jobs stay on disk for the next Open.
// It is safe to call twice.
func (s *Spool) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return nil
	}
	if s.running.Load() {
		return ErrRunning
	}
	s.closed = true
	return s.lockF.Close()
}

// Dir returns the spool directory.
func (s *Spool) Dir() string { return s.l.root }

// isClosed reports whether Close was called.
func (s *Spool) isClosed() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.closed
}

// notify passes an event to Options.Notify.
func (s *Spool) notify(e Event) {
	if s.opts.Notify != nil {
		s.opts.Notify(e)
	}
}

// poke wakes Run's dispatcher.
func (s *Spool) poke() {
	select {
	case s.wake <- struct{}{}:
	default:
	}
}
