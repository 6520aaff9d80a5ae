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
	j.Document = []byte(`{"sealed":true}`)
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
	if len(meta.docs) != 1 || !strings.Contains(string(meta.docs[0]), `"sealed":true`) {
		t.Fatalf("metadata got %s, not the sealed document", meta.docs)
	}
}
