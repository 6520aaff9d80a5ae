package seal

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/x509"
	"log/slog"
	"os"
	"path/filepath"
	"testing"

	"github.com/reel-project/reel/core/spool"
	"github.com/reel-project/reel/core/tenantcert"

	"github.com/reel-project/reel/core/cms"
	"github.com/reel-project/reel/internal/testpki"
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

// With analytics_plaintext the plaintext stays beside the envelope, as a
// hard link the spool gives the analytics destinations, also after a re-seal.
func TestAnalyticsPlaintextKeepsALinkToThePlaintext(t *testing.T) {
	f := newFixture(t, cms.Options{})
	f.sealer.Profiles["trusting"] = Profile{Encrypt: true, AnalyticsPlaintext: true}
	f.sealer.Certs = reloadFor(t, f, "trusting")
	j, plain := newSealJob(t, "rec1", "trusting")
	before := append(j.Files[:0:0], j.Files...)
	for range 2 { // the second time as after a crash before the record was saved
		j.Files = append(before[:0:0], before...)
		if err := f.sealer.Seal(context.Background(), j); err != nil {
			t.Fatal(err)
		}
	}
	for _, file := range j.Files[:2] {
		got, err := os.ReadFile(filepath.Join(j.Dir, spool.PlainName(file.Name)))
		if err != nil || !bytes.Equal(got, plain[file.Name]) || file.Plain == nil {
			t.Fatalf("%s: plaintext copy %d bytes, %v, Plain %v", file.Name, len(got), err, file.Plain)
		}
		env, _ := os.ReadFile(file.Path)
		if !cms.IsEnvelope(env) {
			t.Fatalf("%s is not an envelope", file.Name)
		}
	}
}

// reloadFor returns a certificate store giving profile the fixture's tenant certificates.
func reloadFor(t *testing.T, f *fixture, profile string) *tenantcert.Store {
	t.Helper()
	s, err := tenantcert.Load(map[string][]string{profile: {f.certsFile}}, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	return s
}
