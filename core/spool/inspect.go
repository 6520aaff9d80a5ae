package spool

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"
)

// Inspector reads a spool directory without taking its lock, so reelctl can
// list, show and export while reel-mcp runs (every record is replaced by an
// atomic rename, so a reader never sees half of one). A Spool has the same
// methods.
type Inspector struct {
	Dir string
	// Progress, when set, is called during Export.
	Progress func(Progress)
	// Plaintext lets Export take the plaintext of a job whose profile
	// encrypts (ErrPlaintext otherwise): an operator's explicit choice.
	Plaintext bool
}

// Filter selects jobs for List. The zero Filter selects everything.
type Filter struct {
	State  State  // only jobs in this state ("" for all)
	Prefix string // only recording ids with this prefix
}

// JobSummary is one line of List.
type JobSummary struct {
	ID          string
	State       State // pending, in-progress, done, dead, corrupt, orphan or active
	Files       int
	Bytes       int64
	Attempts    int
	FirstSeen   time.Time
	NextAttempt time.Time
	LastError   string
	Reason      string   // why it is dead or corrupt
	Delivered   []string // destinations that acknowledged everything
	Waiting     []string // destinations still to deliver to (or failed)
	Recovered   bool
}

// List returns the jobs of the spool, sorted by id: records being
// delivered, dead letters, delivered jobs (done), quarantined records, file
// folders with no record, and recordings still being written.
func (in Inspector) List(f Filter) ([]JobSummary, error) {
	var out []JobSummary
	l := layout{in.Dir}
	for _, dir := range recordDirs {
		sums, err := listRecords(l, dir)
		if err != nil {
			return nil, err
		}
		out = append(out, sums...)
	}
	for _, more := range []func(layout) ([]JobSummary, error){listCorrupt, listActive, listOrphans} {
		sums, err := more(l)
		if err != nil {
			return nil, err
		}
		out = append(out, sums...)
	}
	out = slices.DeleteFunc(out, func(s JobSummary) bool {
		return f.State != "" && s.State != f.State || !strings.HasPrefix(s.ID, f.Prefix)
	})
	slices.SortStableFunc(out, func(a, b JobSummary) int { return strings.Compare(a.ID, b.ID) })
	return out, nil
}

func listRecords(l layout, dir string) ([]JobSummary, error) {
	names, err := filepath.Glob(filepath.Join(l.dir(dir), "*"+recordExt))
	if err != nil {
		return nil, err
	}
	var out []JobSummary
	for _, p := range names {
		j, err := readRecord(p)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			continue // moved while we listed
		case err != nil:
			out = append(out, JobSummary{ID: strings.TrimSuffix(filepath.Base(p), recordExt), State: Corrupt, Reason: err.Error()})
		default:
			out = append(out, summarize(j))
		}
	}
	return out, nil
}

func summarize(j Job) JobSummary {
	s := JobSummary{ID: j.ID, State: j.State, Files: len(j.Files), Attempts: j.Attempts, FirstSeen: j.FirstSeen,
		NextAttempt: j.NextAttempt, LastError: j.LastError, Reason: j.Reason, Recovered: j.Recovered}
	for _, f := range j.Files {
		s.Bytes += f.Size
	}
	for _, d := range j.Dests {
		if d.State == Done {
			s.Delivered = append(s.Delivered, d.Name)
		} else {
			s.Waiting = append(s.Waiting, d.Name)
		}
	}
	return s
}

// listCorrupt lists the quarantined records with their reasons.
func listCorrupt(l layout) ([]JobSummary, error) {
	ents, err := os.ReadDir(l.dir(dirCorrupt))
	if err != nil {
		return nil, err
	}
	var out []JobSummary
	for _, e := range ents {
		name := e.Name()
		if strings.HasSuffix(name, reasonExt) || strings.HasPrefix(name, tempPrefix) {
			continue
		}
		why, _ := os.ReadFile(l.corrupt(name + reasonExt))
		id := strings.TrimSuffix(strings.TrimSuffix(name, filepath.Ext(name)), recordExt)
		s := JobSummary{ID: id, State: Corrupt, Reason: strings.TrimSpace(string(why))}
		s.Files, s.Bytes = folderSize(l.filesOf(id))
		out = append(out, s)
	}
	return out, nil
}

// listActive lists the recordings being written.
func listActive(l layout) ([]JobSummary, error) {
	ents, err := os.ReadDir(l.dir(dirActive))
	if err != nil {
		return nil, err
	}
	var out []JobSummary
	for _, e := range ents {
		if e.IsDir() {
			s := JobSummary{ID: e.Name(), State: Active}
			s.Files, s.Bytes = folderSize(l.activeOf(e.Name()))
			out = append(out, s)
		}
	}
	return out, nil
}

// listOrphans lists file folders that no record accounts for.
func listOrphans(l layout) ([]JobSummary, error) {
	ents, err := os.ReadDir(l.dir(dirFiles))
	if err != nil {
		return nil, err
	}
	var out []JobSummary
	for _, e := range ents {
		id := e.Name()
		if !e.IsDir() || hasRecord(l, id) || exists(l.corrupt(id+recordExt)) {
			continue
		}
		s := JobSummary{ID: id, State: Orphan, Reason: "files without a job record"}
		s.Files, s.Bytes = folderSize(l.filesOf(id))
		out = append(out, s)
	}
	return out, nil
}

func hasRecord(l layout, id string) bool {
	for _, dir := range recordDirs {
		if exists(l.record(dir, id)) {
			return true
		}
	}
	return false
}

func folderSize(dir string) (n int, bytes int64) {
	ents, _ := os.ReadDir(dir)
	for _, e := range ents {
		if info, err := e.Info(); err == nil && info.Mode().IsRegular() {
			n, bytes = n+1, bytes+info.Size()
		}
	}
	return n, bytes
}

// Show returns the record of one job, from jobs, dead or done. A
// quarantined record is ErrCorrupt with its reason; an unknown id ErrNotFound.
func (in Inspector) Show(id string) (Job, error) {
	if err := checkName("recording id", id); err != nil {
		return Job{}, err
	}
	l := layout{in.Dir}
	for _, dir := range recordDirs {
		j, err := readRecord(l.record(dir, id))
		if !errors.Is(err, fs.ErrNotExist) {
			return j, err
		}
	}
	if why, err := os.ReadFile(l.corrupt(id + recordExt + reasonExt)); err == nil {
		return Job{}, fmt.Errorf("%w: %s: %s", ErrCorrupt, id, strings.TrimSpace(string(why)))
	}
	return Job{}, fmt.Errorf("%w: %s", ErrNotFound, id)
}

// List returns the jobs of the spool; see Inspector.List.
func (s *Spool) List(f Filter) ([]JobSummary, error) { return s.insp.List(f) }

// Show returns the record of one job; see Inspector.Show.
func (s *Spool) Show(id string) (Job, error) { return s.insp.Show(id) }
