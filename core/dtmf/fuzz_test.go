package dtmf

import (
	"errors"
	"testing"
)

// FuzzParseRelay: INFO bodies come from the network. Never a panic; an error
// is ErrBody; an accepted body gives a DTMF key and a non-negative duration.
func FuzzParseRelay(f *testing.F) {
	for _, s := range []string{"Signal=5\r\nDuration=160\r\n", "signal = 11\n", "Duration=99999999999\r\nSignal=1", "Signal=5=6"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		p, err := ParseRelay(b)
		checkPress(t, p, err)
	})
}

// FuzzParseDTMF: the same for application/dtmf.
func FuzzParseDTMF(f *testing.F) {
	for _, s := range []string{"5", " # ", "d\r\n"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		p, err := ParseDTMF(b)
		checkPress(t, p, err)
	})
}

func checkPress(t *testing.T, p Press, err error) {
	t.Helper()
	if err != nil {
		if !errors.Is(err, ErrBody) {
			t.Fatalf("unexpected error %v", err)
		}
		return
	}
	if k, ok := Key(p.Key); !ok || k != p.Key || p.Duration < 0 {
		t.Fatalf("accepted %+v", p)
	}
}
