package manifest

import (
	"errors"
	"testing"
)

// FuzzParse feeds arbitrary bytes to the manifest parser (manifests are
// fetched from storage servers by `reelctl verify`). Seeds: testdata/fuzz/FuzzParse.
func FuzzParse(f *testing.F) {
	f.Fuzz(func(t *testing.T, data []byte) {
		m, err := Parse(data)
		if err != nil {
			if !errors.Is(err, ErrMalformed) {
				t.Fatalf("unexpected error %v", err)
			}
			return
		}
		if m.Sequence == 0 || m.Node == "" {
			t.Fatalf("accepted %+v", m)
		}
	})
}
