package recording

import (
	"errors"
	"fmt"
	"time"

	"github.com/reel-project/reel/core/recmeta"
)

// FileResult describes one finished file.
type FileResult struct {
	Format   Format
	MediaID  string
	Path     string
	Size     int64
	Duration time.Duration
}

// Result is what a stopped recording produced.
type Result struct {
	ID       string
	Files    []FileResult
	Duration time.Duration
	Report   recmeta.Completeness
	Events   []Event
}

// Stop ends the recording: it waits for the writer to drain the queue, closes
// the files, and writes each file's metadata sidecar (<mediaId>.json).
// reason is the MSML record.end value: terminate, maxtime or error. legs is
// the packet accounting of the legs over the recording.
func (r *Recording) Stop(t time.Time, reason string, legs recmeta.Completeness) (Result, error) {
	if err := r.markStopped(t, reason, legs); err != nil {
		return Result{}, err
	}
	files, werr := r.w.finish()
	if r.own != nil {
		r.own.Close()
	}
	res := Result{ID: r.opts.ID, Files: files, Duration: r.w.duration(), Report: r.completeness, Events: r.events}
	var serr error
	for _, f := range files {
		serr = errors.Join(serr, writeSidecar(f.Path+".json", r.document(f)))
	}
	if serr == nil { // else the counters so far are all a repair has
		serr = r.removeProgress()
	}
	return res, errors.Join(werr, serr)
}

func (r *Recording) markStopped(t time.Time, reason string, legs recmeta.Completeness) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.stopped {
		return fmt.Errorf("%w: stop while stopped", ErrState)
	}
	if r.paused {
		r.completeness.PausedMs += t.Sub(r.pausedSince).Milliseconds()
		r.paused = false
	}
	r.stopped, r.stop = true, t
	r.completeness.Add(legs)
	r.completeness.EndReason = reason
	r.events = append(r.events, Event{Kind: "stop", Time: t})
	return nil
}
