package spool

import (
	"context"
	"fmt"
)

// Seal is Options.Seal: it prepares a job's files before their first
// delivery — encrypts them in place, adds files (a manifest) into the job's
// folder (Dir), edits the document. It runs on a worker, once per job,
// again after a crash or an error until it succeeds, so it must be
// idempotent. An error leaves the job pending with the error as LastError
// and retries it after the usual back-off: nothing is delivered unsealed.
type Seal func(ctx context.Context, j *SealJob) error

// SealJob is what a Seal may read and change.
type SealJob struct {
	ID  string
	Dir string // <spool>/files/<id>: the files, and where new ones go
	// Files: replace a file's content at its Path (keep Name), or append
	// new ones with Name set (Path is Dir/Name); Size and SHA256 are
	// recomputed by the spool afterwards.
	Files    []FileRef
	Document []byte
}

// seal runs Options.Seal once, before any delivery, then re-hashes the
// files, lists new ones at the Store and Analytics destinations that want
// them, and records the job as sealed.
func (a *attempt) seal(ctx context.Context) error {
	j := &a.job
	if a.s.opts.Seal == nil || j.Sealed {
		return nil
	}
	sj := &SealJob{ID: j.ID, Dir: a.s.l.filesOf(j.ID), Files: append([]FileRef(nil), j.Files...), Document: j.Document}
	if err := a.s.opts.Seal(ctx, sj); err != nil {
		return fmt.Errorf("seal: %w", err)
	}
	for _, f := range sj.Files {
		if err := checkName("file name", f.Name); err != nil {
			return fmt.Errorf("seal: %w", err)
		}
	}
	j.Files, j.Document = sj.Files, sj.Document
	a.s.setPaths(j)
	if err := hashFiles(ctx, j.Files); err != nil {
		return err
	}
	a.s.replan(j)
	j.Sealed = true
	return a.save()
}

// replan gives every Store and Analytics destination of the job an item
// for each file it wants that it has none for yet.
func (s *Spool) replan(j *Job) {
	for i := range j.Dests {
		d := &j.Dests[i]
		dest, ok := s.dests[d.Name]
		if !ok || d.Step == Metadata {
			continue
		}
		for _, f := range j.Files {
			if wants(dest, f) && !d.has(f.Name) {
				d.Items = append(d.Items, Item{File: f.Name, State: Pending})
				d.State = Pending
			}
		}
	}
}

func (d *DestState) has(file string) bool {
	for _, it := range d.Items {
		if it.File == file {
			return true
		}
	}
	return false
}
