package g711

import "testing"

func TestLawMetadata(t *testing.T) {
	tests := []struct {
		law     Law
		name    string
		pt      uint8
		silence byte
	}{
		{MuLaw, "PCMU", 0, 0xFF},
		{ALaw, "PCMA", 8, 0xD5},
	}
	for _, tc := range tests {
		t.Run(tc.name+" has its RTP name, payload type and silence code", func(t *testing.T) {
			if got := tc.law.String(); got != tc.name {
				t.Errorf("String() = %q, want %q", got, tc.name)
			}
			if got := tc.law.PayloadType(); got != tc.pt {
				t.Errorf("PayloadType() = %d, want %d", got, tc.pt)
			}
			if got := tc.law.Silence(); got != tc.silence {
				t.Errorf("Silence() = %#02x, want %#02x", got, tc.silence)
			}
			if got, ok := LawForPayloadType(tc.pt); !ok || got != tc.law {
				t.Errorf("LawForPayloadType(%d) = %v, %v; want %v, true", tc.pt, got, ok, tc.law)
			}
		})
	}
}

func TestSilenceDecodesToTheSmallestMagnitude(t *testing.T) {
	want := map[Law]int16{MuLaw: 0, ALaw: 8}
	for law, w := range want {
		var got [1]int16
		law.DecodeTo(got[:], []byte{law.Silence()})
		if got[0] != w {
			t.Errorf("%v silence decodes to %d, want %d", law, got[0], w)
		}
	}
}

func TestLawForPayloadTypeRejectsOtherTypes(t *testing.T) {
	for pt := range 256 {
		if pt == 0 || pt == 8 {
			continue
		}
		if l, ok := LawForPayloadType(uint8(pt)); ok {
			t.Errorf("LawForPayloadType(%d) = %v, true; want false", pt, l)
		}
	}
}

func TestUnknownLaw(t *testing.T) {
	bad := Law(2)
	t.Run("String names the number", func(t *testing.T) {
		if got := bad.String(); got != "Law(2)" {
			t.Errorf("String() = %q", got)
		}
	})
	calls := map[string]func(){
		"DecodeTo":    func() { bad.DecodeTo(make([]int16, 1), []byte{0}) },
		"EncodeTo":    func() { bad.EncodeTo(make([]byte, 1), []int16{0}) },
		"Transcode":   func() { Transcode(make([]byte, 1), []byte{0}, MuLaw, bad) },
		"PayloadType": func() { bad.PayloadType() },
		"Silence":     func() { bad.Silence() },
	}
	for name, call := range calls {
		t.Run(name+" panics", func(t *testing.T) {
			defer func() {
				if recover() == nil {
					t.Error("no panic")
				}
			}()
			call()
		})
	}
}

func TestConversionsStopAtTheShorterSlice(t *testing.T) {
	for _, law := range []Law{MuLaw, ALaw} {
		t.Run(law.String()+" DecodeTo leaves the rest of a longer dst alone", func(t *testing.T) {
			dst := []int16{7, 7, 7, 7}
			if n := law.DecodeTo(dst, []byte{0xFF, 0x00}); n != 2 || dst[2] != 7 || dst[3] != 7 {
				t.Errorf("n = %d, dst = %v", n, dst)
			}
			if n := law.DecodeTo(dst[:1], []byte{1, 2, 3}); n != 1 {
				t.Errorf("n = %d, want 1", n)
			}
		})
		t.Run(law.String()+" EncodeTo leaves the rest of a longer dst alone", func(t *testing.T) {
			dst := []byte{7, 7, 7}
			if n := law.EncodeTo(dst, []int16{0}); n != 1 || dst[1] != 7 || dst[2] != 7 {
				t.Errorf("n = %d, dst = %v", n, dst)
			}
			if n := law.EncodeTo(nil, []int16{1, 2}); n != 0 {
				t.Errorf("n = %d, want 0", n)
			}
		})
	}
	t.Run("Transcode writes min(len(dst), len(src))", func(t *testing.T) {
		dst := []byte{7, 7, 7}
		if n := Transcode(dst, []byte{0xFF, 0xFF}, MuLaw, ALaw); n != 2 || dst[2] != 7 {
			t.Errorf("n = %d, dst = %v", n, dst)
		}
		if n := Transcode(dst[:1], []byte{1, 2}, ALaw, ALaw); n != 1 || dst[0] != 1 {
			t.Errorf("same-law n = %d, dst = %v", n, dst)
		}
	})
}

func TestEveryCodeSurvivesDecodeThenEncode(t *testing.T) {
	for _, law := range []Law{MuLaw, ALaw} {
		t.Run(law.String()+" round-trips all 256 codes", func(t *testing.T) {
			var codes, back [256]byte
			var pcm [256]int16
			for c := range codes {
				codes[c] = byte(c)
			}
			law.DecodeTo(pcm[:], codes[:])
			law.EncodeTo(back[:], pcm[:])
			for c := range codes {
				want := byte(c)
				if law == MuLaw && want == 0x7F {
					want = 0xFF // µ-law has two zeros; the encoder picks +0
				}
				if back[c] != want {
					t.Errorf("encode(decode(%#02x)) = %#02x, want %#02x", c, back[c], want)
				}
			}
		})
	}
}

func TestTranscodeEqualsDecodeThenEncode(t *testing.T) {
	pairs := []struct{ from, to Law }{{MuLaw, ALaw}, {ALaw, MuLaw}, {MuLaw, MuLaw}, {ALaw, ALaw}}
	for _, p := range pairs {
		t.Run(p.from.String()+" to "+p.to.String()+" matches the tandem for all 256 codes", func(t *testing.T) {
			var src, got, want [256]byte
			var pcm [256]int16
			for c := range src {
				src[c] = byte(c)
			}
			p.from.DecodeTo(pcm[:], src[:])
			p.to.EncodeTo(want[:], pcm[:])
			if n := Transcode(got[:], src[:], p.from, p.to); n != 256 {
				t.Fatalf("n = %d", n)
			}
			for c := range src {
				// Same law: a copy, which keeps µ-law's -0 (0x7F) as it is.
				if p.from == p.to && got[c] != src[c] || p.from != p.to && got[c] != want[c] {
					t.Errorf("Transcode(%#02x) = %#02x, tandem gives %#02x", c, got[c], want[c])
				}
			}
		})
	}
	t.Run("in place on one slice", func(t *testing.T) {
		b := []byte{0x00, 0x7F, 0xFF}
		Transcode(b, b, MuLaw, ALaw)
		if want := []byte{0x2A, 0xD5, 0xD5}; string(b) != string(want) {
			t.Errorf("got % x, want % x", b, want)
		}
	})
}

func TestConversionsDoNotAllocate(t *testing.T) {
	codes, pcm := make([]byte, 160), make([]int16, 160)
	calls := map[string]func(){
		"DecodeTo":  func() { MuLaw.DecodeTo(pcm, codes) },
		"EncodeTo":  func() { ALaw.EncodeTo(codes, pcm) },
		"Transcode": func() { Transcode(codes, codes, MuLaw, ALaw) },
	}
	for name, call := range calls {
		if n := testing.AllocsPerRun(100, call); n != 0 {
			t.Errorf("%s allocates %v times per call", name, n)
		}
	}
}
