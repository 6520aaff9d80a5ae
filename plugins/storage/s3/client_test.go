package s3

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"errors"
	"math/big"
	"net"
	"net/url"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/reel-project/reel/plugins/miniotest"

	"github.com/reel-project/reel/plugins/sdk"
)

func TestURLAddressesTheBucketByPathOrHost(t *testing.T) {
	endpoint, _ := url.Parse("https://s3.eu-west-1.amazonaws.com")
	cases := []struct {
		name      string
		pathStyle bool
		key       string
		q         url.Values
		want      string
	}{
		{"path style puts the bucket in the path", true, "p/rec/a.wav", nil, "https://s3.eu-west-1.amazonaws.com/rec/p/rec/a.wav"},
		{"virtual-hosted style puts it in the host", false, "p/rec/a.wav", nil, "https://rec.s3.eu-west-1.amazonaws.com/p/rec/a.wav"},
		{"the bucket itself, path style", true, "", nil, "https://s3.eu-west-1.amazonaws.com/rec"},
		{"the bucket itself, virtual-hosted", false, "", nil, "https://rec.s3.eu-west-1.amazonaws.com/"},
		{"keys and queries are encoded like SigV4", true, "a b+c", url.Values{"uploadId": {"x/y"}},
			"https://s3.eu-west-1.amazonaws.com/rec/a%20b%2Bc?uploadId=x%2Fy"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c := &client{endpoint: endpoint, bucket: "rec", pathStyle: tc.pathStyle}
			if got := c.url(tc.key, tc.q).String(); got != tc.want {
				t.Errorf("url = %s, want %s", got, tc.want)
			}
		})
	}
}

func TestABadCAFileIsAConfigError(t *testing.T) {
	dir := t.TempDir()
	notPEM := filepath.Join(dir, "ca.pem")
	if err := os.WriteFile(notPEM, []byte("not a certificate"), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{notPEM, filepath.Join(dir, "missing.pem")} {
		var ce *sdk.ConfigError
		if _, err := transport(path); !errors.As(err, &ce) || ce.Key != "ca_file" {
			t.Errorf("transport(%s) = %v, want a ConfigError for ca_file", path, err)
		}
	}
}

func TestHTTPSWithAPrivateCA(t *testing.T) {
	bin := miniotest.Binary(t)
	dir := t.TempDir()
	certs := filepath.Join(dir, "certs")
	writeSelfSigned(t, certs)
	srv, err := miniotest.Start(bin, dir, certs)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(srv.Stop)
	cfg := configFor(srv, testBucket, "")
	cfg.CAFile = filepath.Join(certs, "public.crt")
	if err := createBucket(cfg); err != nil {
		t.Fatalf("over https with ca_file: %v", err)
	}
	cfg.CAFile = ""
	err = createBucket(cfg)
	var cve *tls.CertificateVerificationError
	if !errors.As(err, &cve) || !sdk.IsPermanent(err) {
		t.Errorf("without ca_file = %v, want a permanent certificate error", err)
	}
}

// writeSelfSigned writes MinIO's public.crt and private.key for 127.0.0.1.
func writeSelfSigned(t *testing.T, dir string) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "reel-test-ca"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
		IPAddresses: []net.IP{net.IPv4(127, 0, 0, 1)}, IsCA: true, BasicConstraintsValid: true,
		KeyUsage:    x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign,
		ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	pk, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	writePEM(t, filepath.Join(dir, "public.crt"), "CERTIFICATE", der)
	writePEM(t, filepath.Join(dir, "private.key"), "PRIVATE KEY", pk)
}

func writePEM(t *testing.T, path, typ string, der []byte) {
	t.Helper()
	if err := os.WriteFile(path, pem.EncodeToMemory(&pem.Block{Type: typ, Bytes: der}), 0o600); err != nil {
		t.Fatal(err)
	}
}
