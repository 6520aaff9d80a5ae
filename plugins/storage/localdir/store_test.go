package localdir

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/reel-project/reel/plugins/sdk"
	"github.com/reel-project/reel/plugins/sdk/sdktest"
)

func configFor(dir string) json.RawMessage {
	raw, _ := json.Marshal(Config{Dir: dir, Path: "{recording_id}/{name}", Fsync: true})
	return raw
}

func TestConformance(t *testing.T) {
	factory := func(t *testing.T) (sdk.Plugin, json.RawMessage) { return New(), configFor(t.TempDir()) }
	t.Run("storage", func(t *testing.T) { sdktest.Storage(t, factory) })
	t.Run("metadata", func(t *testing.T) { sdktest.Metadata(t, factory) })
}

func configured(t *testing.T, raw string) (*LocalDir, string) {
	t.Helper()
	dir := t.TempDir()
	l := New()
	if err := l.Configure(json.RawMessage(`{"dir":"` + dir + `"` + raw + `}`)); err != nil {
		t.Fatal(err)
	}
	return l, dir
}

func TestPutStoresFlatByDefault(t *testing.T) {
	l, dir := configured(t, "")
	obj, data := sdktest.NewObject("rec-1", "a.wav", 1000)
	if _, err := l.Put(context.Background(), obj, bytes.NewReader(data)); err != nil {
		t.Fatal(err)
	}
	got, _ := os.ReadFile(filepath.Join(dir, "a.wav"))
	if !bytes.Equal(got, data) {
		t.Fatal("a.wav differs from what was put")
	}
	if left, _ := filepath.Glob(filepath.Join(dir, ".*")); len(left) != 0 {
		t.Errorf("temp files left: %v", left)
	}
}

func TestPublishWritesOneSidecarPerMediaFile(t *testing.T) {
	l, dir := configured(t, `, "fsync": false`)
	doc := `{"id":"rec-1","startTime":"x","mediaFiles":[{"mediaId":"a.mp3","type":"audio/mpeg"},{"mediaId":"a.wav","type":"audio/wav"}]}`
	err := l.Publish(context.Background(), sdk.Document{RecordingID: "rec-1", JSON: json.RawMessage(doc), IdempotencyKey: "k"})
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"a.mp3", "a.wav"} {
		b, err := os.ReadFile(filepath.Join(dir, name+".json"))
		if err != nil {
			t.Fatal(err)
		}
		var got struct {
			ID         string `json:"id"`
			MediaFiles []struct {
				MediaID string `json:"mediaId"`
			} `json:"mediaFiles"`
		}
		if err := json.Unmarshal(b, &got); err != nil || got.ID != "rec-1" || len(got.MediaFiles) != 1 || got.MediaFiles[0].MediaID != name {
			t.Errorf("%s.json = %s (%v)", name, b, err)
		}
	}
}

func TestAnUnwritableDirIsPermanent(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root writes anywhere")
	}
	l, dir := configured(t, "")
	if err := os.Chmod(dir, 0o500); err != nil {
		t.Fatal(err)
	}
	defer os.Chmod(dir, 0o750)
	obj, data := sdktest.NewObject("rec-1", "a.wav", 10)
	_, err := l.Put(context.Background(), obj, bytes.NewReader(data))
	if !sdk.IsPermanent(err) {
		t.Errorf("Put into a read-only dir = %v, want a permanent error", err)
	}
}
