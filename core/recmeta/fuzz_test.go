package recmeta

import (
	"os"
	"reflect"
	"testing"
)

// FuzzParse: documents come back from disk (sidecars, job records) and
// from other versions. Parse must never panic, and whatever it accepts
// must encode and parse back to the same document.
func FuzzParse(f *testing.F) {
	if b, err := os.ReadFile("testdata/document.golden.json"); err == nil {
		f.Add(b)
	}
	f.Add([]byte(`{"id":"r","mediaFiles":[{"mediaId":"x","mediaDescriptor":{"encryption":{"format":"pkcs7"}}}]}`))
	f.Add([]byte(`[1,2]`))
	f.Fuzz(func(t *testing.T, b []byte) {
		d, err := Parse(b)
		if err != nil {
			return
		}
		back, err := Parse(d.JSON())
		if err != nil {
			t.Fatalf("re-parse of %s: %v", d.JSON(), err)
		}
		if !reflect.DeepEqual(normal(back), normal(d)) {
			t.Fatalf("round trip changed the document:\n%+v\n%+v", d, back)
		}
		d.AddStorage(map[string][]string{"x": {"s3://b/x"}})
		_ = d.Labels("x")
	})
}

// normal makes empty and nil lists and maps equal, as JSON does not keep
// the difference for maps inside lists it re-encodes.
func normal(d Document) Document {
	if len(d.MediaFiles) == 0 {
		d.MediaFiles = nil
	}
	if len(d.EventHistory) == 0 {
		d.EventHistory = nil
	}
	for i := range d.MediaFiles {
		mf := &d.MediaFiles[i]
		if len(mf.Parameters) == 0 {
			mf.Parameters = nil
		}
		if len(mf.MediaDescriptor.Storage) == 0 {
			mf.MediaDescriptor.Storage = nil
		}
	}
	return d
}
