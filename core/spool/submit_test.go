package spool

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"sync"
	"testing"
)

func TestSubmitRefuses(t *testing.T) {
	store, meta := newFake("storage/s", Store, nil), newFake("metadata/rps", Metadata, nil)
	h := openHarness(t, t.TempDir(), []Destination{store, meta}, fastOptions())
	tests := []struct {
		name   string
		change func(j *Job)
		want   error
	}{
		{"a recording id with a slash", func(j *Job) { j.ID = "../etc" }, ErrBadName},
		{"an empty recording id", func(j *Job) { j.ID = "" }, ErrBadName},
		{"a file name with a slash", func(j *Job) { j.Files[0].Name = "a/b.wav" }, ErrBadName},
		{"a job without files", func(j *Job) { j.Files = nil }, ErrBadJob},
		{"the same file name twice", func(j *Job) { j.Files = append(j.Files, j.Files[0]) }, ErrBadJob},
		{"a document that is not JSON", func(j *Job) { j.Document = json.RawMessage("{") }, ErrBadJob},
		{"no document for the metadata destination", func(j *Job) { j.Document = nil }, ErrBadJob},
		{"an unknown destination", func(j *Job) { j.Targets = []string{"storage/nowhere"} }, ErrUnknownDestination},
		{"a file that does not exist", func(j *Job) { j.Files[0].Path += ".missing" }, os.ErrNotExist},
	}
	for _, tc := range tests {
		t.Run("Submit refuses "+tc.name, func(t *testing.T) {
			j := newJob(t, "rec-bad", "b.wav")
			tc.change(&j)
			if err := h.s.Submit(context.Background(), j); !errors.Is(err, tc.want) {
				t.Errorf("err = %v, want %v", err, tc.want)
			}
			if n := entries(t, h.s.l.dir(dirJobs)); len(n) != 0 {
				t.Errorf("records written: %v", n)
			}
		})
	}
	t.Run("Open refuses no destinations and duplicate names", func(t *testing.T) {
		if _, err := Open(t.TempDir(), nil, Options{}); !errors.Is(err, ErrNoDestinations) {
			t.Errorf("no destinations: %v", err)
		}
		if _, err := Open(t.TempDir(), []Destination{store, store}, Options{}); !errors.Is(err, ErrDuplicateDestination) {
			t.Errorf("duplicate: %v", err)
		}
	})
	t.Run("a second Open of the same folder is ErrLocked", func(t *testing.T) {
		if _, err := Open(h.s.Dir(), []Destination{store}, Options{}); !errors.Is(err, ErrLocked) {
			t.Errorf("err = %v", err)
		}
	})
}

func TestResubmitting(t *testing.T) {
	h := openHarness(t, t.TempDir(), []Destination{newFake("storage/s", Store, nil)}, fastOptions())
	job := newJob(t, "rec-twice", "t.wav")
	copyDir := t.TempDir()
	dup := job
	dup.Files = []FileRef{{Name: "t.wav", Path: copyDir + "/t.wav"}}
	b, _ := os.ReadFile(job.Files[0].Path)
	os.WriteFile(dup.Files[0].Path, b, 0o640)
	if err := h.s.Submit(context.Background(), job); err != nil {
		t.Fatal(err)
	}
	t.Run("the same files again is a no-op", func(t *testing.T) {
		if err := h.s.Submit(context.Background(), job); err != nil {
			t.Error(err)
		}
		if err := h.s.Submit(context.Background(), dup); err != nil {
			t.Error(err)
		}
		if st := h.s.Stats(); st.Submitted != 1 || st.Pending != 1 {
			t.Errorf("stats %+v", st)
		}
	})
	t.Run("other content under the same name is ErrConflict", func(t *testing.T) {
		os.WriteFile(dup.Files[0].Path, []byte("something else"), 0o640)
		if err := h.s.Submit(context.Background(), dup); !errors.Is(err, ErrConflict) {
			t.Errorf("err = %v", err)
		}
	})
	t.Run("another set of files is ErrConflict", func(t *testing.T) {
		other := newJob(t, "rec-twice", "t.wav", "u.wav")
		if err := h.s.Submit(context.Background(), other); !errors.Is(err, ErrConflict) {
			t.Errorf("err = %v", err)
		}
	})
}

func TestConcurrentSubmit(t *testing.T) {
	store, meta := newFake("storage/s", Store, nil), newFake("metadata/rps", Metadata, nil)
	// Deliveries wait for every Submit: a job delivered and removed before
	// its second Submit is no longer spooled, and that Submit would find
	// its files gone (a new job, not a duplicate).
	submitted := make(chan struct{})
	store.before = func(ctx context.Context) error {
		select {
		case <-submitted:
			return nil
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	h := openHarness(t, t.TempDir(), []Destination{store, meta}, fastOptions())
	h.start()
	const goroutines, each = 16, 8
	jobs := make([]Job, goroutines*each)
	for i := range jobs {
		jobs[i] = newJob(t, fmt.Sprintf("rec-%03d", i), "c.mp3", "c.wav")
	}
	var wg sync.WaitGroup
	errs := make(chan error, 2*len(jobs))
	for g := range goroutines {
		for _, k := range []int{g, (g + 1) % goroutines} { // every job is submitted by two goroutines
			wg.Go(func() {
				for _, j := range jobs[k*each : (k+1)*each] {
					errs <- h.s.Submit(context.Background(), j)
				}
			})
		}
	}
	wg.Wait()
	close(submitted)
	close(errs)
	for err := range errs {
		if err != nil {
			t.Error(err)
		}
	}
	h.events.waitFor(t, Completed, len(jobs))
	for _, j := range jobs {
		if store.delivered(j.ID+"/c.mp3") != 1 || store.delivered(j.ID+"/c.wav") != 1 || meta.delivered(j.ID) != 1 {
			t.Errorf("%s: store %d/%d, metadata %d", j.ID, store.delivered(j.ID+"/c.mp3"), store.delivered(j.ID+"/c.wav"), meta.delivered(j.ID))
		}
	}
	if st := h.s.Stats(); st.Submitted != uint64(len(jobs)) || st.Completed != uint64(len(jobs)) || st.Pending+st.InProgress != 0 {
		t.Errorf("stats %+v", st)
	}
}
