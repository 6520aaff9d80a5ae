package recmeta

import (
	"bytes"
	"encoding/json"
	"os"
	"reflect"
	"testing"
)

// The golden files were written by the code this package replaced
// (core/recording's Document, core/spool's raw-JSON withStorage) before the
// move: the wire format of wire.md §5 must not change.

func readGolden(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestDocumentEncodesByteForByteAsBefore(t *testing.T) {
	want := readGolden(t, "document.golden.json")
	d, err := Parse(want)
	if err != nil {
		t.Fatal(err)
	}
	got, err := json.MarshalIndent(d, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	if got = append(got, '\n'); !bytes.Equal(got, want) {
		t.Errorf("the document encodes differently:\n got %s\nwant %s", got, want)
	}
	if compact := new(bytes.Buffer); json.Compact(compact, want) != nil || !bytes.Equal(d.JSON(), compact.Bytes()) {
		t.Errorf("JSON() = %s, want the golden document compacted", d.JSON())
	}
}

// AddStorage replaces a raw-JSON patch that re-encoded the top two levels
// with sorted keys; the typed document keeps the sidecar's key order, so
// the result is compared as JSON values.
func TestAddStorageGivesTheDocumentTheRawPatchGave(t *testing.T) {
	d, err := Parse(readGolden(t, "document.golden.json"))
	if err != nil {
		t.Fatal(err)
	}
	d.AddStorage(map[string][]string{
		d.MediaFiles[0].MediaID: {"s3://b/a.mp3", "dav://h/a.mp3"},
		d.MediaFiles[1].MediaID: {"s3://b/a.wav"},
		"not-in-the-document":   {"x://y"},
	})
	var got, want any
	if err := json.Unmarshal(d.JSON(), &got); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(readGolden(t, "with-storage.golden.json"), &want); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("AddStorage gave\n %s\nwant\n %s", d.JSON(), readGolden(t, "with-storage.golden.json"))
	}
}

func TestParseRefusesWhatIsNotADocument(t *testing.T) {
	for _, b := range []string{`[1,2]`, `{"mediaFiles":{}}`, `{"id":7}`, ``, `{`} {
		if _, err := Parse([]byte(b)); err == nil {
			t.Errorf("Parse(%q) accepted it", b)
		}
	}
}

func TestMergeKeepsTheFirstDocumentsFieldsAndEveryFile(t *testing.T) {
	a := Document{ID: "r1", StartTime: "s", MediaFiles: []MediaFile{{MediaID: "a.mp3"}}, EventHistory: []Event{{Event: "start"}}}
	b := Document{ID: "other", MediaFiles: []MediaFile{{MediaID: "a.wav"}}}
	m := Merge(a, b)
	if m.ID != "r1" || m.StartTime != "s" || len(m.EventHistory) != 1 || len(m.MediaFiles) != 2 || m.MediaFiles[1].MediaID != "a.wav" {
		t.Errorf("Merge = %+v", m)
	}
	if len(a.MediaFiles) != 1 {
		t.Errorf("Merge changed its first argument: %+v", a)
	}
	if !reflect.DeepEqual(Merge(), Document{}) {
		t.Errorf("Merge() = %+v, want the zero document", Merge())
	}
}

func TestAddStorageKeepsTheEncryption(t *testing.T) {
	d, err := Parse([]byte(`{"id":"r","mediaFiles":[{"mediaId":"x.mp3","mediaDescriptor":{"storage":[{"uri":"file:///old"}],"encryption":{"format":"pkcs7","certificate":"ab12"}}}]}`))
	if err != nil {
		t.Fatal(err)
	}
	d.AddStorage(map[string][]string{"x.mp3": {"s3://b/x.mp3"}})
	if !bytes.Contains(d.JSON(), []byte(`"mediaDescriptor":{"storage":[{"uri":"s3://b/x.mp3"}],"encryption":{"format":"pkcs7","certificate":"ab12"}}`)) {
		t.Errorf("document %s", d.JSON())
	}
}
