package spool

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"testing"
	"time"
)

// crashEnv names the folder a child test process runs the crashing spool
// in (see TestMain).
const crashEnv = "REEL_SPOOL_CRASH_CHILD"

func TestMain(m *testing.M) {
	if dir := os.Getenv(crashEnv); dir != "" {
		os.Exit(crashChild(dir))
	}
	os.Exit(m.Run())
}

// crashChild submits the job whose files are in <dir>/in and delivers it
// to a store that, after storing the first file, never answers: the parent
// kills the process there with SIGKILL.
func crashChild(dir string) int {
	store := &dirStore{name: "storage/remote", root: filepath.Join(dir, "remote"), hang: true}
	s, err := Open(filepath.Join(dir, "spool"), []Destination{store, newFake("metadata/rps", Metadata, nil)}, fastOptions())
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 2
	}
	job := Job{ID: "rec-crash", Document: []byte(`{"id":"rec-crash","mediaFiles":[{"mediaId":"a.mp3"},{"mediaId":"a.wav"}]}`), Files: []FileRef{
		{Name: "a.mp3", Path: filepath.Join(dir, "in", "a.mp3")}, {Name: "a.wav", Path: filepath.Join(dir, "in", "a.wav")}}}
	if err := s.Submit(context.Background(), job); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 2
	}
	s.Run(context.Background())
	return 0
}

func TestKillDuringDeliveryThenRestart(t *testing.T) {
	dir := t.TempDir()
	remote := filepath.Join(dir, "remote")
	for _, d := range []string{"in", "remote"} {
		if err := os.Mkdir(filepath.Join(dir, d), 0o750); err != nil {
			t.Fatal(err)
		}
	}
	makeFile(t, filepath.Join(dir, "in"), "a.mp3", 50_000)
	makeFile(t, filepath.Join(dir, "in"), "a.wav", 80_000)
	killChildAfterUpload(t, dir)

	t.Run("the record says the first upload was started", func(t *testing.T) {
		j, err := readRecord(filepath.Join(dir, "spool", dirJobs, "rec-crash.json"))
		if err != nil || j.State != InProgress || j.Dests[0].Items[0].State != InProgress || j.Dests[0].Items[0].Tries != 1 {
			t.Fatalf("record %+v, %v", j, err)
		}
	})

	store, meta := &dirStore{name: "storage/remote", root: remote}, newFake("metadata/rps", Metadata, nil)
	h := openHarness(t, filepath.Join(dir, "spool"), []Destination{store, meta}, fastOptions())
	if st := h.s.Stats(); st.Resumed != 1 {
		t.Errorf("stats after restart %+v", st)
	}
	h.start()
	h.events.waitFor(t, Completed, 1)
	t.Run("each file was uploaded once: Stat found the one stored before the kill", func(t *testing.T) {
		puts := readLines(t, filepath.Join(remote, "puts.log"))
		slices.Sort(puts)
		if !slices.Equal(puts, []string{"rec-crash/a.mp3", "rec-crash/a.wav"}) {
			t.Errorf("uploads %v", puts)
		}
	})
	t.Run("the metadata was posted once, naming both stored files", func(t *testing.T) {
		if meta.delivered("rec-crash") != 1 {
			t.Fatalf("metadata %v", meta.ok)
		}
		checkStorageURIs(t, meta.docs[0], "a.mp3", "file://"+filepath.Join(remote, "rec-crash", "a.mp3"))
	})
	t.Run("nothing is left in the spool", func(t *testing.T) {
		for _, d := range []string{dirJobs, dirFiles, dirActive, dirDead} {
			if n := entries(t, h.s.l.dir(d)); len(n) != 0 {
				t.Errorf("%s: %v", d, n)
			}
		}
	})
}

// killChildAfterUpload runs crashChild in a new process and kills it with
// SIGKILL once its store has stored a file, before the spool hears back.
func killChildAfterUpload(t *testing.T, dir string) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), crashEnv+"="+dir)
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	waitForFile(t, filepath.Join(dir, "remote", "uploaded"), exited)
	if err := cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	<-exited
}

func TestStopDuringDeliveryThenRestart(t *testing.T) {
	dir, remote := t.TempDir(), t.TempDir()
	hung := &dirStore{name: "storage/remote", root: remote, hang: true}
	h := openHarness(t, dir, []Destination{hung}, fastOptions())
	if err := h.s.Submit(context.Background(), newJob(t, "rec-stop", "s.mp3")); err != nil {
		t.Fatal(err)
	}
	h.start()
	waitForFile(t, filepath.Join(remote, "uploaded"), nil)
	h.stop() // Run's context ends while Deliver waits: the attempt is interrupted, not failed

	j, err := readRecord(h.s.l.record(dirJobs, "rec-stop"))
	if err != nil || j.State != Pending || j.Attempts != 0 || j.Dests[0].Items[0].Tries != 1 {
		t.Fatalf("record after stop %+v, %v", j, err)
	}
	h2 := openHarness(t, dir, []Destination{&dirStore{name: "storage/remote", root: remote}}, fastOptions())
	h2.start()
	h2.events.waitFor(t, Completed, 1)
	if puts := readLines(t, filepath.Join(remote, "puts.log")); len(puts) != 1 {
		t.Errorf("uploads %v", puts)
	}
}

// waitForFile polls for path until it exists; a value on gone (the process
// that should create it exited) or the hang guard fails the test.
func waitForFile(t *testing.T, path string, gone <-chan error) {
	t.Helper()
	guard := time.After(hangGuard)
	for !exists(path) {
		select {
		case err := <-gone:
			t.Fatalf("exited before creating %s: %v", path, err)
		case <-guard:
			t.Fatalf("%s never appeared", path)
		case <-time.After(5 * time.Millisecond):
		}
	}
}
