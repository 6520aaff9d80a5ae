package spool

import (
	"archive/tar"
	"bytes"
	"context"
	"crypto/x509"
	"encoding/json"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/reel-project/reel/core/cms"
	"github.com/reel-project/reel/internal/testpki"
)

func TestExport(t *testing.T) {
	h := openHarness(t, t.TempDir(), []Destination{newFake("storage/s", Store, nil)}, fastOptions())
	job := newJob(t, "rec-exp", "e.mp3", "e.wav")
	want := map[string][]byte{}
	for _, f := range job.Files {
		want["rec-exp/files/"+f.Name], _ = os.ReadFile(f.Path)
	}
	if err := h.s.Submit(context.Background(), job); err != nil {
		t.Fatal(err)
	}
	var last Progress
	in := Inspector{Dir: h.s.Dir(), Progress: func(p Progress) { last = p }}
	var buf bytes.Buffer
	if err := in.Export("rec-exp", &buf); err != nil {
		t.Fatal(err)
	}
	got := untar(t, &buf)
	var rec Job
	if err := json.Unmarshal(got["rec-exp/job.json"], &rec); err != nil || rec.ID != "rec-exp" || len(rec.Files) != 2 {
		t.Errorf("job.json: %+v, %v", rec, err)
	}
	for name, b := range want {
		if !bytes.Equal(got[name], b) {
			t.Errorf("%s: %d bytes, want %d", name, len(got[name]), len(b))
		}
	}
	if last.Op != "export" || last.Done != last.Total || last.Total != int64(2000+len(got["rec-exp/job.json"])) {
		t.Errorf("last progress %+v", last)
	}
	if err := in.Export("rec-none", io.Discard); !errors.Is(err, ErrNotFound) {
		t.Errorf("unknown id: %v", err)
	}
}

func untar(t *testing.T, r io.Reader) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	tr := tar.NewReader(r)
	for {
		hdr, err := tr.Next()
		if err == io.EOF {
			return out
		}
		if err != nil {
			t.Fatal(err)
		}
		out[hdr.Name], _ = io.ReadAll(tr)
	}
}

func TestListShowsEveryKindOfJob(t *testing.T) {
	dir := t.TempDir()
	h := openHarness(t, dir, []Destination{newFake("storage/s", Store, nil)}, fastOptions())
	if err := h.s.Submit(context.Background(), newJob(t, "rec-waiting", "w.wav")); err != nil {
		t.Fatal(err)
	}
	if _, err := WriteActive(dir, ActiveRecord{RecordingID: "rec-live", Started: time.Now()}); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(h.s.l.filesOf("rec-lost"), 0o750); err != nil {
		t.Fatal(err)
	}
	list, err := Inspector{Dir: dir}.List(Filter{Prefix: "rec-"})
	if err != nil {
		t.Fatal(err)
	}
	states := map[string]State{}
	for _, s := range list {
		states[s.ID] = s.State
	}
	if len(list) != 3 || states["rec-waiting"] != Pending || states["rec-live"] != Active || states["rec-lost"] != Orphan {
		t.Errorf("list %+v", list)
	}
	t.Run("RemoveActive removes a folder that holds only its record", func(t *testing.T) {
		if err := RemoveActive(dir, "rec-live"); err != nil || exists(ActiveDir(dir, "rec-live")) {
			t.Errorf("err %v, folder still there: %v", err, exists(ActiveDir(dir, "rec-live")))
		}
	})
	t.Run("RemoveActive refuses a folder with a recording in it", func(t *testing.T) {
		a, _ := WriteActive(dir, ActiveRecord{RecordingID: "rec-live2"})
		makeFile(t, a, "x.wav", 10)
		if err := RemoveActive(dir, "rec-live2"); !errors.Is(err, ErrActiveNotEmpty) || !exists(a+"/x.wav") {
			t.Errorf("err %v", err)
		}
	})
}

func TestBackoff(t *testing.T) {
	for _, tc := range []struct {
		n        int
		min, max time.Duration
	}{
		{1, 500 * time.Millisecond, time.Second},
		{2, time.Second, 2 * time.Second},
		{4, 4 * time.Second, 8 * time.Second},
		{9, 128 * time.Second, 256 * time.Second},
		{10, 150 * time.Second, 5 * time.Minute},
		{100000, 150 * time.Second, 5 * time.Minute},
	} {
		for range 100 {
			if d := backoff(time.Second, 5*time.Minute, tc.n); d < tc.min || d > tc.max {
				t.Fatalf("attempt %d: %v, want %v..%v", tc.n, d, tc.min, tc.max)
			}
		}
	}
}

// A job whose profile encrypts leaves the spool in an export only as
// envelopes: while a file is plaintext the export is refused (unless the
// operator asks for the plaintext), once the files are envelopes it goes.
func TestExportOfAnEncryptingJobTakesOnlyEnvelopes(t *testing.T) {
	down := newFake("storage/s", Store, nil)
	down.failFirst = 1 << 30 // the job stays in the spool
	h := openHarness(t, t.TempDir(), []Destination{down}, fastOptions())
	job := newJob(t, "rec-enc", "e.mp3")
	job.Encrypt = true
	if err := h.s.Submit(context.Background(), job); err != nil {
		t.Fatal(err)
	}
	in := Inspector{Dir: h.s.Dir()}
	if err := in.Export("rec-enc", io.Discard); !errors.Is(err, ErrPlaintext) || !strings.Contains(err.Error(), "e.mp3") {
		t.Fatalf("export of a plaintext file of an encrypting job: %v, want ErrPlaintext naming e.mp3", err)
	}
	if err := (Inspector{Dir: h.s.Dir(), Plaintext: true}).Export("rec-enc", io.Discard); err != nil {
		t.Fatalf("export with Plaintext: %v", err)
	}

	key, err := testpki.Valid(t.TempDir(), "p256", 0)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(h.s.Dir(), "files", "rec-enc", "e.mp3")
	plain, _ := os.ReadFile(path)
	var env bytes.Buffer
	if err := cms.Encrypt(&env, bytes.NewReader(plain), int64(len(plain)), []*x509.Certificate{key.Cert}, cms.Options{}); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, env.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := in.Export("rec-enc", &buf); err != nil {
		t.Fatalf("export of envelopes: %v", err)
	}
	if got := untar(t, &buf)["rec-enc/files/e.mp3"]; !bytes.Equal(got, env.Bytes()) {
		t.Errorf("exported e.mp3 is %d bytes, not the %d-byte envelope", len(got), env.Len())
	}
}
