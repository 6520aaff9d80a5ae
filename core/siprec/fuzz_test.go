package siprec

import (
	"errors"
	"testing"
)

// seedOffers adds every vendor offer in testdata/offers to f's corpus.
func seedOffers(f *testing.F) {
	for _, name := range offerNames(f) {
		for _, crlf := range []bool{false, true} {
			ct, body := readOffer(f, name, crlf)
			f.Add(ct, body)
		}
	}
}

// FuzzSplit (the multipart splitter): any Content-Type and body split or
// fail with our sentinels, never panic; a split has an SDP part.
func FuzzSplit(f *testing.F) {
	seedOffers(f)
	f.Fuzz(func(t *testing.T, ct string, body []byte) {
		b, err := Split(ct, body)
		if err != nil {
			if !errors.Is(err, ErrMalformed) && !errors.Is(err, ErrUnsupported) {
				t.Fatalf("error outside our sentinels: %v", err)
			}
			return
		}
		if b.SDP == nil {
			t.Fatal("split without SDP")
		}
	})
}

// FuzzParseMetadata: any document parses or fails with ErrMalformed, and
// applying what parses to a State never panics.
func FuzzParseMetadata(f *testing.F) {
	for _, name := range offerNames(f) {
		ct, body := readOffer(f, name, false)
		if b, err := Split(ct, body); err == nil && b.Metadata != nil {
			f.Add(b.Metadata)
		}
	}
	f.Fuzz(func(t *testing.T, doc []byte) {
		m, err := ParseMetadata(doc)
		if err != nil {
			if !errors.Is(err, ErrMalformed) {
				t.Fatalf("error outside our sentinels: %v", err)
			}
			return
		}
		var st State
		st.Apply(m)
		st.Apply(m)
		for _, s := range st.Streams {
			st.Sender(s.Label)
		}
	})
}

// FuzzParseOffer: whole offers parse or fail with our sentinels, and an
// answer built on any parsed offer keeps its m-line count.
func FuzzParseOffer(f *testing.F) {
	seedOffers(f)
	f.Fuzz(func(t *testing.T, ct string, body []byte) {
		o, err := ParseOffer(ct, body)
		if err != nil {
			if !errors.Is(err, ErrMalformed) && !errors.Is(err, ErrUnsupported) {
				t.Fatalf("error outside our sentinels: %v", err)
			}
			return
		}
		answers := make([][]byte, len(o.Streams))
		answers[0] = ans("1", "7000")
		var a Answerer
		if _, err := a.Answer(o.Streams, answers); err != nil {
			t.Fatal(err)
		}
	})
}
