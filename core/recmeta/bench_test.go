package recmeta

import "testing"

func BenchmarkSafeName(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		SafeName("00F8A2B4C7E1-conf/../x")
	}
}
