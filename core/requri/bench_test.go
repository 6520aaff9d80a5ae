package requri

import "testing"

func BenchmarkParse(b *testing.B) {
	const uri = "sip:msml=00F8A2B4C7E1@10.0.0.5:5070;dn=7001;record;gvp-tenant-id=acme;media-service=record;reel-profile=gold"
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Parse(uri); err != nil {
			b.Fatal(err)
		}
	}
}
