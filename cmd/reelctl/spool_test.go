package main

import (
	"archive/tar"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/reel-project/reel/core/spool"
)

// refusing is a destination that refuses everything permanently.
type refusing struct{}

func (refusing) Name() string     { return "storage/refusing" }
func (refusing) Step() spool.Step { return spool.Store }
func (refusing) Deliver(context.Context, spool.JobView, *spool.FileRef) (string, error) {
	return "", spool.Permanent(errors.New("403 forbidden"))
}

// deadLetter makes a spool holding one dead-lettered job and returns its dir.
func deadLetter(t *testing.T) string {
	return spoolOne(t, refusing{}, "rec-1", "a.wav", bytes.Repeat([]byte{1}, 3<<20),
		func(st spool.Stats) bool { return st.Dead > 0 })
}

// spoolOne submits one job of one file to a spool with dest, runs the
// spool until done says so, and returns its dir.
func spoolOne(t *testing.T, dest spool.Destination, id, name string, content []byte, done func(spool.Stats) bool) string {
	t.Helper()
	dir := t.TempDir()
	sp, err := spool.Open(dir, []spool.Destination{dest}, spool.Options{})
	if err != nil {
		t.Fatal(err)
	}
	src := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(src, content, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := sp.Submit(context.Background(), spool.Job{ID: id, Files: []spool.FileRef{{Name: name, Path: src}}}); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	stopped := make(chan struct{})
	go func() { _ = sp.Run(ctx); close(stopped) }()
	for deadline := time.Now().Add(10 * time.Second); !done(sp.Stats()); time.Sleep(10 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("job %s: spool stats %+v", id, sp.Stats())
		}
	}
	cancel()
	<-stopped
	_ = sp.Close()
	return dir
}

func TestSpoolListShowsADeadLetterWithItsReason(t *testing.T) {
	dir := deadLetter(t)
	var out bytes.Buffer
	if err := dispatch([]string{"spool", "list", "--spool-dir", dir, "--state", "dead"}, &out); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "rec-1") || !strings.Contains(out.String(), "dead") || !strings.Contains(out.String(), "403 forbidden") {
		t.Errorf("spool list:\n%s", out.String())
	}
	t.Run("the attempt that was refused counts", func(t *testing.T) {
		lines := strings.Split(strings.TrimSpace(out.String()), "\n")
		if f := strings.Fields(lines[len(lines)-1]); len(lines) != 2 || len(f) < 5 || f[4] != "1" {
			t.Errorf("want one row with ATTEMPTS 1:\n%s", out.String())
		}
	})
}

func TestSpoolShowPrintsTheRecord(t *testing.T) {
	dir := deadLetter(t)
	var out bytes.Buffer
	if err := dispatch([]string{"spool", "show", "--json", "--spool-dir", dir, "rec-1"}, &out); err != nil {
		t.Fatal(err)
	}
	var j spool.Job
	if err := json.Unmarshal(out.Bytes(), &j); err != nil || j.State != spool.Dead || j.Attempts != 1 {
		t.Errorf("spool show (%v), want a dead job after 1 attempt:\n%s", err, out.String())
	}
}

func TestSpoolExportWritesATarOfRecordAndFiles(t *testing.T) {
	dir := deadLetter(t)
	archive := filepath.Join(t.TempDir(), "rec-1.tar")
	if err := dispatch([]string{"spool", "export", "--spool-dir", dir, "-q", "-o", archive, "rec-1"}, io.Discard); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(archive)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var names []string
	tr := tar.NewReader(f)
	for {
		h, err := tr.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		names = append(names, h.Name)
	}
	if got := strings.Join(names, " "); !strings.Contains(got, "rec-1/job.json") || !strings.Contains(got, "a.wav") {
		t.Errorf("archive holds %v", names)
	}
}

func TestProgressBarDrawsPercent(t *testing.T) {
	var b bytes.Buffer
	bar := newProgressBar(&b)
	bar.update(spool.Progress{Op: "export", Done: 1 << 20, Total: 2 << 20})
	bar.finish()
	if !strings.Contains(b.String(), " 50% 1.0/2.0 MiB") {
		t.Errorf("bar = %q", b.String())
	}
}

func TestSpoolRetryReportsTheMCPsRefusal(t *testing.T) {
	err := dispatch([]string{"spool", "retry", "--url", "http://127.0.0.1:1", "rec-1"}, io.Discard)
	if err == nil {
		t.Fatal("retry against no MCP succeeded")
	}
}

func TestSpoolRetryPostsToTheMCPsAdminAPI(t *testing.T) {
	var got string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got = r.Method + " " + r.URL.Path
		w.WriteHeader(http.StatusNoContent)
	}))
	defer srv.Close()
	var out bytes.Buffer
	if err := dispatch([]string{"spool", "retry", "--url", srv.URL, "rec-1"}, &out); err != nil {
		t.Fatal(err)
	}
	if got != "POST /spool/retry/rec-1" || !strings.Contains(out.String(), "rec-1") {
		t.Errorf("request %q, output %q", got, out.String())
	}
}

// accepting is a store that takes everything and says where it put it.
type accepting struct{}

func (accepting) Name() string     { return "storage/localdir" }
func (accepting) Step() spool.Step { return spool.Store }
func (accepting) Deliver(_ context.Context, _ spool.JobView, f *spool.FileRef) (string, error) {
	return "file:///srv/recordings/" + f.Name, nil
}

func TestSpoolShowOfADeliveredRecordingSaysWhereAndWhen(t *testing.T) {
	dir := spoolOne(t, accepting{}, "rec-2", "a.mp3", []byte("ID3"), func(st spool.Stats) bool { return st.Completed > 0 })
	var out bytes.Buffer
	if err := dispatch([]string{"spool", "show", "--spool-dir", dir, "rec-2"}, &out); err != nil {
		t.Fatal(err)
	}
	today := time.Now().UTC().Format(time.DateOnly)
	for _, want := range []string{"rec-2: delivered " + today, "storage/localdir", "a.mp3", "file:///srv/recordings/a.mp3"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("spool show lacks %q:\n%s", want, out.String())
		}
	}
}

// An export refused because the job's files are still plaintext leaves no
// archive behind.
func TestSpoolExportRefusedLeavesNoArchive(t *testing.T) {
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "jobs"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(dir, "files", "rec-2"), 0o755); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "jobs", "rec-2.json"), []byte(`{"version":1,"id":"rec-2","encrypt":true,"files":[{"name":"a.mp3"}]}`), 0o600)
	os.WriteFile(filepath.Join(dir, "files", "rec-2", "a.mp3"), []byte("ID3 plaintext"), 0o600)
	archive := filepath.Join(t.TempDir(), "out.tar")
	err := dispatch([]string{"spool", "export", "--spool-dir", dir, "-q", "-o", archive, "rec-2"}, io.Discard)
	if !errors.Is(err, spool.ErrPlaintext) {
		t.Fatalf("export: %v, want ErrPlaintext", err)
	}
	if _, err := os.Stat(archive); !os.IsNotExist(err) {
		t.Errorf("the refused export left %s", archive)
	}
	if err := dispatch([]string{"spool", "export", "--spool-dir", dir, "-q", "--plaintext", "-o", archive, "rec-2"}, io.Discard); err != nil {
		t.Fatalf("export --plaintext: %v", err)
	}
}
