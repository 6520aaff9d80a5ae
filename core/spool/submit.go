package spool

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"slices"
	"sync"
	"time"
)

// Submit spools a stopped recording. It hashes the files, writes the job
// record, moves the files into <spool>/files/<id>/ — with whatever else the
// recording's active folder holds (sidecars, the active record) — and wakes
// Run. When it returns nil the job is durable and the caller's files are
// gone from where they were. Submitting a recording that is already spooled
// with the same files is a no-op; with other files it is ErrConflict.
func (s *Spool) Submit(ctx context.Context, j Job) error {
	if s.isClosed() {
		return ErrClosed
	}
	if err := j.checkInput(); err != nil {
		return err
	}
	if len(j.Files) == 0 {
		return fmt.Errorf("%w: %s: no files", ErrBadJob, j.ID)
	}
	j.Files = slices.Clone(j.Files) // the caller's slice is not ours to fill in
	unlock := s.ids.lock(j.ID)
	defer unlock()
	old, err := s.findRecord(j.ID)
	if err == nil {
		return s.resubmit(ctx, &old, &j)
	}
	if !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	if err := hashFiles(ctx, j.Files); err != nil {
		return err
	}
	return s.create(&j)
}

// findRecord loads id's record from jobs, dead or done.
func (s *Spool) findRecord(id string) (Job, error) {
	for _, dir := range recordDirs {
		j, err := readRecord(s.l.record(dir, id))
		if !errors.Is(err, fs.ErrNotExist) {
			s.setPaths(&j)
			return j, err
		}
	}
	return Job{}, fmt.Errorf("%w: %s", fs.ErrNotExist, id)
}

// resubmit accepts j again when it holds the files already spooled, and
// finishes moving them in case an earlier Submit was interrupted.
func (s *Spool) resubmit(ctx context.Context, old, j *Job) error {
	if len(old.Files) != len(j.Files) {
		return fmt.Errorf("%w: %s: %d files, spooled %d", ErrConflict, j.ID, len(j.Files), len(old.Files))
	}
	for _, f := range j.Files {
		o := old.file(f.Name)
		if o == nil {
			return fmt.Errorf("%w: %s: file %q not spooled", ErrConflict, j.ID, f.Name)
		}
		if f.Path == o.Path || !exists(f.Path) {
			continue
		}
		now := []FileRef{f}
		if err := hashFiles(ctx, now); err != nil {
			return err
		}
		if err := sameContent(j.ID, &now[0], o); err != nil {
			return err
		}
	}
	return errors.Join(s.settleFiles(old), s.finishActive(j.ID))
}

func sameContent(id string, f, o *FileRef) error {
	if f.Size != o.Size || f.SHA256 != o.SHA256 {
		return fmt.Errorf("%w: %s: %q has %d bytes sha256 %s, spooled %d bytes sha256 %s",
			ErrConflict, id, f.Name, f.Size, f.SHA256, o.Size, o.SHA256)
	}
	return nil
}

// create records a new job and moves its files in; the caller holds the id
// lock and has hashed the files.
func (s *Spool) create(j *Job) error {
	dests, err := s.plan(j)
	if err != nil {
		return err
	}
	now := s.opts.Now()
	j.State, j.Dests, j.Attempts = Pending, dests, 0
	j.FirstSeen, j.HorizonStart, j.NextAttempt, j.Updated = now, now, now, now
	s.adopt(j)
	if err := os.MkdirAll(s.l.filesOf(j.ID), 0o750); err != nil {
		return fmt.Errorf("spool: %w", err)
	}
	if err := writeRecord(s.l.record(dirJobs, j.ID), j); err != nil {
		return err
	}
	// From here the job exists: a failed move is finished by the worker
	// (settleFiles) or by a Submit of the same job, so it is queued anyway.
	err = errors.Join(s.settleFiles(j), s.finishActive(j.ID))
	s.enqueue(j.ID, now)
	s.bump(func(c *counters) { c.submitted++ })
	s.notify(Event{Kind: Submitted, RecordingID: j.ID})
	if err != nil {
		return fmt.Errorf("spool: %s recorded, but its files are not all moved in yet: %w", j.ID, err)
	}
	return nil
}

// adopt points the job's files at their place in the spool, remembering
// where they were.
func (s *Spool) adopt(j *Job) {
	for i := range j.Files {
		f := &j.Files[i]
		f.Origin, f.Path = f.Path, s.l.file(j.ID, f.Name)
		if f.Origin == f.Path {
			f.Origin = ""
		}
	}
}

// setPaths fills in the spooled paths of a job read from disk.
func (s *Spool) setPaths(j *Job) {
	for i := range j.Files {
		f := &j.Files[i]
		f.Path = s.l.file(j.ID, f.Name)
		if f.Plain != nil {
			f.Plain.Path = s.l.file(j.ID, PlainName(f.Name))
		}
	}
}

// settleFiles moves every file still at its origin into the spool.
func (s *Spool) settleFiles(j *Job) error {
	for _, f := range j.Files {
		if f.Origin == "" || exists(f.Path) || !exists(f.Origin) {
			continue
		}
		if err := moveFile(f.Origin, f.Path); err != nil {
			return err
		}
	}
	return nil
}

// enqueue makes id due at t and wakes the dispatcher.
func (s *Spool) enqueue(id string, t time.Time) {
	s.mu.Lock()
	s.idx.put(id, t)
	s.mu.Unlock()
	s.poke()
}

// copyBufs holds the buffers files are hashed through.
var copyBufs = sync.Pool{New: func() any { b := make([]byte, 64<<10); return &b }}

// hashFiles fills in Size and SHA256 of each file from its Path.
func hashFiles(ctx context.Context, files []FileRef) error {
	for i := range files {
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := hashFile(&files[i]); err != nil {
			return err
		}
		if p := files[i].Plain; p != nil {
			plain := FileRef{Path: p.Path}
			if err := hashFile(&plain); err != nil {
				return err
			}
			p.Size, p.SHA256 = plain.Size, plain.SHA256
		}
		if files[i].ContentType == "" {
			files[i].ContentType = "application/octet-stream"
		}
	}
	return nil
}

func hashFile(f *FileRef) error {
	in, err := os.Open(f.Path)
	if err != nil {
		return fmt.Errorf("spool: %w", err)
	}
	defer in.Close()
	h := sha256.New()
	buf := copyBufs.Get().(*[]byte)
	defer copyBufs.Put(buf)
	n, err := io.CopyBuffer(h, struct{ io.Reader }{in}, *buf) // hide WriteTo, which would allocate its own buffer
	if err != nil {
		return fmt.Errorf("spool: read %s: %w", f.Path, err)
	}
	f.Size, f.SHA256 = n, hex.EncodeToString(h.Sum(nil))
	return nil
}
