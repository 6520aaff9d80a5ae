package pluginhost

import (
	"context"
	"encoding/json"
	"io"
	"maps"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/reel-project/reel/core/recmeta"
	"github.com/reel-project/reel/core/spool"
	"github.com/reel-project/reel/plugins/sdk"
)

// recorder is a storage and analytics plugin that keeps the objects it gets.
type recorder struct {
	mu  sync.Mutex
	got []sdk.Object
}

func (r *recorder) Info() sdk.Info                        { return sdk.Info{Name: "recorder", Version: "0"} }
func (r *recorder) Configure(json.RawMessage) error       { return nil }
func (r *recorder) Delete(context.Context, sdk.Key) error { return nil }
func (r *recorder) Stat(context.Context, sdk.Key) (sdk.Stored, error) {
	return sdk.Stored{}, sdk.ErrNotFound
}
func (r *recorder) Put(_ context.Context, obj sdk.Object, body io.Reader) (sdk.Location, error) {
	if _, err := io.Copy(io.Discard, body); err != nil {
		return sdk.Location{}, err
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	r.got = append(r.got, obj)
	return sdk.Location{URI: "rec://" + obj.Name}, nil
}
func (r *recorder) Deliver(ctx context.Context, obj sdk.Object, body io.Reader) (sdk.Location, error) {
	return r.Put(ctx, obj, body)
}

func (r *recorder) objects() []sdk.Object {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]sdk.Object(nil), r.got...)
}

// labelledDoc is a two-file document: the WAV's tenant, call UUID and
// MSML dest differ from the MP3's.
func labelledDoc(t *testing.T) json.RawMessage {
	t.Helper()
	b, err := json.Marshal(recmeta.Document{ID: "uuid-1", StartTime: "2026-01-02T03:04:05.250+0100", MediaFiles: []recmeta.MediaFile{
		{MediaID: "a.mp3", Tenant: "other", CallUUID: "uuid-0"},
		{MediaID: "a.wav", Tenant: "acme", CallUUID: "uuid-1", StartTime: "2026-01-02T03:04:05.250+0100",
			Parameters: map[string]string{"record.dest": "https://sm.example.com/acme", "dnis": "7001"}},
	}})
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestStorageAndAnalyticsObjectsCarryTheRecordingsLabels(t *testing.T) {
	rec := &recorder{}
	h, err := Start(context.Background(), []Spec{{Name: "rec", Kinds: []sdk.Kind{sdk.KindStorage, sdk.KindAnalytics}, Builtin: rec, Config: json.RawMessage(`{}`)}}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = h.Close() })
	src := filepath.Join(t.TempDir(), "a.wav")
	_ = os.WriteFile(src, []byte("abc"), 0o600)
	f := &spool.FileRef{Name: "a.wav", ContentType: AnalyticsType, Path: src, Size: 3, SHA256: "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"}
	job := spool.JobView{RecordingID: "r1", Document: labelledDoc(t)}
	for _, d := range h.Destinations() {
		if _, err := d.Deliver(context.Background(), job, f); err != nil {
			t.Fatalf("%s: %v", d.Name(), err)
		}
	}
	want := map[string]string{recmeta.LabelTenant: "acme", recmeta.LabelCallUUID: "uuid-1", recmeta.LabelStartTime: "2026-01-02T02:04:05.250Z", recmeta.LabelDest: "https://sm.example.com/acme"}
	got := rec.objects()
	if len(got) != 2 {
		t.Fatalf("the plugin got %d objects, want a Put and a Deliver", len(got))
	}
	for i, obj := range got {
		if !maps.Equal(obj.Metadata, want) {
			t.Errorf("object %d metadata %v, want %v", i, obj.Metadata, want)
		}
	}
}

func TestLabelsComeFromTheFilesEntryOrTheFirstAndLeaveOutWhatIsMissing(t *testing.T) {
	doc := labelledDoc(t)
	for _, tc := range []struct {
		name string
		doc  json.RawMessage
		file string
		want map[string]string
	}{
		{"a file's own entry, start from the document when the entry has none", doc, "a.mp3",
			map[string]string{recmeta.LabelTenant: "other", recmeta.LabelCallUUID: "uuid-0", recmeta.LabelStartTime: "2026-01-02T02:04:05.250Z"}},
		{"a file the document does not list takes the first entry", doc, "b.mp3",
			map[string]string{recmeta.LabelTenant: "other", recmeta.LabelCallUUID: "uuid-0", recmeta.LabelStartTime: "2026-01-02T02:04:05.250Z"}},
		{"empty values and an unparsable start are left out", json.RawMessage(`{"startTime":"yesterday","mediaFiles":[{"mediaId":"a.wav","tenant":""}]}`), "a.wav",
			map[string]string{}},
		{"a document of another shape gives none", json.RawMessage(`[1,2]`), "a.wav", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := labels(tc.doc, tc.file); !maps.Equal(got, tc.want) {
				t.Errorf("labels = %v, want %v", got, tc.want)
			}
		})
	}
}
