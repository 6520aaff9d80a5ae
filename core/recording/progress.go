package recording

import (
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/reel-project/reel/core/recmeta"
)

// Progress hands the recording the legs' packet accounting over the
// recording so far; the next flush writes it, with the recording's own
// counters, to <first mediaId>+recmeta.ProgressExt beside the media, which
// a crash repair reads. The conference calls it about once a
// second.
func (r *Recording) Progress(legs recmeta.Completeness) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.legs = legs
}

// saveProgress writes the progress file (atomically, not fsynced: a killed
// process loses nothing the page cache holds). It runs after each flush,
// on the encoder's goroutine; a failure is logged once.
func (r *Recording) saveProgress() {
	r.mu.Lock()
	c := r.completeness
	c.Add(r.legs)
	stopped, id := r.stopped, r.opts.ID
	r.mu.Unlock()
	if stopped || r.w.failed.Load() {
		return
	}
	path := r.progressPath()
	b, err := json.Marshal(c)
	if err == nil {
		tmp := path + ".tmp"
		err = errors.Join(os.WriteFile(tmp, b, 0o640), os.Rename(tmp, path))
	}
	if err != nil && r.progressErr.CompareAndSwap(false, true) {
		r.opts.Log.Warn("recording progress not saved: a crash repair would report no counters",
			"recording_id", id, "path", path, "err", err)
	}
}

func (r *Recording) progressPath() string {
	return filepath.Join(r.opts.Dir, r.w.names[0]+recmeta.ProgressExt)
}

// removeProgress deletes the progress file of a stopped recording.
func (r *Recording) removeProgress() error {
	err := os.Remove(r.progressPath())
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	return err
}
