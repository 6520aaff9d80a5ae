package spool

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"sync"
	"time"
)

// attempt is one pass of a worker over a job it claimed. Deliveries to the
// destinations of a step run at once; mu guards the job while they do, and
// every change is written to the record before it counts.
type attempt struct {
	s    *Spool
	path string // <spool>/jobs/<id>.json
	mu   sync.Mutex
	job  Job
}

// attempt delivers what is left of job id and decides what comes next.
func (s *Spool) attempt(ctx context.Context, id string) {
	path := s.l.record(dirJobs, id)
	j, err := readRecord(path)
	if err == nil {
		s.setPaths(&j)
		err = s.settleFiles(&j)
	}
	if err != nil {
		s.unloadable(id, err)
		return
	}
	a := &attempt{s: s, path: path, job: j}
	if err := a.seal(ctx); err != nil {
		s.conclude(ctx, a, err)
		return
	}
	s.conclude(ctx, a, a.run(ctx))
}

// run goes through the steps in order and stops at the first that fails:
// metadata is never delivered before every store acknowledged.
func (a *attempt) run(ctx context.Context) error {
	for _, step := range steps {
		dests := a.open(step)
		if len(dests) == 0 {
			continue
		}
		if err := a.runStep(ctx, step, dests); err != nil {
			return err
		}
	}
	return nil
}

// open returns the destinations of step that have not acknowledged yet.
func (a *attempt) open(step Step) []*DestState {
	var out []*DestState
	for i := range a.job.Dests {
		if d := &a.job.Dests[i]; d.Step == step && d.State != Done {
			out = append(out, d)
		}
	}
	return out
}

// runStep delivers to every destination of one step in parallel. Before
// any call, the record says which deliveries are starting (in-progress,
// tries+1), so a restart knows to ask the destination before sending again.
func (a *attempt) runStep(ctx context.Context, step Step, dests []*DestState) error {
	view := a.viewFor(step)
	if err := a.update(func() { a.begin(dests) }); err != nil {
		return err
	}
	errs := make([]error, len(dests))
	var wg sync.WaitGroup
	for i, d := range dests {
		wg.Go(func() { errs[i] = a.serve(ctx, view, d) })
	}
	wg.Wait()
	return errors.Join(errs...)
}

func (a *attempt) begin(dests []*DestState) {
	a.job.State = InProgress
	for _, d := range dests {
		d.State = InProgress
		for i := range d.Items {
			if it := &d.Items[i]; it.State != Done {
				it.State, it.Tries = InProgress, it.Tries+1
			}
		}
	}
}

// serve delivers the items of one destination, one after the other.
func (a *attempt) serve(ctx context.Context, view JobView, d *DestState) error {
	dest, ok := a.s.dests[d.Name]
	if !ok {
		err := fmt.Errorf("%w: %q", ErrUnknownDestination, d.Name)
		return a.failed(ctx, d, nil, err)
	}
	for i := range d.Items {
		it := &d.Items[i]
		if it.State == Done {
			continue
		}
		loc, err := a.deliverItem(ctx, dest, view, it)
		a.s.count(d.Name, err)
		if err != nil {
			return a.failed(ctx, d, it, err)
		}
		if err := a.ack(d, it, loc); err != nil {
			return fmt.Errorf("%s: %w", d.Name, err)
		}
	}
	return nil
}

// deliverItem makes one delivery under the per-attempt deadline. A file
// whose earlier delivery may have reached the destination (tries > 1) is
// looked up first when the destination can say.
func (a *attempt) deliverItem(ctx context.Context, dest Destination, view JobView, it *Item) (loc string, err error) {
	ctx, cancel := context.WithTimeout(ctx, a.s.opts.AttemptTimeout)
	defer cancel()
	defer func() {
		if p := recover(); p != nil { // a bug in one client must not take the media server down
			err = fmt.Errorf("destination panicked: %v", p)
		}
	}()
	if it.File == "" {
		return dest.Deliver(ctx, view, nil)
	}
	ref := a.job.file(it.File)
	if ref == nil {
		return "", Permanent(fmt.Errorf("%w: delivery of %q, which the job does not list", ErrCorrupt, it.File))
	}
	f := *ref
	if p := f.Plain; p != nil && dest.Step() == Analytics {
		f.Path, f.Size, f.SHA256, f.Plain = p.Path, p.Size, p.SHA256, nil
	}
	if err := checkLocal(&f); err != nil {
		return "", Permanent(err)
	}
	if st, ok := dest.(Stater); ok && it.Tries > 1 {
		if loc, found, err := st.Stat(ctx, view, &f); err == nil && found {
			return loc, nil
		}
	}
	return dest.Deliver(ctx, view, &f)
}

// checkLocal refuses a spooled file that is gone or changed size.
func checkLocal(f *FileRef) error {
	st, err := os.Stat(f.Path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("%w: %s is missing", ErrLocalFile, f.Path)
	case err != nil:
		return err
	case st.Size() != f.Size:
		return fmt.Errorf("%w: %s has %d bytes, spooled with %d", ErrLocalFile, f.Path, st.Size(), f.Size)
	}
	return nil
}

// ack records a delivery; the last one of a destination completes it, and
// counts the attempt.
func (a *attempt) ack(d *DestState, it *Item, loc string) error {
	err := a.update(func() {
		it.State, it.Location, it.At = Done, loc, a.s.opts.Now()
		for _, o := range d.Items {
			if o.State != Done {
				return
			}
		}
		d.State, d.LastError = Done, ""
		d.Attempts++
	})
	if err == nil {
		a.s.opts.Log.Info("spool: delivered", "recording_id", a.job.ID, "destination", d.Name,
			"file", firstNonEmpty(it.File, "(metadata)"), "location", loc)
	}
	a.s.notify(Event{Kind: Delivered, RecordingID: a.job.ID, Destination: d.Name})
	return err
}

// failed records a failed delivery (it is nil when the destination is
// missing) and returns err named after the destination. The attempt counts
// unless Run's context cut it short (see conclude).
func (a *attempt) failed(ctx context.Context, d *DestState, it *Item, err error) error {
	err = &destError{dest: d.Name, err: err}
	a.mu.Lock()
	d.State, d.LastError = Pending, err.Error()
	if !cutShort(ctx, err) {
		d.Attempts++
	}
	if it != nil {
		it.State = Pending
	}
	if IsPermanent(err) {
		d.State, d.Reason = Failed, err.Error()
		if it != nil {
			it.State = Failed
		}
	}
	a.mu.Unlock()
	a.s.notify(Event{Kind: DeliveryFail, RecordingID: a.job.ID, Destination: d.Name, Err: err})
	return err
}

// update changes the job under the lock and writes the record.
func (a *attempt) update(change func()) error {
	a.mu.Lock()
	defer a.mu.Unlock()
	change()
	return a.save()
}

// save writes the record; the caller holds mu (or is the only goroutine).
func (a *attempt) save() error {
	a.job.Updated = a.s.opts.Now()
	return writeRecord(a.path, &a.job)
}

// viewFor is the job as the destinations of step see it: for Metadata, the
// document carries the locations the Store destinations returned.
func (a *attempt) viewFor(step Step) JobView {
	v := a.job.view()
	if step == Metadata {
		v.Document = withStorage(a.job.Document, a.locations())
	}
	return v
}

// locations lists, per file, where the Store destinations put it.
func (a *attempt) locations() map[string][]string {
	out := map[string][]string{}
	for _, d := range a.job.Dests {
		for _, it := range d.Items {
			if d.Step == Store && it.State == Done && it.Location != "" {
				out[it.File] = append(out[it.File], it.Location)
			}
		}
	}
	return out
}

// now is a shorthand for the spool's clock.
func (s *Spool) now() time.Time { return s.opts.Now() }

// firstNonEmpty returns a, or b when a is empty.
func firstNonEmpty(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// destError is a failed delivery named after its destination: "name: err".
type destError struct {
	dest string
	err  error
}

func (e *destError) Error() string { return e.dest + ": " + e.err.Error() }
func (e *destError) Unwrap() error { return e.err }

// failedDestinations lists the destinations named in err, a join of the
// failures of one attempt.
func failedDestinations(err error) []string {
	var out []string
	var walk func(error)
	walk = func(err error) {
		var de *destError
		switch e := err.(type) {
		case interface{ Unwrap() []error }:
			for _, x := range e.Unwrap() {
				walk(x)
			}
		default:
			if errors.As(err, &de) {
				out = append(out, de.dest)
			}
		}
	}
	walk(err)
	return out
}
