package tenantcert

import (
	"bytes"
	"errors"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/reel-project/reel/internal/testpki"
)

func mustKey(t *testing.T, kind string, n int, from, to time.Time) *testpki.Key {
	t.Helper()
	k, err := testpki.New(t.TempDir(), kind, n, from, to)
	if err != nil {
		t.Fatal(err)
	}
	return k
}

func write(t *testing.T, path string, data ...[]byte) {
	t.Helper()
	if err := os.WriteFile(path, bytes.Join(data, nil), 0o600); err != nil {
		t.Fatal(err)
	}
}

func TestLoadRefusesBadFilesWithAClearError(t *testing.T) {
	now := time.Now()
	good := mustKey(t, "rsa2048", 0, now.Add(-time.Hour), now.Add(time.Hour))
	dir := t.TempDir()
	for _, tc := range []struct {
		name, text string
		data       [][]byte
		want       error
	}{
		{"a missing file", "", nil, fs.ErrNotExist},
		{"a file that is not PEM", "", [][]byte{[]byte("hello")}, ErrMalformed},
		{"a PEM block that is not a certificate", "", [][]byte{good.CertPEM, []byte("-----BEGIN X-----\nAAAA\n-----END X-----\n")}, ErrMalformed},
		{"a private key beside the certificate", "PRIVATE KEY", [][]byte{good.CertPEM, good.KeyPEM}, ErrMalformed},
		{"a damaged certificate", "", [][]byte{bytes.Replace(good.CertPEM, []byte("MII"), []byte("MIJ"), 1)}, ErrMalformed},
		{"RSA 1024", "1024 bits", [][]byte{mustKey(t, "rsa1024", 0, now, now.Add(time.Hour)).CertPEM}, ErrWeak},
		{"EC P-521", "P-521", [][]byte{mustKey(t, "p521", 0, now, now.Add(time.Hour)).CertPEM}, ErrWeak},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(dir, strings.ReplaceAll(tc.name, " ", "_"))
			if tc.data != nil {
				write(t, path, tc.data...)
			}
			_, err := Load(map[string][]string{"bank": {path}}, slog.New(slog.DiscardHandler))
			if !errors.Is(err, tc.want) || !strings.Contains(err.Error(), "profile bank") || !strings.Contains(err.Error(), tc.text) {
				t.Fatalf("got %v, want %v naming the profile and %q", err, tc.want, tc.text)
			}
		})
	}
}

func TestRecipientsSkipsExpiredAndFutureCertificatesWithOneWarning(t *testing.T) {
	now := time.Now()
	valid := mustKey(t, "rsa2048", 0, now.Add(-time.Hour), now.Add(time.Hour))
	expired := mustKey(t, "p256", 0, now.Add(-48*time.Hour), now.Add(-24*time.Hour))
	future := mustKey(t, "p384", 0, now.Add(24*time.Hour), now.Add(48*time.Hour))
	path := filepath.Join(t.TempDir(), "bank.pem")
	write(t, path, expired.CertPEM, valid.CertPEM, future.CertPEM)
	var logs bytes.Buffer
	s, err := Load(map[string][]string{"bank": {path}, "shop": {expired.CertPath}}, slog.New(slog.NewTextHandler(&logs, nil)))
	if err != nil {
		t.Fatal(err)
	}
	for range 3 {
		got, err := s.Recipients("bank", now)
		if err != nil || len(got) != 1 || !got[0].Equal(valid.Cert) {
			t.Fatalf("got %d certificates, %v; want the valid one only", len(got), err)
		}
	}
	if n := strings.Count(logs.String(), "skipped"); n != 2 {
		t.Fatalf("%d warnings, want one per skipped certificate:\n%s", n, logs.String())
	}
	if _, err := s.Recipients("shop", now); !errors.Is(err, ErrNoCertificate) {
		t.Fatalf("profile with only an expired certificate: got %v", err)
	}
	if _, err := s.Recipients("unknown", now); !errors.Is(err, ErrNoCertificate) {
		t.Fatalf("profile without certificates: got %v", err)
	}
}

func TestReloadRotatesAndKeepsTheOldSetOnABadEdit(t *testing.T) {
	now := time.Now()
	a := mustKey(t, "rsa2048", 0, now.Add(-time.Hour), now.Add(time.Hour))
	b := mustKey(t, "p256", 0, now.Add(-time.Hour), now.Add(time.Hour))
	path := filepath.Join(t.TempDir(), "bank.pem")
	write(t, path, a.CertPEM)
	var logs bytes.Buffer
	s, err := Load(map[string][]string{"bank": {path}}, slog.New(slog.NewTextHandler(&logs, nil)))
	if err != nil {
		t.Fatal(err)
	}
	steps := []struct {
		name string
		data [][]byte
		want []*testpki.Key
		err  error
	}{
		{"overlap: A and B", [][]byte{a.CertPEM, b.CertPEM}, []*testpki.Key{a, b}, nil},
		{"a bad edit keeps A and B", [][]byte{[]byte("-----BEGIN CERTIFICATE-----\n")}, []*testpki.Key{a, b}, ErrMalformed},
		{"B only", [][]byte{b.CertPEM}, []*testpki.Key{b}, nil},
	}
	for _, st := range steps {
		write(t, path, st.data...)
		if err := s.Reload(); !errors.Is(err, st.err) {
			t.Fatalf("%s: reload: %v", st.name, err)
		}
		got, _ := s.Recipients("bank", now)
		if len(got) != len(st.want) {
			t.Fatalf("%s: %d certificates, want %d", st.name, len(got), len(st.want))
		}
		for i := range got {
			if !got[i].Equal(st.want[i].Cert) {
				t.Fatalf("%s: certificate %d differs", st.name, i)
			}
		}
	}
	if !strings.Contains(logs.String(), "keeping the previous ones") {
		t.Fatalf("the bad edit was not logged:\n%s", logs.String())
	}
}

func TestChangedNoticesARewrittenFile(t *testing.T) {
	now := time.Now()
	a := mustKey(t, "rsa2048", 0, now.Add(-time.Hour), now.Add(time.Hour))
	b := mustKey(t, "p384", 0, now.Add(-time.Hour), now.Add(time.Hour))
	path := filepath.Join(t.TempDir(), "bank.pem")
	write(t, path, a.CertPEM)
	s, err := Load(map[string][]string{"bank": {path}}, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	if s.changed() {
		t.Fatal("unchanged file reported as changed")
	}
	write(t, path, b.CertPEM)
	if !s.changed() {
		t.Fatal("rewritten file (other size) not noticed")
	}
}

func TestFingerprintMatchesOpenSSL(t *testing.T) {
	now := time.Now()
	k := mustKey(t, "p256", 0, now.Add(-time.Hour), now.Add(time.Hour))
	certs, err := Parse(k.CertPath, k.CertPEM)
	if err != nil {
		t.Fatal(err)
	}
	out, err := runOpenSSL("x509", "-in", k.CertPath, "-noout", "-fingerprint", "-sha256")
	if err != nil {
		t.Skip("openssl:", err)
	}
	want := strings.ToLower(strings.ReplaceAll(strings.TrimSpace(out[strings.Index(out, "=")+1:]), ":", ""))
	if certs[0].Fingerprint != want {
		t.Fatalf("fingerprint %s, openssl says %s", certs[0].Fingerprint, want)
	}
}
