package testpki

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"fmt"
	"math/big"
	"os"
	"path/filepath"
	"sync"
	"time"
)

// Key is a certificate and its private key, also written as PEM files.
type Key struct {
	Cert     *x509.Certificate
	Key      crypto.Signer
	CertPEM  []byte
	KeyPEM   []byte
	CertPath string
	KeyPath  string
}

var (
	mu      sync.Mutex
	keyPool = map[string][]crypto.Signer{}
)

// signer returns the n-th key of a kind, made once per test binary (RSA
// generation is slow): "rsa2048", "rsa1024", "p256", "p384", "p521".
func signer(kind string, n int) (crypto.Signer, error) {
	mu.Lock()
	defer mu.Unlock()
	for len(keyPool[kind]) <= n {
		var k crypto.Signer
		var err error
		switch kind {
		case "rsa2048":
			k, err = rsa.GenerateKey(rand.Reader, 2048)
		case "rsa1024":
			k, err = rsa.GenerateKey(rand.Reader, 1024)
		case "p256":
			k, err = ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
		case "p384":
			k, err = ecdsa.GenerateKey(elliptic.P384(), rand.Reader)
		case "p521":
			k, err = ecdsa.GenerateKey(elliptic.P521(), rand.Reader)
		default:
			err = fmt.Errorf("testpki: unknown key kind %q", kind)
		}
		if err != nil {
			return nil, err
		}
		keyPool[kind] = append(keyPool[kind], k)
	}
	return keyPool[kind][n], nil
}

// New makes the n-th key of kind with a certificate valid from notBefore
// to notAfter, and writes cert.pem and key.pem into dir.
func New(dir, kind string, n int, notBefore, notAfter time.Time) (*Key, error) {
	key, err := signer(kind, n)
	if err != nil {
		return nil, err
	}
	serial, _ := rand.Int(rand.Reader, big.NewInt(1<<62))
	tmpl := &x509.Certificate{
		SerialNumber: serial,
		Subject:      pkix.Name{CommonName: fmt.Sprintf("reel test %s %d", kind, n)},
		NotBefore:    notBefore, NotAfter: notAfter,
		KeyUsage: x509.KeyUsageDigitalSignature | x509.KeyUsageKeyEncipherment | x509.KeyUsageKeyAgreement,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, key.Public(), key)
	if err != nil {
		return nil, err
	}
	cert, _ := x509.ParseCertificate(der)
	p8, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		return nil, err
	}
	k := &Key{Cert: cert, Key: key,
		CertPEM: pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}),
		KeyPEM:  pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: p8})}
	base := filepath.Join(dir, fmt.Sprintf("%s-%d-%d", kind, n, serial.Int64()))
	k.CertPath, k.KeyPath = base+".crt.pem", base+".key.pem"
	if err := os.WriteFile(k.CertPath, k.CertPEM, 0o600); err != nil {
		return nil, err
	}
	return k, os.WriteFile(k.KeyPath, k.KeyPEM, 0o600)
}

// Valid makes the n-th key of kind with a certificate valid for a day around now.
func Valid(dir, kind string, n int) (*Key, error) {
	now := time.Now()
	return New(dir, kind, n, now.Add(-time.Hour), now.Add(24*time.Hour))
}
