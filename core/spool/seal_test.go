package spool

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
)

// upperSeal stands in for encryption: it rewrites each file in place and
// adds a manifest file, and fails while fail is set.
type upperSeal struct {
	fail  atomic.Bool
	calls atomic.Int32
}

var errNoCert = errors.New("no valid certificate")

func (u *upperSeal) seal(_ context.Context, j *SealJob) error {
	u.calls.Add(1)
	if u.fail.Load() {
		return errNoCert
	}
	for _, f := range j.Files {
		if err := os.WriteFile(f.Path, []byte("sealed "+f.Name), 0o640); err != nil {
			return err
		}
	}
	if err := os.WriteFile(filepath.Join(j.Dir, j.ID+".manifest.json"), []byte("{}"), 0o640); err != nil {
		return err
	}
	j.Files = append(j.Files, FileRef{Name: j.ID + ".manifest.json", ContentType: "application/json"})
	j.Document = []byte(`{"id":"sealed-doc","mediaFiles":[]}`)
	return nil
}

func TestSealRunsBeforeAnyDeliveryAndWaitsWhileItFails(t *testing.T) {
	store := &dirStore{name: "storage/dir", root: t.TempDir()}
	meta := newFake("metadata/rps", Metadata, nil)
	analytics := newFake("analytics/sm", Analytics, nil)
	analytics.wants = func(f FileRef) bool { return f.ContentType == "audio/wav" }
	sealer := &upperSeal{}
	sealer.fail.Store(true)
	opts := fastOptions()
	opts.Seal = sealer.seal
	h := openHarness(t, t.TempDir(), []Destination{store, meta, analytics}, opts)
	if err := h.s.Submit(context.Background(), newJob(t, "rec-seal", "a.wav")); err != nil {
		t.Fatal(err)
	}
	h.start()
	h.events.waitFor(t, Retrying, 3)
	if got := readLines(t, filepath.Join(store.root, "puts.log")); len(got) > 0 || meta.callCount() > 0 {
		t.Fatalf("delivered before sealing: %v", got)
	}
	list, _ := h.s.List(Filter{})
	if len(list) != 1 || list[0].State != Pending || list[0].LastError != "seal: "+errNoCert.Error() {
		t.Fatalf("waiting job listed as %+v", list)
	}
	sealer.fail.Store(false)
	h.events.waitFor(t, Completed, 1)
	for _, name := range []string{"a.wav", "rec-seal.manifest.json"} {
		b, err := os.ReadFile(filepath.Join(store.root, "rec-seal", name))
		if err != nil {
			t.Fatalf("%s not stored: %v", name, err)
		}
		if name == "a.wav" && string(b) != "sealed a.wav" {
			t.Fatalf("stored %q, not the sealed content", b)
		}
	}
	if analytics.delivered("rec-seal/a.wav") != 1 || analytics.delivered("rec-seal/rec-seal.manifest.json") != 0 {
		t.Fatal("analytics did not get exactly the file it wants")
	}
	if len(meta.docs) != 1 || !strings.Contains(string(meta.docs[0]), `"id":"sealed-doc"`) {
		t.Fatalf("metadata got %s, not the sealed document", meta.docs)
	}
}

// plainSeal rewrites each file like upperSeal but keeps its plaintext for
// analytics, as an encrypting Seal with analytics_plaintext does.
func plainSeal(_ context.Context, j *SealJob) error {
	for i := range j.Files {
		f := &j.Files[i]
		if err := os.Link(f.Path, filepath.Join(j.Dir, PlainName(f.Name))); err != nil && !os.IsExist(err) {
			return err
		}
		if err := os.Remove(f.Path); err != nil {
			return err
		}
		if err := os.WriteFile(f.Path, []byte("sealed "+f.Name), 0o640); err != nil {
			return err
		}
		f.Plain = &PlainCopy{}
	}
	return nil
}

// analyticsStore is a dirStore at the Analytics step.
type analyticsStore struct{ dirStore }

func (analyticsStore) Step() Step { return Analytics }

func TestAnalyticsGetsThePlainCopyAndStorageTheSealedFile(t *testing.T) {
	store := &dirStore{name: "storage/dir", root: t.TempDir()}
	analytics := &analyticsStore{dirStore{name: "analytics/sm", root: t.TempDir()}}
	opts := fastOptions()
	opts.Seal, opts.KeepLocal = plainSeal, true
	h := openHarness(t, t.TempDir(), []Destination{store, analytics}, opts)
	job := newJob(t, "rec-plain", "a.wav")
	plain, _ := os.ReadFile(job.Files[0].Path)
	if err := h.s.Submit(context.Background(), job); err != nil {
		t.Fatal(err)
	}
	h.start()
	h.events.waitFor(t, Completed, 1)
	stored, _ := os.ReadFile(filepath.Join(store.root, "rec-plain", "a.wav"))
	got, _ := os.ReadFile(filepath.Join(analytics.root, "rec-plain", "a.wav"))
	if string(stored) != "sealed a.wav" || string(got) != string(plain) {
		t.Fatalf("storage got %q, analytics %d bytes (want the %d plaintext bytes)", stored, len(got), len(plain))
	}
	kept := filepath.Join(h.s.Dir(), "files", "rec-plain")
	if _, err := os.Stat(filepath.Join(kept, "a.wav")); err != nil {
		t.Fatalf("keep_local did not keep the sealed file: %v", err)
	}
	if left, _ := filepath.Glob(filepath.Join(kept, ".*.plain")); len(left) > 0 {
		t.Fatalf("plaintext copies kept after completion: %v", left)
	}
}
