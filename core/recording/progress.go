package recording

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// ProgressExt ends the name of the file, beside a recording's first media
// file (<mediaId>.progress), that holds its completeness counters so far,
// as JSON, while it runs: written after every flush, so that a crash repair
// reports what was received, lost and concealed instead of zeros. Stop
// removes it; the sidecars say the final word. It does not end in .json:
// a .json beside the media is a sidecar to whoever watches the folder.
const ProgressExt = ".progress"

// Progress hands the recording the legs' packet accounting over the
// recording so far; the next flush writes it, with the recording's own
// counters, to the progress file. The conference calls it about once a
// second.
func (r *Recording) Progress(legs Completeness) {
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
	if stopped {
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
	return filepath.Join(r.opts.Dir, r.w.names()[0]+ProgressExt)
}

// removeProgress deletes the progress file of a stopped recording.
func (r *Recording) removeProgress() error {
	err := os.Remove(r.progressPath())
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	return err
}

// ReadProgress reads a progress file.
func ReadProgress(path string) (Completeness, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return Completeness{}, err
	}
	var c Completeness
	if err := json.Unmarshal(b, &c); err != nil {
		return Completeness{}, fmt.Errorf("recording: progress %s: %w", path, err)
	}
	return c, nil
}
