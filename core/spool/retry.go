package spool

import (
	"errors"
	"fmt"
	"io/fs"
)

// Retry gives a job a fresh start: a dead letter goes back to jobs, a
// pending job is due at once. Its failed destinations become pending again
// (those that acknowledged stay done), the attempt count and back-off are
// reset and the retry horizon counts from now. A job being delivered right
// now is ErrBusy.
func (s *Spool) Retry(id string) error {
	if err := checkName("recording id", id); err != nil {
		return err
	}
	if s.isClosed() {
		return ErrClosed
	}
	unlock := s.ids.lock(id)
	defer unlock()
	if exists(s.l.record(dirDead, id)) {
		return s.revive(id)
	}
	if !exists(s.l.record(dirJobs, id)) {
		return fmt.Errorf("%w: %s", ErrNotFound, id)
	}
	s.mu.Lock()
	claimed := s.idx.claim(id)
	s.mu.Unlock()
	if !claimed {
		return fmt.Errorf("%w: %s", ErrBusy, id)
	}
	err := s.rewrite(s.l.record(dirJobs, id))
	s.release(id, s.now())
	return err
}

// revive moves a dead letter back to jobs: the record is rewritten as
// pending in place first, so a crash before the rename is finished by Open.
func (s *Spool) revive(id string) error {
	path := s.l.record(dirDead, id)
	if err := s.rewrite(path); err != nil {
		return err
	}
	if err := moveRecord(path, s.l.record(dirJobs, id)); err != nil {
		return err
	}
	s.bump(func(c *counters) { c.dead-- })
	s.enqueue(id, s.now())
	return nil
}

// rewrite resets the record at path for a fresh start.
func (s *Spool) rewrite(path string) error {
	j, err := readRecord(path)
	if errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("%w: %s", ErrNotFound, path)
	}
	if err != nil {
		return err
	}
	now := s.now()
	j.State, j.Reason, j.Attempts = Pending, "", 0
	j.NextAttempt, j.HorizonStart, j.Updated = now, now, now
	for i := range j.Dests {
		resetDest(&j.Dests[i])
	}
	return writeRecord(path, &j)
}

func resetDest(d *DestState) {
	if d.State == Done {
		return
	}
	d.State, d.Reason = Pending, ""
	for i := range d.Items {
		if d.Items[i].State != Done {
			d.Items[i].State = Pending
		}
	}
}
