package cms

import (
	"bytes"
	"crypto"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"io"
	"os"
	"testing"
	"time"
)

// FuzzDecrypt feeds arbitrary bytes to the envelope parser (what `reelctl
// decrypt` reads from disk or a server): it must return one of the
// package's errors or succeed, never panic, hang or grow without bound.
// Seeds: testdata/fuzz/FuzzDecrypt (envelopes of every algorithm, for the
// committed test keys in testdata/).
func FuzzDecrypt(f *testing.F) {
	keys := []crypto.PrivateKey{fuzzKey(f, "testdata/fuzz-rsa.key"), fuzzKey(f, "testdata/fuzz-p256.key")}
	f.Fuzz(func(t *testing.T, env []byte) {
		for _, k := range keys {
			err := Decrypt(io.Discard, bytes.NewReader(env), k)
			if err != nil && !isPackageError(err) {
				t.Fatalf("error outside the package's set: %v", err)
			}
		}
	})
}

func isPackageError(err error) bool {
	for _, e := range []error{ErrMalformed, ErrUnsupported, ErrNoRecipient, ErrIntegrity, ErrKey} {
		if errors.Is(err, e) {
			return true
		}
	}
	return false
}

func fuzzKey(tb testing.TB, path string) crypto.PrivateKey {
	data, err := os.ReadFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	k, err := ParsePrivateKey(data)
	if err != nil {
		tb.Fatal(err)
	}
	return k
}

func fuzzCert(tb testing.TB, path string) *x509.Certificate {
	data, err := os.ReadFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	block, _ := pem.Decode(data)
	c, err := x509.ParseCertificate(block.Bytes)
	if err != nil {
		tb.Fatal(err)
	}
	return c
}

// TestWriteFuzzCorpus regenerates the committed seeds when REEL_UPDATE_CORPUS is set.
func TestWriteFuzzCorpus(t *testing.T) {
	if os.Getenv("REEL_UPDATE_CORPUS") == "" {
		t.Skip("set REEL_UPDATE_CORPUS=1 to regenerate testdata/fuzz/FuzzDecrypt")
	}
	certs := []*x509.Certificate{fuzzCert(t, "testdata/fuzz-rsa.pem"), fuzzCert(t, "testdata/fuzz-p256.pem")}
	dir := "testdata/fuzz/FuzzDecrypt"
	os.MkdirAll(dir, 0o755)
	for i, opt := range []Options{{}, {Cipher: AES256GCM}, {KeyTransport: RSAPKCS1v15}} {
		var env bytes.Buffer
		plain := bytes.Repeat([]byte{byte(i)}, 40+i*17)
		if err := Encrypt(&env, bytes.NewReader(plain), int64(len(plain)), certs, opt); err != nil {
			t.Fatal(err)
		}
		body := "go test fuzz v1\n[]byte(" + quoteGo(env.Bytes()) + ")\n"
		os.WriteFile(dir+"/seed-"+string(rune('a'+i)), []byte(body), 0o644)
	}
	sig, err := Sign([]byte("manifest"), certs[1], fuzzKey(t, "testdata/fuzz-p256.key").(crypto.Signer), time.Date(2026, 12, 7, 0, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	os.MkdirAll("testdata/fuzz/FuzzVerify", 0o755)
	os.WriteFile("testdata/fuzz/FuzzVerify/seed-p256", []byte("go test fuzz v1\n[]byte("+quoteGo(sig)+")\n"), 0o644)
}

func quoteGo(b []byte) string {
	var s bytes.Buffer
	s.WriteByte('"')
	for _, c := range b {
		s.WriteString(`\x`)
		s.WriteByte("0123456789abcdef"[c>>4])
		s.WriteByte("0123456789abcdef"[c&15])
	}
	s.WriteByte('"')
	return s.String()
}

// FuzzVerify feeds arbitrary bytes as a manifest's detached signature
// (fetched from a storage server by `reelctl verify`): an error or a
// verified signer, never a panic. Seeds: testdata/fuzz/FuzzVerify.
func FuzzVerify(f *testing.F) {
	cert := fuzzCert(f, "testdata/fuzz-p256.pem")
	roots := x509.NewCertPool()
	roots.AddCert(cert)
	f.Fuzz(func(t *testing.T, sig []byte) {
		signer, err := Verify(sig, []byte("manifest"), roots)
		if err == nil && !signer.Equal(cert) {
			t.Fatal("verified with a certificate outside the roots")
		}
	})
}
