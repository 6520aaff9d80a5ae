package siptls

import (
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"sync"
	"sync/atomic"

	"github.com/reel-project/reel/internal/secret"
)

// ErrConfig wraps every error about the files.
var ErrConfig = errors.New("siptls")

// Files names the PEM files of one listener.
type Files struct {
	Cert string // certificate chain, leaf first
	Key  string // its private key
	// CA holds the certificates trusted to sign peers: servers this side
	// connects to, and clients when VerifyClients is on. Empty: the
	// system's roots for servers; VerifyClients then needs it.
	CA            string
	VerifyClients bool // mutual TLS: clients must present a certificate CA signed
}

// Check reports what is missing from f, without reading the files.
func (f Files) Check() error {
	switch {
	case f.Cert == "" || f.Key == "":
		return fmt.Errorf("%w: a certificate file and a key file are required", ErrConfig)
	case f.VerifyClients && f.CA == "":
		return fmt.Errorf("%w: verifying clients needs a CA file", ErrConfig)
	}
	return nil
}

// material is one loaded set of files.
type material struct {
	cert  *tls.Certificate
	roots *x509.CertPool // nil: the system's
}

// TLS holds a listener's current TLS material. Safe for concurrent use.
type TLS struct {
	files Files
	log   *slog.Logger
	cur   atomic.Pointer[material]

	mu      sync.Mutex
	lastErr string // the failed reload last logged, so it is logged once
}

// New loads f. log may be nil.
func New(f Files, log *slog.Logger) (*TLS, error) {
	if err := f.Check(); err != nil {
		return nil, err
	}
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	t := &TLS{files: f, log: log}
	m, err := load(f)
	if err != nil {
		return nil, err
	}
	t.cur.Store(m)
	return t, nil
}

// load reads the files.
func load(f Files) (*material, error) {
	cert, err := loadPair(f.Cert, f.Key)
	if err != nil {
		return nil, fmt.Errorf("%w: certificate %s, key %s: %w", ErrConfig, f.Cert, f.Key, err)
	}
	m := &material{cert: &cert}
	if f.CA == "" {
		return m, nil
	}
	pemBytes, err := os.ReadFile(f.CA)
	if err != nil {
		return nil, fmt.Errorf("%w: CA file: %w", ErrConfig, err)
	}
	m.roots = x509.NewCertPool()
	if !m.roots.AppendCertsFromPEM(pemBytes) {
		return nil, fmt.Errorf("%w: CA file %s: no PEM certificate", ErrConfig, f.CA)
	}
	return m, nil
}

// loadPair is tls.LoadX509KeyPair refusing a world-readable key file.
func loadPair(certFile, keyFile string) (tls.Certificate, error) {
	certPEM, err := os.ReadFile(certFile)
	if err != nil {
		return tls.Certificate{}, err
	}
	keyPEM, err := secret.ReadFile(keyFile)
	if err != nil {
		return tls.Certificate{}, err
	}
	return tls.X509KeyPair(certPEM, keyPEM)
}

// Reload reads the files again. When they do not load, the previous
// material stays in force and the error is returned, and logged at Error
// once per distinct error.
func (t *TLS) Reload() error {
	m, err := load(t.files)
	t.mu.Lock()
	defer t.mu.Unlock()
	if err != nil {
		if err.Error() != t.lastErr {
			t.lastErr = err.Error()
			t.log.Error("sip tls: reload failed, keeping the previous certificate", "error", err)
		}
		return err
	}
	t.lastErr = ""
	t.cur.Store(m)
	t.log.Info("sip tls: certificate reloaded", "cert", t.files.Cert, "subject", m.cert.Leaf.Subject.String(),
		"not_after", m.cert.Leaf.NotAfter)
	return nil
}

// Leaf returns the certificate currently served.
func (t *TLS) Leaf() *x509.Certificate { return t.cur.Load().cert.Leaf }

// ServerConfig is the tls.Config of the listener: every handshake uses
// the material current at its start.
func (t *TLS) ServerConfig() *tls.Config {
	return &tls.Config{MinVersion: tls.VersionTLS12,
		GetConfigForClient: func(*tls.ClientHelloInfo) (*tls.Config, error) {
			m := t.cur.Load()
			c := &tls.Config{MinVersion: tls.VersionTLS12, Certificates: []tls.Certificate{*m.cert}}
			if t.files.VerifyClients {
				c.ClientAuth, c.ClientCAs = tls.RequireAndVerifyClientCert, m.roots
			}
			return c, nil
		}}
}

// ClientConfig is the tls.Config for connections this side opens: the
// server is verified against Files.CA (or the system's roots), and the
// listener's certificate is presented when the server asks for one.
// sipgo sets ServerName to the host dialled.
func (t *TLS) ClientConfig() *tls.Config {
	c := &tls.Config{MinVersion: tls.VersionTLS12,
		GetClientCertificate: func(*tls.CertificateRequestInfo) (*tls.Certificate, error) {
			return t.cur.Load().cert, nil
		}}
	if t.files.CA != "" {
		// Roots are fixed per config; the reloaded CA is used through
		// VerifyConnection instead.
		c.InsecureSkipVerify = true
		c.VerifyConnection = t.verifyServer
	}
	return c
}

// verifyServer verifies the server's chain against the current CA and its
// name against the host dialled, as crypto/tls would with RootCAs.
func (t *TLS) verifyServer(cs tls.ConnectionState) error {
	if len(cs.PeerCertificates) == 0 {
		return fmt.Errorf("%w: server sent no certificate", ErrConfig)
	}
	opts := x509.VerifyOptions{Roots: t.cur.Load().roots, DNSName: cs.ServerName,
		Intermediates: x509.NewCertPool()}
	for _, c := range cs.PeerCertificates[1:] {
		opts.Intermediates.AddCert(c)
	}
	_, err := cs.PeerCertificates[0].Verify(opts)
	return err
}
