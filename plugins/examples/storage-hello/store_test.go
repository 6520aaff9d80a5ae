package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
	"testing"

	"github.com/reel-project/reel/plugins/sdk"
	"github.com/reel-project/reel/plugins/sdk/sdktest"
)

func configFor(dir string) json.RawMessage {
	raw, _ := json.Marshal(Config{Dir: dir, Fsync: true})
	return raw
}

func TestConformance(t *testing.T) {
	sdktest.Storage(t, func(t *testing.T) (sdk.Plugin, json.RawMessage) {
		return New(), configFor(t.TempDir())
	})
}

func configured(t *testing.T) (*Hello, string) {
	t.Helper()
	dir := t.TempDir()
	h := New()
	if err := h.Configure(configFor(dir)); err != nil {
		t.Fatal(err)
	}
	return h, dir
}

func TestPutLaysFilesOutByRecording(t *testing.T) {
	h, dir := configured(t)
	obj, data := sdktest.NewObject("rec-7", "call.mp3", 1000)
	loc, err := h.Put(context.Background(), obj, bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "rec-7", "call.mp3")
	if got, err := os.ReadFile(path); err != nil || !bytes.Equal(got, data) {
		t.Fatalf("%s holds %d bytes, %v", path, len(got), err)
	}
	if loc.URI != "file://"+path {
		t.Errorf("location %s, want file://%s", loc.URI, path)
	}
	if left, _ := filepath.Glob(filepath.Join(dir, "rec-7", ".*")); len(left) != 0 {
		t.Errorf("temp files left behind: %v", left)
	}
}

func TestPutOfDifferentContentUnderAStoredNameIsErrExists(t *testing.T) {
	h, _ := configured(t)
	first, data := sdktest.NewObject("rec-8", "call.mp3", 1000)
	if _, err := h.Put(context.Background(), first, bytes.NewReader(data)); err != nil {
		t.Fatal(err)
	}
	other, otherData := sdktest.NewObject("rec-8", "other", 999)
	other.Key = first.Key
	_, err := h.Put(context.Background(), other, bytes.NewReader(otherData))
	if !errors.Is(err, sdk.ErrExists) || !sdk.IsPermanent(err) {
		t.Fatalf("Put = %v, want a permanent ErrExists", err)
	}
}

func TestAPermissionProblemIsPermanentAndTheRestRetried(t *testing.T) {
	denied := &fs.PathError{Op: "open", Path: "/srv/rec", Err: syscall.EACCES}
	if !sdk.IsPermanent(classify(denied)) {
		t.Errorf("EACCES must be permanent")
	}
	full := &fs.PathError{Op: "write", Path: "/srv/rec", Err: syscall.ENOSPC}
	if sdk.IsPermanent(classify(full)) {
		t.Errorf("ENOSPC must be retried")
	}
}

func TestCallsBeforeConfigureArePermanent(t *testing.T) {
	_, err := New().Stat(context.Background(), sdk.Key{RecordingID: "r", Name: "n"})
	if !sdk.IsPermanent(err) {
		t.Errorf("Stat before Configure = %v, want a permanent error", err)
	}
}

func TestConfigureNamesADirectoryItCannotCreate(t *testing.T) {
	file := filepath.Join(t.TempDir(), "a-file")
	if err := os.WriteFile(file, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	err := New().Configure(configFor(filepath.Join(file, "sub")))
	var ce *sdk.ConfigError
	if !errors.As(err, &ce) || ce.Key != "dir" {
		t.Errorf("Configure = %v, want a ConfigError for dir", err)
	}
}
