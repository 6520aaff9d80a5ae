package sdp

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pion/sdp/v3"
)

// seedOffers adds every file in testdata/offers to f's corpus.
func seedOffers(f *testing.F) {
	files, err := filepath.Glob(filepath.Join("testdata", "offers", "*.sdp"))
	if err != nil || len(files) == 0 {
		f.Fatalf("no seed offers: %v", err)
	}
	for _, name := range files {
		b, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
}

// isOurs reports whether err is one of this package's sentinels.
func isOurs(err error) bool {
	for _, s := range []error{ErrMalformed, ErrNoAudio, ErrNoCommonCodec, ErrBadPtime, ErrSecurity} {
		if errors.Is(err, s) {
			return true
		}
	}
	return false
}

// FuzzParseOffer: any input either parses or fails with one of our sentinels.
func FuzzParseOffer(f *testing.F) {
	seedOffers(f)
	f.Fuzz(func(t *testing.T, b []byte) {
		if _, err := ParseOffer(b); err != nil && !isOurs(err) {
			t.Fatalf("error outside our sentinels: %v", err)
		}
	})
}

// FuzzAnswer: any offer that parses gets an answer that parses again (with
// pion alone when every m-line is one pion knows), has as many m-lines, and
// describes the stream Answer reported; or a sentinel error.
func FuzzAnswer(f *testing.F) {
	seedOffers(f)
	f.Fuzz(func(t *testing.T, b []byte) {
		offer, err := ParseOffer(b)
		if err != nil {
			return
		}
		local := testSecureLocal(t)
		answer, remote, err := Answer(offer, local, nil)
		if err != nil {
			if !isOurs(err) {
				t.Fatalf("error outside our sentinels: %v", err)
			}
			return
		}
		again, err := ParseOffer(answer)
		if err != nil {
			t.Fatalf("our answer does not parse: %v\n%s", err, answer)
		}
		if len(again.s.lines) != len(offer.s.lines) {
			t.Fatalf("%d m-lines in the answer, %d in the offer", len(again.s.lines), len(offer.s.lines))
		}
		if pionKnowsAll(offer) {
			var d sdp.SessionDescription
			if err := d.Unmarshal(answer); err != nil {
				t.Fatalf("pion cannot parse our answer: %v\n%s", err, answer)
			}
		}
		checkRoundTrip(t, again, local, remote)
	})
}

func pionKnowsAll(o *Offer) bool {
	for _, l := range o.s.lines {
		// refused lines are echoed as written, so the spelling must be pion's
		if pionMedia[strings.ToLower(l.media)] != l.media {
			return false
		}
		if p, _ := canonicalProto(l.proto); p != l.proto {
			return false
		}
	}
	return true
}

// checkRoundTrip reads our answer back as the offerer would and compares.
func checkRoundTrip(t *testing.T, answer *Offer, local Local, remote Media) {
	t.Helper()
	as := local
	as.Codecs = []Codec{remote.Codec}
	for i := range answer.s.lines {
		if !answer.s.usable(i) {
			continue
		}
		m, _, err := answer.s.describe(i, as, false)
		if err != nil {
			t.Fatalf("our answer's audio line: %v", err)
		}
		if m.Addr != local.Addr || m.Port != local.Port || m.Codec != remote.Codec ||
			m.EventPT != remote.EventPT || m.PtimeMs != remote.PtimeMs {
			t.Fatalf("answer reads back as %+v; remote %+v", m, remote)
		}
		if m.SRTP.Remote != remote.SRTP.Local {
			t.Fatalf("answer's key reads back as %+v; we keyed %+v", m.SRTP.Remote, remote.SRTP.Local)
		}
		return
	}
	t.Fatal("our answer has no usable audio line")
}
