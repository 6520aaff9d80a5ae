package spool

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
)

// recover is Open's scan. It never deletes a recording that is not
// delivered: it finishes what a crash interrupted, forgets delivered jobs
// older than the horizon and indexes what is left to deliver.
func (s *Spool) recover() error {
	if err := s.dropTemps(); err != nil {
		return err
	}
	if err := s.scanJobs(); err != nil {
		return err
	}
	if err := s.scanDead(); err != nil {
		return err
	}
	if err := s.countCorrupt(); err != nil {
		return err
	}
	if err := s.pruneDone(); err != nil {
		return err
	}
	return s.recoverActive()
}

// dropTemps removes the temp files of record writes a crash interrupted:
// their rename never happened, so the record they were replacing is intact.
func (s *Spool) dropTemps() error {
	for _, d := range []string{dirJobs, dirDead, dirDone, dirCorrupt} {
		tmps, err := filepath.Glob(filepath.Join(s.l.dir(d), tempPrefix+"*"))
		if err != nil {
			return err
		}
		for _, t := range tmps {
			if err := os.Remove(t); err != nil {
				return err
			}
		}
	}
	return nil
}

// recordIDs lists the ids of the records in folder dir.
func (s *Spool) recordIDs(dir string) ([]string, error) {
	ents, err := os.ReadDir(s.l.dir(dir))
	if err != nil {
		return nil, err
	}
	var ids []string
	for _, e := range ents {
		if name := e.Name(); e.Type().IsRegular() && strings.HasSuffix(name, recordExt) && !strings.HasPrefix(name, ".") {
			ids = append(ids, strings.TrimSuffix(name, recordExt))
		}
	}
	return ids, nil
}

// scanJobs indexes the records in jobs: in-progress ones are due at once
// (resumed), pending ones keep their back-off; records whose final state was
// written but not yet moved are moved now.
func (s *Spool) scanJobs() error {
	ids, err := s.recordIDs(dirJobs)
	if err != nil {
		return err
	}
	for n, id := range ids {
		s.progress("recover", id, n+1, len(ids))
		if err := s.recoverJob(id); err != nil {
			return err
		}
	}
	return nil
}

func (s *Spool) recoverJob(id string) error {
	path := s.l.record(dirJobs, id)
	j, err := readRecord(path)
	if errors.Is(err, ErrCorrupt) {
		s.quarantine(path, id, err)
		return nil
	}
	if err != nil {
		return err
	}
	s.setPaths(&j)
	switch {
	case j.State == Dead:
		return moveRecord(path, s.l.record(dirDead, id))
	case j.State == Done:
		return s.finishDone(&j)
	case j.State == InProgress:
		s.bump(func(c *counters) { c.resumed++ })
		s.enqueue(id, s.now())
	default:
		s.enqueue(id, j.NextAttempt)
	}
	return nil
}

// finishDone completes a job whose record says done but was not yet moved
// to the done folder.
func (s *Spool) finishDone(j *Job) error {
	if err := moveRecord(s.l.record(dirJobs, j.ID), s.l.record(dirDone, j.ID)); err != nil {
		return err
	}
	if s.opts.KeepLocal {
		return nil
	}
	return s.dropFiles(j.ID)
}

// scanDead counts the dead letters and finishes a Retry a crash
// interrupted (its record says pending but still sits in dead).
func (s *Spool) scanDead() error {
	ids, err := s.recordIDs(dirDead)
	if err != nil {
		return err
	}
	for _, id := range ids {
		path := s.l.record(dirDead, id)
		j, err := readRecord(path)
		switch {
		case errors.Is(err, ErrCorrupt):
			s.quarantine(path, id, err)
		case err != nil:
			return err
		case j.State == Pending:
			if err := moveRecord(path, s.l.record(dirJobs, id)); err != nil {
				return err
			}
			s.enqueue(id, s.now())
		default:
			s.bump(func(c *counters) { c.dead++ })
		}
	}
	return nil
}

// countCorrupt counts the quarantined records for Stats.
func (s *Spool) countCorrupt() error {
	ents, err := os.ReadDir(s.l.dir(dirCorrupt))
	if err != nil {
		return err
	}
	n := 0
	for _, e := range ents {
		if !strings.HasSuffix(e.Name(), reasonExt) {
			n++
		}
	}
	s.bump(func(c *counters) { c.corrupt = n })
	return nil
}

// progress reports item n of total to Options.Progress.
func (s *Spool) progress(op, id string, n, total int) {
	if s.opts.Progress != nil {
		s.opts.Progress(Progress{Op: op, ID: id, Done: int64(n), Total: int64(total)})
	}
}
