package testpki

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"fmt"
	"math/big"
	"net"
	"os"
	"path/filepath"
	"time"
)

// CA is a throw-away certificate authority that issues TLS certificates.
type CA struct {
	*Key
}

// NewCA makes a CA with a fresh P-256 key
// and writes its certificate as ca-<name>.crt.pem into dir.
func NewCA(dir, name string) (*CA, error) {
	key, err := freshP256()
	if err != nil {
		return nil, err
	}
	now := time.Now()
	tmpl := &x509.Certificate{
		SerialNumber: serial(), Subject: pkix.Name{CommonName: "reel test CA " + name},
		NotBefore: now.Add(-time.Hour), NotAfter: now.Add(24 * time.Hour),
		IsCA: true, BasicConstraintsValid: true,
		KeyUsage: x509.KeyUsageCertSign | x509.KeyUsageDigitalSignature,
	}
	k, err := write(dir, "ca-"+name, tmpl, tmpl, key, key)
	if err != nil {
		return nil, err
	}
	return &CA{k}, nil
}

// Issue makes a certificate for name, signed by ca, good for both TLS server
// and client authentication, with 127.0.0.1, ::1 and "localhost" (and name)
// as subject alternative names. Files go into dir as <name>-<serial>.*.pem.
func (ca *CA) Issue(dir, name string) (*Key, error) {
	key, err := freshP256()
	if err != nil {
		return nil, err
	}
	now := time.Now()
	tmpl := &x509.Certificate{
		SerialNumber: serial(), Subject: pkix.Name{CommonName: name},
		NotBefore: now.Add(-time.Hour), NotAfter: now.Add(24 * time.Hour),
		KeyUsage:    x509.KeyUsageDigitalSignature,
		ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth, x509.ExtKeyUsageClientAuth},
		DNSNames:    []string{"localhost", name},
		IPAddresses: []net.IP{net.IPv4(127, 0, 0, 1), net.IPv6loopback},
	}
	return write(dir, fmt.Sprintf("%s-%d", name, tmpl.SerialNumber.Int64()), tmpl, ca.Cert, key, ca.Key.Key)
}

// Pool returns a certificate pool holding only ca.
func (ca *CA) Pool() *x509.CertPool {
	p := x509.NewCertPool()
	p.AddCert(ca.Cert)
	return p
}

// write signs tmpl with signer (as parent) and writes the PEM files.
func write(dir, base string, tmpl, parent *x509.Certificate, key *ecdsa.PrivateKey, signer crypto.Signer) (*Key, error) {
	der, err := x509.CreateCertificate(rand.Reader, tmpl, parent, key.Public(), signer)
	if err != nil {
		return nil, err
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		return nil, err
	}
	p8, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		return nil, err
	}
	k := &Key{Cert: cert, Key: key,
		CertPEM: pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}),
		KeyPEM:  pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: p8})}
	b := filepath.Join(dir, base)
	k.CertPath, k.KeyPath = b+".crt.pem", b+".key.pem"
	if err := os.WriteFile(k.CertPath, k.CertPEM, 0o600); err != nil {
		return nil, err
	}
	return k, os.WriteFile(k.KeyPath, k.KeyPEM, 0o600)
}

// freshP256 is a new P-256 key (fast to make, so never pooled: each
// certificate has its own key).
func freshP256() (*ecdsa.PrivateKey, error) {
	return ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
}

func serial() *big.Int {
	n, _ := rand.Int(rand.Reader, big.NewInt(1<<62))
	return n
}
