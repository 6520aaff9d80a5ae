package siprec

import "testing"

// BenchmarkParseVendorInvite parses a vendor INVITE body (multipart with
// SDP, metadata and a GTD part) and applies its metadata: target ≤ 50 µs.
func BenchmarkParseVendorInvite(b *testing.B) {
	ct, body := readOffer(b, "extra-gtd", true)
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	for b.Loop() {
		o, err := ParseOffer(ct, body)
		if err != nil {
			b.Fatal(err)
		}
		var st State
		st.Apply(o.Metadata)
	}
}
