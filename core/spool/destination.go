package spool

import (
	"context"
	"errors"
)

// Destination is one configured target, e.g. "storage/webdav:primary". The
// plugin host's typed clients satisfy it; tests use in-process fakes.
// Deliver is called from several goroutines at once (different jobs) and
// must honour ctx, which carries the per-attempt deadline.
type Destination interface {
	// Name identifies the destination in job records, logs and metrics;
	// it must stay the same across restarts.
	Name() string
	// Step says when the destination is served.
	Step() Step
	// Deliver sends one file (Store and Analytics) or the metadata document
	// (Metadata: file is nil, job.Document holds it) and returns where it
	// went (a URI; may be empty for analytics). The key of a delivery is
	// (job.RecordingID, file.Name): delivering it twice must not duplicate
	// it. Wrap errors that no retry can fix with Permanent.
	Deliver(ctx context.Context, job JobView, file *FileRef) (location string, err error)
}

// Stater is implemented by destinations that can tell whether a file is
// already there with the same size and SHA-256. The spool asks before
// delivering a file again after an attempt whose outcome it never learnt
// (a crash, a timeout), so that it is not uploaded twice.
type Stater interface {
	Stat(ctx context.Context, job JobView, file *FileRef) (location string, found bool, err error)
}

// Selector is implemented by Store and Analytics destinations that take
// only some of a recording's files (an analytics sink that wants the WAV).
// It is asked once per file when the job is submitted.
type Selector interface {
	Wants(file FileRef) bool
}

// Permanent marks err as one no retry can fix (a 4xx-like refusal): the job
// is dead-lettered at once with err as the reason.
func Permanent(err error) error {
	if err == nil {
		return nil
	}
	return &permanentError{err}
}

// IsPermanent reports whether err, or an error it wraps, came from Permanent.
func IsPermanent(err error) bool {
	var p *permanentError
	return errors.As(err, &p)
}

type permanentError struct{ err error }

func (p *permanentError) Error() string { return p.err.Error() }
func (p *permanentError) Unwrap() error { return p.err }
