package seal

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/x509"
	"os"
	"path/filepath"
	"testing"

	"github.com/reel-project/reel/core/cms"
	"github.com/reel-project/reel/core/internal/testpki"
)

// A crash during encryption leaves the plaintext and a partial temporary
// file; the next Seal overwrites the temporary file and finishes.
func TestAnEncryptionCutShortIsRedoneFromThePlaintext(t *testing.T) {
	f := newFixture(t, cms.Options{})
	j, plain := newSealJob(t, "rec1", "bank")
	for _, file := range j.Files {
		tmp := filepath.Join(j.Dir, "."+file.Name+".cms-tmp")
		os.WriteFile(tmp, []byte("0\x82\x01partial envelope"), 0o640)
	}
	if err := f.sealer.Seal(context.Background(), j); err != nil {
		t.Fatal(err)
	}
	for _, file := range j.Files[:2] {
		env, _ := os.ReadFile(file.Path)
		var out bytes.Buffer
		if err := cms.Decrypt(&out, bytes.NewReader(env), f.tenant[1].Key); err != nil || !bytes.Equal(out.Bytes(), plain[file.Name]) {
			t.Fatalf("%s: %v", file.Name, err)
		}
		if _, err := os.Stat(filepath.Join(j.Dir, "."+file.Name+".cms-tmp")); !os.IsNotExist(err) {
			t.Fatalf("temporary file left: %v", err)
		}
	}
}

// BenchmarkEncryptFile encrypts an 8 MB file in place as Seal does: the
// B/op is the memory one file being encrypted takes (the budget is 256 KB).
func BenchmarkEncryptFile(b *testing.B) {
	k, err := testpki.Valid(b.TempDir(), "rsa2048", 0)
	if err != nil {
		b.Fatal(err)
	}
	dir := b.TempDir()
	plain := make([]byte, 8<<20)
	rand.Read(plain)
	path := filepath.Join(dir, "call.mp3")
	certs := []*x509.Certificate{k.Cert}
	b.SetBytes(int64(len(plain)))
	b.ReportAllocs()
	for b.Loop() {
		b.StopTimer()
		if err := os.WriteFile(path, plain, 0o640); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		if err := encryptInPlace(path, certs, cms.Options{}); err != nil {
			b.Fatal(err)
		}
	}
}
