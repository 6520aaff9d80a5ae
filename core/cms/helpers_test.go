package cms

import (
	"bytes"
	"crypto"
	"crypto/x509"
	"os"
	"os/exec"
	"testing"

	"github.com/reel-project/reel/internal/testpki"
)

// testKey is a certificate and its private key, also written as PEM files.
type testKey struct {
	cert     *x509.Certificate
	key      crypto.Signer
	certPath string
	keyPath  string
}

var (
	keyDir   string
	keyCache = map[string]*testKey{}
)

// newTestKey returns a certificate of kind "rsa2048", "rsa1024", "p256" or
// "p384", one per kind and test binary.
func newTestKey(t testing.TB, kind string) *testKey {
	t.Helper()
	if k, ok := keyCache[kind]; ok {
		return k
	}
	if keyDir == "" {
		keyDir, _ = os.MkdirTemp("", "cmskeys")
	}
	k, err := testpki.Valid(keyDir, kind, 0)
	if err != nil {
		t.Fatal(err)
	}
	keyCache[kind] = &testKey{cert: k.Cert, key: k.Key, certPath: k.CertPath, keyPath: k.KeyPath}
	return keyCache[kind]
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
