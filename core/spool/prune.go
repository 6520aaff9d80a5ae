package spool

import (
	"errors"
	"io/fs"
	"os"
	"time"
)

// pruneDone runs at Open. Without KeepLocal, the record of a delivered job
// stays in done for the retry horizon (what reelctl spool show reports),
// then goes, and files a crash left beside it go at once. KeepLocal keeps
// both, for the operator to clear.
func (s *Spool) pruneDone() error {
	ids, err := s.recordIDs(dirDone)
	if err != nil {
		return err
	}
	cutoff := s.now().Add(-s.opts.Horizon)
	for _, id := range ids {
		if s.opts.KeepLocal {
			continue
		}
		if exists(s.l.filesOf(id)) {
			if err := s.dropFiles(id); err != nil {
				return err
			}
		}
		if err := s.pruneRecord(id, cutoff); err != nil {
			return err
		}
	}
	return nil
}

// pruneRecord deletes a done record last written before cutoff.
func (s *Spool) pruneRecord(id string, cutoff time.Time) error {
	path := s.l.record(dirDone, id)
	st, err := os.Stat(path)
	if errors.Is(err, fs.ErrNotExist) || (err == nil && !st.ModTime().Before(cutoff)) {
		return nil
	}
	if err != nil {
		return err
	}
	return os.Remove(path)
}
