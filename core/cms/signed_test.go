package cms

import (
	"crypto/x509"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"
)

func TestOpenSSLVerifiesWhatSignWrites(t *testing.T) {
	content := []byte(`{"recordingId":"r1","files":[]}`)
	for _, kind := range []string{"rsa2048", "p256", "p384"} {
		t.Run(kind, func(t *testing.T) {
			k := newTestKey(t, kind)
			sig, err := Sign(content, k.cert, k.key, time.Now())
			if err != nil {
				t.Fatal(err)
			}
			dir := t.TempDir()
			cpath := filepath.Join(dir, "manifest.json")
			os.WriteFile(cpath, content, 0o600)
			if _, err := openssl(t, sig, "cms", "-verify", "-binary", "-inform", "DER", "-content", cpath,
				"-CAfile", k.certPath, "-purpose", "any", "-out", os.DevNull); err != nil {
				t.Fatalf("openssl cms -verify: %v", err)
			}
			roots := x509.NewCertPool()
			roots.AddCert(k.cert)
			signer, err := Verify(sig, content, roots)
			if err != nil || !signer.Equal(k.cert) {
				t.Fatalf("Verify: %v", err)
			}
			if _, err := Verify(sig, append(content, ' '), roots); !errors.Is(err, ErrSignature) {
				t.Fatalf("altered content: got %v", err)
			}
			other := x509.NewCertPool()
			other.AddCert(newTestKey(t, "rsa1024").cert)
			if _, err := Verify(sig, content, other); !errors.Is(err, ErrSignature) {
				t.Fatalf("untrusted signer: got %v", err)
			}
		})
	}
}

func TestVerifyRefusesDamagedSignatures(t *testing.T) {
	k := newTestKey(t, "p256")
	content := []byte("manifest")
	sig, _ := Sign(content, k.cert, k.key, time.Now())
	roots := x509.NewCertPool()
	roots.AddCert(k.cert)
	for i := range sig {
		d := append([]byte(nil), sig...)
		d[i] ^= 0x40
		if _, err := Verify(d, content, roots); err == nil {
			t.Fatalf("byte %d altered and still verified", i)
		}
	}
}
