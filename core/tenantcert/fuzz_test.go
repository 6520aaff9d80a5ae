package tenantcert

import (
	"errors"
	"os/exec"
	"testing"
)

// FuzzParse feeds arbitrary bytes to the certificate file parser: only
// ErrMalformed or ErrWeak, or certificates with a fingerprint; never a panic.
// Seeds: testdata/fuzz/FuzzParse.
func FuzzParse(f *testing.F) {
	f.Fuzz(func(t *testing.T, data []byte) {
		certs, err := Parse("fuzz.pem", data)
		if err != nil {
			if !errors.Is(err, ErrMalformed) && !errors.Is(err, ErrWeak) {
				t.Fatalf("unexpected error %v", err)
			}
			return
		}
		for _, c := range certs {
			if len(c.Fingerprint) != 64 {
				t.Fatalf("fingerprint %q", c.Fingerprint)
			}
		}
	})
}

func runOpenSSL(args ...string) (string, error) {
	out, err := exec.Command("openssl", args...).Output()
	return string(out), err
}
