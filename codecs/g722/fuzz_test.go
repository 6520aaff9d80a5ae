package g722

import "testing"

// FuzzDecode: any payload decodes to its length in samples (twice that
// wide) with no panic, whichever decode came before.
func FuzzDecode(f *testing.F) {
	f.Add([]byte{0x00, 0xff, 0x3f, 0xc0, 0x7e})
	f.Add(make([]byte, 160))
	f.Fuzz(func(t *testing.T, b []byte) {
		d := New()
		wide := make([]int16, 2*len(b))
		narrow := make([]int16, len(b))
		if n := d.DecodeTo(wide, b); n != 2*len(b) {
			t.Fatalf("DecodeTo: %d samples for %d bytes", n, len(b))
		}
		if n := d.DecodeNarrowTo(narrow, b); n != len(b) {
			t.Fatalf("DecodeNarrowTo: %d samples for %d bytes", n, len(b))
		}
	})
}
