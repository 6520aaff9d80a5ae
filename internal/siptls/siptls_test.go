package siptls

import (
	"context"
	"crypto/tls"
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/reel-project/reel/internal/testpki"
)

// pki is a CA, a server certificate and a client certificate in dir.
type pki struct {
	dir            string
	ca             *testpki.CA
	server, client *testpki.Key
}

func newPKI(t *testing.T) *pki {
	t.Helper()
	p := &pki{dir: t.TempDir()}
	var err error
	if p.ca, err = testpki.NewCA(p.dir, "sip"); err != nil {
		t.Fatal(err)
	}
	if p.server, err = p.ca.Issue(p.dir, "server"); err != nil {
		t.Fatal(err)
	}
	if p.client, err = p.ca.Issue(p.dir, "client"); err != nil {
		t.Fatal(err)
	}
	return p
}

// serve runs a TLS echo-once listener with cfg and returns its address.
func serve(t *testing.T, cfg *tls.Config) string {
	t.Helper()
	ln, err := tls.Listen("tcp", "127.0.0.1:0", cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = ln.Close() })
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go func() {
				defer func() { _ = c.Close() }()
				buf := make([]byte, 4)
				if _, err := io.ReadFull(c, buf); err == nil {
					_, _ = c.Write(buf)
				}
			}()
		}
	}()
	return ln.Addr().String()
}

// roundTrip dials addr with cfg, sends 4 bytes and reads them back.
func roundTrip(addr string, cfg *tls.Config) error {
	c, err := tls.Dial("tcp", addr, cfg)
	if err != nil {
		return err
	}
	defer func() { _ = c.Close() }()
	if _, err := c.Write([]byte("ping")); err != nil {
		return err
	}
	_, err = io.ReadFull(c, make([]byte, 4))
	return err
}

func TestMutualTLS(t *testing.T) {
	p := newPKI(t)
	srv, err := New(Files{Cert: p.server.CertPath, Key: p.server.KeyPath, CA: p.ca.CertPath, VerifyClients: true}, nil)
	if err != nil {
		t.Fatal(err)
	}
	addr := serve(t, srv.ServerConfig())
	cli, err := New(Files{Cert: p.client.CertPath, Key: p.client.KeyPath, CA: p.ca.CertPath}, nil)
	if err != nil {
		t.Fatal(err)
	}
	cc := cli.ClientConfig()
	cc.ServerName = "127.0.0.1"
	if err := roundTrip(addr, cc); err != nil {
		t.Fatalf("client with a certificate: %v", err)
	}
	bare := &tls.Config{RootCAs: p.ca.Pool(), ServerName: "127.0.0.1"}
	if err := roundTrip(addr, bare); err == nil {
		t.Fatal("client without a certificate was accepted")
	}
	other, _ := testpki.NewCA(p.dir, "other")
	stranger, _ := other.Issue(p.dir, "stranger")
	pair, _ := tls.X509KeyPair(stranger.CertPEM, stranger.KeyPEM)
	bare.Certificates = []tls.Certificate{pair}
	if err := roundTrip(addr, bare); err == nil {
		t.Fatal("client with a certificate of another CA was accepted")
	}
}

func TestClientRefusesUnknownServer(t *testing.T) {
	p := newPKI(t)
	other, _ := testpki.NewCA(p.dir, "other")
	impostor, _ := other.Issue(p.dir, "impostor")
	srv, err := New(Files{Cert: impostor.CertPath, Key: impostor.KeyPath}, nil)
	if err != nil {
		t.Fatal(err)
	}
	addr := serve(t, srv.ServerConfig())
	cli, _ := New(Files{Cert: p.client.CertPath, Key: p.client.KeyPath, CA: p.ca.CertPath}, nil)
	cc := cli.ClientConfig()
	cc.ServerName = "127.0.0.1"
	if err := roundTrip(addr, cc); err == nil {
		t.Fatal("server of another CA was accepted")
	}
}

// replace writes k's files over the paths of dst, by rename.
func replace(t *testing.T, k, dst *testpki.Key) {
	t.Helper()
	for src, to := range map[string]string{k.CertPath: dst.CertPath, k.KeyPath: dst.KeyPath} {
		if err := os.Rename(src, to); err != nil {
			t.Fatal(err)
		}
	}
}

func TestReloadKeepsOldOnBadFile(t *testing.T) {
	p := newPKI(t)
	srv, err := New(Files{Cert: p.server.CertPath, Key: p.server.KeyPath}, nil)
	if err != nil {
		t.Fatal(err)
	}
	old := srv.Leaf().SerialNumber
	if err := os.WriteFile(p.server.CertPath, []byte("not a certificate"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := srv.Reload(); !errors.Is(err, ErrConfig) {
		t.Fatalf("reload of a bad file: %v", err)
	}
	if srv.Leaf().SerialNumber.Cmp(old) != 0 {
		t.Fatal("a bad file replaced the certificate")
	}
	addr := serve(t, srv.ServerConfig())
	if err := roundTrip(addr, &tls.Config{RootCAs: p.ca.Pool(), ServerName: "127.0.0.1"}); err != nil {
		t.Fatalf("old certificate no longer served: %v", err)
	}
	next, _ := p.ca.Issue(p.dir, "next")
	replace(t, next, p.server)
	if err := srv.Reload(); err != nil {
		t.Fatal(err)
	}
	if srv.Leaf().SerialNumber.Cmp(next.Cert.SerialNumber) != 0 {
		t.Fatal("reload did not take the new certificate")
	}
}

// TestWatchReloadsOnRename: a certificate replaced by rename is served by
// the next handshake, without a call to Reload.
func TestWatchReloadsOnRename(t *testing.T) {
	p := newPKI(t)
	srv, err := New(Files{Cert: p.server.CertPath, Key: p.server.KeyPath}, nil)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go srv.Watch(ctx)
	addr := serve(t, srv.ServerConfig())
	next, _ := p.ca.Issue(p.dir, "next")
	// The watcher may start after the rename: repeat it until seen.
	deadline := time.Now().Add(20 * time.Second)
	for srv.Leaf().SerialNumber.Cmp(next.Cert.SerialNumber) != 0 {
		if time.Now().After(deadline) {
			t.Fatal("the renamed certificate was never loaded")
		}
		tmp, _ := os.ReadFile(next.CertPath)
		writeRename(t, p.server.CertPath, tmp)
		key, _ := os.ReadFile(next.KeyPath)
		writeRename(t, p.server.KeyPath, key)
		time.Sleep(50 * time.Millisecond)
	}
	var got []byte
	conf := &tls.Config{RootCAs: p.ca.Pool(), ServerName: "127.0.0.1",
		VerifyConnection: func(cs tls.ConnectionState) error { got = cs.PeerCertificates[0].Raw; return nil }}
	if err := roundTrip(addr, conf); err != nil {
		t.Fatal(err)
	}
	if string(got) != string(next.Cert.Raw) {
		t.Fatal("handshake after the reload served the old certificate")
	}
}

func writeRename(t *testing.T, path string, data []byte) {
	t.Helper()
	tmp := filepath.Join(filepath.Dir(path), ".tmp-"+filepath.Base(path))
	if err := os.WriteFile(tmp, data, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(tmp, path); err != nil {
		t.Fatal(err)
	}
}

func TestFilesCheck(t *testing.T) {
	for _, f := range []Files{{}, {Cert: "c"}, {Cert: "c", Key: "k", VerifyClients: true}} {
		if err := f.Check(); !errors.Is(err, ErrConfig) {
			t.Errorf("%+v: %v", f, err)
		}
	}
	if _, err := New(Files{Cert: "/nonexistent/c", Key: "/nonexistent/k"}, nil); !errors.Is(err, ErrConfig) {
		t.Errorf("missing files: %v", err)
	}
}
