package spool

import (
	"context"
	"os"
	"testing"
	"time"
)

func TestADeliveredJobIsShownDeliveredWithoutItsFilesThenForgottenAfterTheHorizon(t *testing.T) {
	dir := t.TempDir()
	store := newFake("storage/s", Store, nil)
	h := openHarness(t, dir, []Destination{store}, fastOptions())
	if err := h.s.Submit(context.Background(), newJob(t, "rec-done", "d.mp3")); err != nil {
		t.Fatal(err)
	}
	h.start()
	h.events.waitFor(t, Completed, 1)
	j, err := h.s.Show("rec-done")
	if err != nil {
		t.Fatal(err)
	}
	it := j.Dests[0].Items[0]
	if j.State != Done || it.Location == "" || it.At.IsZero() || exists(h.s.l.filesOf("rec-done")) {
		t.Errorf("job %s, item %+v, files kept %v: want done, located and stamped, files gone",
			j.State, it, exists(h.s.l.filesOf("rec-done")))
	}
	h.stop()

	opts := fastOptions()
	opts.Horizon = time.Hour
	opts.Now = func() time.Time { return time.Now().Add(2 * time.Hour) }
	h = openHarness(t, dir, []Destination{store}, opts)
	if _, err := h.s.Show("rec-done"); err == nil {
		t.Error("the done record outlived the horizon")
	}
}

func TestOpenDeletesTheFilesACrashLeftBesideADoneRecord(t *testing.T) {
	dir := t.TempDir()
	store := newFake("storage/s", Store, nil)
	opts := fastOptions()
	opts.KeepLocal = true
	h := openHarness(t, dir, []Destination{store}, opts)
	if err := h.s.Submit(context.Background(), newJob(t, "rec-crash", "c.mp3")); err != nil {
		t.Fatal(err)
	}
	h.start()
	h.events.waitFor(t, Completed, 1)
	h.stop()
	h = openHarness(t, dir, []Destination{store}, fastOptions())
	if _, err := os.Stat(h.s.l.filesOf("rec-crash")); !os.IsNotExist(err) {
		t.Errorf("files of a delivered job left after Open: %v", err)
	}
	if j, err := h.s.Show("rec-crash"); err != nil || j.State != Done {
		t.Errorf("Show after Open: %s, %v", j.State, err)
	}
}
