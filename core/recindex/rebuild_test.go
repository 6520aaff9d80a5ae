package recindex

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/reel-project/reel/core/recmeta"
	"github.com/reel-project/reel/core/spool"
)

// writeJob writes a job record the way the spool lays it out.
func writeJob(t *testing.T, spoolDir, dir string, j spool.Job) {
	t.Helper()
	b, err := json.Marshal(j)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(spoolDir, dir, j.ID+".json"), b, 0o600); err != nil {
		t.Fatal(err)
	}
}

// writeSidecar writes doc beside its (absent) media file, as the recorder does.
func writeSidecar(t *testing.T, dir string, doc recmeta.Document) {
	t.Helper()
	if err := os.WriteFile(filepath.Join(dir, doc.MediaFiles[0].MediaID+".json"), doc.JSON(), 0o600); err != nil {
		t.Fatal(err)
	}
}

// spoolTree makes an empty spool layout and recordings folder under t.TempDir.
func spoolTree(t *testing.T) (spoolDir, recDir string) {
	t.Helper()
	root := t.TempDir()
	spoolDir, recDir = filepath.Join(root, "spool"), filepath.Join(root, "recordings")
	for _, d := range []string{"jobs", "dead", "done", "corrupt", "files", "active"} {
		if err := os.MkdirAll(filepath.Join(spoolDir, d), 0o700); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.MkdirAll(recDir, 0o700); err != nil {
		t.Fatal(err)
	}
	return spoolDir, recDir
}

func TestOpenOrRebuildIndexesJobsAndSidecarsOnlyWhenTheFileIsMissing(t *testing.T) {
	spoolDir, recDir := spoolTree(t)
	deadDoc := rec("5551", "7001", "DEADUUID", "acme", day0)
	writeJob(t, spoolDir, "dead", spool.Job{Version: 1, ID: "deadjob", State: spool.Dead, Document: deadDoc.JSON(),
		Attempts: 7, Reason: "storage refused", Dests: []spool.DestState{{Name: "s3", Step: spool.Store, State: spool.Dead}}})
	doneDoc := rec("5552", "7002", "DONEUUID", "acme", day0.Add(time.Minute))
	writeJob(t, spoolDir, "done", spool.Job{Version: 1, ID: "donejob", State: spool.Done, Document: doneDoc.JSON()})
	writeSidecar(t, recDir, doneDoc) // the same recording: indexed once, as the job
	oldDoc := rec("5553", "7003", "OLDUUID", "", day0.Add(2*time.Minute))
	writeSidecar(t, recDir, oldDoc)

	path := filepath.Join(t.TempDir(), "index.db")
	x, n, err := OpenOrRebuild(path, spoolDir, recDir)
	if err != nil {
		t.Fatal(err)
	}
	p, _ := x.Search(Query{})
	oldID := oldDoc.MediaFiles[0].MediaID[:len(oldDoc.MediaFiles[0].MediaID)-len(".mp3")]
	if want := []string{oldID, "donejob", "deadjob"}; n != 3 || !slices.Equal(ids(p), want) {
		t.Fatalf("rebuilt %d: %v, want %v", n, ids(p), want)
	}
	dead, err := x.Get("deadjob")
	if err != nil || dead.State != StateDead || dead.Attempts != 7 || dead.Reason != "storage refused" ||
		len(dead.Delivery) != 1 || dead.Delivery[0].Step != "store" {
		t.Errorf("dead job detail = %+v, %v", dead, err)
	}
	if err := x.Close(); err != nil {
		t.Fatal(err)
	}
	x, n, err = OpenOrRebuild(path, spoolDir, recDir)
	if err != nil || n != 0 || x.Len() != 3 {
		t.Errorf("reopen: rebuilt %d, len %d, %v; want the file as it was", n, x.Len(), err)
	}
	_ = x.Close()
}
