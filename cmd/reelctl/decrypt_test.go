package main

import (
	"bytes"
	"crypto/rand"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/reel-project/reel/core/cms"
)

// opensslKey makes a key and self-signed certificate with the openssl CLI.
func opensslKey(t *testing.T, dir, name string) (keyPath, certPath string, cert *x509.Certificate) {
	t.Helper()
	keyPath, certPath = filepath.Join(dir, name+".key"), filepath.Join(dir, name+".pem")
	out, err := exec.Command("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
		"-keyout", keyPath, "-out", certPath, "-subj", "/CN="+name, "-days", "2").CombinedOutput()
	if err != nil {
		t.Fatalf("openssl (the test oracle, installed by make deps): %v: %s", err, out)
	}
	data, _ := os.ReadFile(certPath)
	block, _ := pem.Decode(data)
	cert, err = x509.ParseCertificate(block.Bytes)
	if err != nil {
		t.Fatal(err)
	}
	return keyPath, certPath, cert
}

func TestDecryptWritesThePlaintextOrNothing(t *testing.T) {
	dir := t.TempDir()
	key, _, cert := opensslKey(t, dir, "tenant")
	otherKey, _, _ := opensslKey(t, dir, "other")
	plain := make([]byte, 100_000)
	rand.Read(plain)
	var env bytes.Buffer
	if err := cms.Encrypt(&env, bytes.NewReader(plain), int64(len(plain)), []*x509.Certificate{cert}, cms.Options{Cipher: cms.AES256GCM}); err != nil {
		t.Fatal(err)
	}
	good := filepath.Join(dir, "call.mp3")
	os.WriteFile(good, env.Bytes(), 0o600)
	damaged := filepath.Join(dir, "damaged.mp3")
	d := bytes.Clone(env.Bytes())
	d[len(d)-500] ^= 1
	os.WriteFile(damaged, d, 0o600)

	out := filepath.Join(dir, "call.plain.mp3")
	if err := dispatch([]string{"decrypt", "--key", key, "--out", out, good}, &bytes.Buffer{}); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(out); !bytes.Equal(got, plain) {
		t.Fatal("decrypted file differs")
	}
	var stdout bytes.Buffer
	if err := dispatch([]string{"decrypt", "--key", key, good}, &stdout); err != nil || !bytes.Equal(stdout.Bytes(), plain) {
		t.Fatalf("to stdout: %v", err)
	}
	for _, tc := range []struct {
		name, key, file string
		want            error
	}{
		{"the wrong key", otherKey, good, cms.ErrNoRecipient},
		{"a damaged envelope", key, damaged, cms.ErrIntegrity},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := filepath.Join(dir, "out-"+strings.ReplaceAll(tc.name, " ", "-"))
			err := dispatch([]string{"decrypt", "--key", tc.key, "--out", out, tc.file}, &bytes.Buffer{})
			if !errors.Is(err, tc.want) {
				t.Fatalf("got %v, want %v", err, tc.want)
			}
			if _, err := os.Stat(out); !os.IsNotExist(err) {
				t.Fatal("an output file was left behind")
			}
			if left, _ := filepath.Glob(filepath.Join(dir, ".out-*")); len(left) > 0 {
				t.Fatalf("temporary files left: %v", left)
			}
		})
	}
}
