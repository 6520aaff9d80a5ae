package spool

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"time"
)

// conclude decides what follows an attempt: the job is complete, dead
// (a permanent error, or the horizon passed), interrupted (Run is stopping)
// or waits for its next attempt. Every attempt that ran to its end counts
// in Attempts, the one that completes or dead-letters the job too; one that
// Run's context cut short does not.
func (s *Spool) conclude(ctx context.Context, a *attempt, err error) {
	j := &a.job
	if cutShort(ctx, err) {
		s.interrupted(j)
		return
	}
	j.Attempts++
	switch {
	case err == nil:
		s.complete(j)
	case IsPermanent(err):
		j.LastError = err.Error()
		s.deadLetter(j, err.Error())
	default:
		s.retryLater(j, err)
	}
}

// cutShort reports whether a failed attempt was Run stopping rather than
// the destination failing: a permanent error stands even then.
func cutShort(ctx context.Context, err error) bool {
	return err != nil && ctx.Err() != nil && !IsPermanent(err)
}

// complete moves the record of a delivered job to done, without the error
// of an earlier failed attempt (the destinations keep theirs), so that
// reelctl spool show can say where and when it went; then it deletes the
// files unless KeepLocal keeps them. A crash in between leaves a done
// record with its files, which Open deletes (finishDone, pruneDone).
func (s *Spool) complete(j *Job) {
	j.LastError, j.NextAttempt = "", time.Time{}
	err := errors.Join(removePlain(j), s.finalMove(j, Done, dirDone))
	if err == nil && !s.opts.KeepLocal {
		err = s.dropFiles(j.ID)
	}
	if err != nil {
		s.stuck(j, "complete", err)
		return
	}
	s.forget(j.ID)
	s.bump(func(c *counters) { c.completed++ })
	s.notify(Event{Kind: Completed, RecordingID: j.ID})
}

// dropFiles deletes the spooled files of a delivered job.
func (s *Spool) dropFiles(id string) error {
	return errors.Join(os.RemoveAll(s.l.filesOf(id)), syncDir(s.l.dir(dirFiles)))
}

// removePlain deletes the plaintext copies kept for analytics.
func removePlain(j *Job) error {
	var errs []error
	for i := range j.Files {
		if p := j.Files[i].Plain; p != nil {
			if err := os.Remove(p.Path); err != nil && !errors.Is(err, fs.ErrNotExist) {
				errs = append(errs, err)
			}
			j.Files[i].Plain = nil
		}
	}
	return errors.Join(errs...)
}

// deadLetter moves a job to the dead-letter folder with the reason. Which
// destinations acknowledged stays in the record; Retry resumes from there.
func (s *Spool) deadLetter(j *Job, reason string) {
	j.Reason = reason
	if err := s.finalMove(j, Dead, dirDead); err != nil {
		s.stuck(j, "dead-letter", err)
		return
	}
	s.forget(j.ID)
	s.bump(func(c *counters) { c.dead++; c.deadLetter++ })
	s.opts.Log.Warn("spool: job dead-lettered", "recording_id", j.ID, "reason", reason)
	s.notify(Event{Kind: DeadLettered, RecordingID: j.ID, Err: errors.New(reason)})
}

// finalMove writes the record with its final state in place, then renames
// it into dir: after a crash in between, Open sees the state and finishes.
func (s *Spool) finalMove(j *Job, st State, dir string) error {
	j.State, j.Updated = st, s.now()
	if err := writeRecord(s.l.record(dirJobs, j.ID), j); err != nil {
		return err
	}
	return moveRecord(s.l.record(dirJobs, j.ID), s.l.record(dir, j.ID))
}

// retryLater schedules the next attempt after a back-off, or dead-letters
// the job when it has been failing for longer than the horizon.
func (s *Spool) retryLater(j *Job, cause error) {
	now := s.now()
	j.LastError = cause.Error()
	if now.Sub(j.HorizonStart) >= s.opts.Horizon {
		s.deadLetter(j, fmt.Sprintf("%v (%v since %s, %d attempts); last error: %v",
			ErrHorizon, s.opts.Horizon, j.HorizonStart.Format("2006-01-02T15:04:05Z07:00"), j.Attempts, cause))
		return
	}
	j.State = Pending
	j.NextAttempt = now.Add(backoff(s.opts.BackoffBase, s.opts.BackoffMax, j.Attempts))
	j.Updated = now
	s.opts.Log.Warn("spool: delivery attempt failed", "recording_id", j.ID,
		"destinations", failedDestinations(cause), "attempt", j.Attempts, "err", cause,
		"next_attempt", j.NextAttempt.Format(time.RFC3339))
	if err := writeRecord(s.l.record(dirJobs, j.ID), j); err != nil {
		s.opts.Log.Error("spool: cannot record failed attempt", "recording_id", j.ID, "err", err)
	}
	s.release(j.ID, j.NextAttempt)
	s.notify(Event{Kind: Retrying, RecordingID: j.ID, Err: cause})
}

// interrupted puts back a job whose attempt Run's context cut short: it
// does not count as a failure and is due at once on the next Run.
func (s *Spool) interrupted(j *Job) {
	j.State, j.NextAttempt, j.Updated = Pending, s.now(), s.now()
	if err := writeRecord(s.l.record(dirJobs, j.ID), j); err != nil {
		s.opts.Log.Error("spool: cannot record interrupted attempt", "recording_id", j.ID, "err", err)
	}
	s.release(j.ID, j.NextAttempt)
}

// stuck handles a job whose record could not be moved (a disk error): it
// stays where it is and is looked at again after the longest back-off.
func (s *Spool) stuck(j *Job, what string, err error) {
	s.opts.Log.Error("spool: cannot "+what+" job", "recording_id", j.ID, "err", err)
	s.release(j.ID, s.now().Add(s.opts.BackoffMax))
}

// unloadable handles a claimed job whose record cannot be used.
func (s *Spool) unloadable(id string, err error) {
	switch {
	case errors.Is(err, ErrCorrupt):
		s.quarantine(s.l.record(dirJobs, id), id, err)
	case errors.Is(err, fs.ErrNotExist) && !exists(s.l.record(dirJobs, id)):
		s.forget(id)
	default:
		s.stuck(&Job{ID: id}, "load", err)
	}
}

// quarantine moves an unreadable record to <spool>/corrupt with a .reason
// file beside it, so that List shows it and nothing is lost.
func (s *Spool) quarantine(path, id string, cause error) {
	to := freeName(s.l.dir(dirCorrupt), filepath.Base(path))
	err := errors.Join(moveRecord(path, to), writeAtomic(to+reasonExt, []byte(cause.Error()+"\n")))
	s.forget(id)
	if err != nil {
		s.opts.Log.Error("spool: cannot quarantine corrupt record", "recording_id", id, "path", path, "err", err)
		return
	}
	s.bump(func(c *counters) { c.corrupt++ })
	s.opts.Log.Error("spool: corrupt job record quarantined", slog.String("recording_id", id),
		slog.String("to", to), slog.Any("err", cause))
	s.notify(Event{Kind: Quarantined, RecordingID: id, Err: cause})
}
