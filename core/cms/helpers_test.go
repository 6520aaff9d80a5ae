package cms

import (
	"bytes"
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"math/big"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"
)

// testKey is a certificate and its private key, also written as PEM files.
type testKey struct {
	cert     *x509.Certificate
	key      crypto.Signer
	certPath string
	keyPath  string
}

var keyCache = map[string]*testKey{}

// newTestKey returns a self-signed certificate of kind "rsa2048", "p256" or
// "p384", cached per kind and test binary (RSA generation is slow).
func newTestKey(t testing.TB, kind string) *testKey {
	t.Helper()
	if k, ok := keyCache[kind]; ok {
		return k
	}
	var key crypto.Signer
	var err error
	switch kind {
	case "rsa2048":
		key, err = rsa.GenerateKey(rand.Reader, 2048)
	case "rsa1024":
		key, err = rsa.GenerateKey(rand.Reader, 1024)
	case "p256":
		key, err = ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	case "p384":
		key, err = ecdsa.GenerateKey(elliptic.P384(), rand.Reader)
	}
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(time.Now().UnixNano()),
		Subject:      pkix.Name{CommonName: "reel test " + kind},
		NotBefore:    time.Now().Add(-time.Hour),
		NotAfter:     time.Now().Add(24 * time.Hour),
		KeyUsage:     x509.KeyUsageDigitalSignature | x509.KeyUsageKeyEncipherment | x509.KeyUsageKeyAgreement,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, key.Public(), key)
	if err != nil {
		t.Fatal(err)
	}
	cert, _ := x509.ParseCertificate(der)
	p8, _ := x509.MarshalPKCS8PrivateKey(key)
	dir, err := os.MkdirTemp("", "cmskey")
	if err != nil {
		t.Fatal(err)
	}
	k := &testKey{cert: cert, key: key, certPath: filepath.Join(dir, "cert.pem"), keyPath: filepath.Join(dir, "key.pem")}
	os.WriteFile(k.certPath, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), 0o600)
	os.WriteFile(k.keyPath, pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: p8}), 0o600)
	keyCache[kind] = k
	return k
}

// openssl runs openssl with args and returns stdout, failing the test on error.
func openssl(t *testing.T, stdin []byte, args ...string) ([]byte, error) {
	t.Helper()
	if _, err := exec.LookPath("openssl"); err != nil {
		t.Skip("openssl not installed")
	}
	cmd := exec.Command("openssl", args...)
	cmd.Stdin = bytes.NewReader(stdin)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		return nil, &opensslError{err: err, stderr: errb.String()}
	}
	return out.Bytes(), nil
}

type opensslError struct {
	err    error
	stderr string
}

func (e *opensslError) Error() string { return e.err.Error() + ": " + e.stderr }

func encryptBytes(t *testing.T, plain []byte, opt Options, keys ...*testKey) []byte {
	t.Helper()
	var certs []*x509.Certificate
	for _, k := range keys {
		certs = append(certs, k.cert)
	}
	var env bytes.Buffer
	if err := Encrypt(&env, bytes.NewReader(plain), int64(len(plain)), certs, opt); err != nil {
		t.Fatal(err)
	}
	return env.Bytes()
}
