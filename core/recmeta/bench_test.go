package recmeta

import (
	"os"
	"testing"
)

func BenchmarkSafeName(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		SafeName("00F8A2B4C7E1-conf/../x")
	}
}

// BenchmarkAddStorage is the spool's step before each metadata delivery:
// parse the job's document, set the storage of its files, encode it.
func BenchmarkAddStorage(b *testing.B) {
	raw, err := os.ReadFile("testdata/document.golden.json")
	if err != nil {
		b.Fatal(err)
	}
	locs := map[string][]string{
		"0c2f1e9a-uuid_2026-12-07_10-00-00-0a0b0c0d-00000001-00000001.mp3": {"s3://b/a.mp3"},
		"0c2f1e9a-uuid_2026-12-07_10-00-00-0a0b0c0d-00000001-00000002.wav": {"s3://b/a.wav"},
	}
	b.ReportAllocs()
	for b.Loop() {
		d, err := Parse(raw)
		if err != nil {
			b.Fatal(err)
		}
		d.AddStorage(locs)
		_ = d.JSON()
	}
}
