package pluginhost

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/reel-project/reel/core/spool"
	"github.com/reel-project/reel/plugins/sdk"
	"github.com/reel-project/reel/plugins/storage/localdir"
)

func builtin(t *testing.T, dir string) *Host {
	t.Helper()
	raw, _ := json.Marshal(map[string]any{"dir": dir})
	h, err := Start(context.Background(), []Spec{{Name: "local", Kinds: []sdk.Kind{sdk.KindStorage, sdk.KindMetadata}, Builtin: localdir.New(), Config: raw}}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = h.Close() })
	return h
}

func TestDestinationsAreNamedByKindAndPlugin(t *testing.T) {
	ds := builtin(t, t.TempDir()).Destinations()
	if len(ds) != 2 || ds[0].Name() != "storage/local" || ds[0].Step() != spool.Store || ds[1].Name() != "metadata/local" || ds[1].Step() != spool.Metadata {
		t.Fatalf("destinations = %v", ds)
	}
}

func TestAnalyticsWantsOnlyWAV(t *testing.T) {
	d := destination{kind: sdk.KindAnalytics}
	if d.Wants(spool.FileRef{ContentType: "audio/mp3"}) || !d.Wants(spool.FileRef{ContentType: "audio/wav"}) {
		t.Error("analytics must take the WAV only")
	}
	if !(destination{kind: sdk.KindStorage}).Wants(spool.FileRef{ContentType: "audio/mp3"}) {
		t.Error("storage takes every file")
	}
}

func TestStatFindsAStoredFileAndAConflictIsPermanent(t *testing.T) {
	dir := t.TempDir()
	store := builtin(t, dir).Destinations()[0]
	src := filepath.Join(t.TempDir(), "a.wav")
	_ = os.WriteFile(src, []byte("abc"), 0o600)
	f := &spool.FileRef{Name: "a.wav", Path: src, Size: 3, SHA256: "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"}
	job := spool.JobView{RecordingID: "r1"}
	if _, found, err := store.(spool.Stater).Stat(context.Background(), job, f); found || err != nil {
		t.Fatalf("Stat before Put = %v, %v", found, err)
	}
	if _, err := store.Deliver(context.Background(), job, f); err != nil {
		t.Fatal(err)
	}
	if _, found, err := store.(spool.Stater).Stat(context.Background(), job, f); !found || err != nil {
		t.Fatalf("Stat after Put = %v, %v", found, err)
	}
	_ = os.WriteFile(filepath.Join(dir, "b.wav"), []byte("xyz"), 0o600)
	f.Name = "b.wav"
	if _, err := store.Deliver(context.Background(), job, f); !spool.IsPermanent(err) || !errors.Is(err, sdk.ErrExists) {
		t.Errorf("Deliver over a different file = %v, want permanent ErrExists", err)
	}
}

func TestASpooledFileIsOpenedByItsAbsolutePathForTheLocalFileFastPath(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir) // a spool under a relative directory
	if err := os.WriteFile("a.wav", []byte("abc"), 0o600); err != nil {
		t.Fatal(err)
	}
	file := &spool.FileRef{Name: "a.wav", Path: "a.wav", Size: 3, SHA256: "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"}
	f, err := open(file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if want := filepath.Join(dir, "a.wav"); f.Name() != want {
		t.Errorf("opened %q, want %q", f.Name(), want)
	}
	h := builtin(t, t.TempDir())
	if c, err := h.order[0].Client(context.Background()); err != nil || !c.LocalFiles() {
		t.Fatalf("a builtin's client takes no local files (err %v)", err)
	}
	if _, err := h.Destinations()[0].Deliver(context.Background(), spool.JobView{RecordingID: "r1"}, file); err != nil {
		t.Errorf("Deliver of a file under a relative spool path: %v", err)
	}
}

func TestStreamFilesTurnsTheLocalFileFastPathOff(t *testing.T) {
	dir := t.TempDir()
	raw, _ := json.Marshal(map[string]any{"dir": dir})
	h, err := Start(context.Background(), []Spec{{Name: "local", Kinds: []sdk.Kind{sdk.KindStorage}, Builtin: localdir.New(),
		Config: raw, StreamFiles: true}}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = h.Close() })
	if c, err := h.order[0].Client(context.Background()); err != nil || c.LocalFiles() {
		t.Fatalf("LocalFiles() with StreamFiles = %v (err %v), want false", c.LocalFiles(), err)
	}
	src := filepath.Join(t.TempDir(), "a.wav")
	if err := os.WriteFile(src, []byte("abc"), 0o600); err != nil {
		t.Fatal(err)
	}
	file := &spool.FileRef{Name: "a.wav", Path: src, Size: 3, SHA256: "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"}
	if _, err := h.Destinations()[0].Deliver(context.Background(), spool.JobView{RecordingID: "r1"}, file); err != nil {
		t.Fatalf("streamed Deliver: %v", err)
	}
}
