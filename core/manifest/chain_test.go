package manifest

import (
	"bytes"
	"crypto/x509"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/reel-project/reel/internal/testpki"
)

func signer(t *testing.T) (*testpki.Key, *x509.CertPool) {
	t.Helper()
	k, err := testpki.Valid(t.TempDir(), "p256", 0)
	if err != nil {
		t.Fatal(err)
	}
	roots := x509.NewCertPool()
	roots.AddCert(k.Cert)
	return k, roots
}

// sealOne seals m and returns what Seal handed to its store function.
func sealOne(c *Chain, m Manifest) (data, sig []byte, err error) {
	err = c.Seal(m, time.Now(), func(d, s []byte) error {
		data, sig = d, s
		return nil
	})
	return data, sig, err
}

func sealN(t *testing.T, c *Chain, ids ...string) []Link {
	t.Helper()
	var links []Link
	for _, id := range ids {
		data, _, err := sealOne(c, Manifest{RecordingID: id, Files: []File{{Name: id + ".mp3", Size: 3, SHA256: Hash([]byte("abc"))}}})
		if err != nil {
			t.Fatal(err)
		}
		m, err := Parse(data)
		if err != nil {
			t.Fatal(err)
		}
		links = append(links, Link{Data: data, Manifest: m})
	}
	return links
}

func TestChainLinksManifestsAcrossRestarts(t *testing.T) {
	k, _ := signer(t)
	dir := t.TempDir()
	c, err := OpenChain(dir, "0a0b0c0d", k.Cert, k.Key)
	if err != nil {
		t.Fatal(err)
	}
	links := sealN(t, c, "r1", "r2")
	c2, err := OpenChain(dir, "0a0b0c0d", k.Cert, k.Key) // a restart
	if err != nil {
		t.Fatal(err)
	}
	links = append(links, sealN(t, c2, "r3")...)
	if err := CheckChain(links); err != nil {
		t.Fatal(err)
	}
	if links[0].Manifest.Sequence != 1 || links[0].Manifest.Previous != "" || links[2].Manifest.Sequence != 3 {
		t.Fatalf("sequences %d, %d, previous %q", links[0].Manifest.Sequence, links[2].Manifest.Sequence, links[0].Manifest.Previous)
	}
}

func TestCheckChainFindsTheBreak(t *testing.T) {
	k, _ := signer(t)
	c, _ := OpenChain(t.TempDir(), "n1", k.Cert, k.Key)
	links := sealN(t, c, "r1", "r2", "r3")
	altered := append([]Link(nil), links...)
	altered[1].Data = bytes.Replace(links[1].Data, []byte(`"r2"`), []byte(`"rX"`), 1)
	for _, tc := range []struct {
		name  string
		links []Link
		want  string
	}{
		{"a manifest removed", []Link{links[0], links[2]}, "sequence 3 follows 1 (1 missing"},
		{"a manifest altered", altered, "names previous"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := CheckChain(tc.links)
			if !errors.Is(err, ErrChain) || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("got %v, want ErrChain with %q", err, tc.want)
			}
		})
	}
}

func TestSignatureVerifiesWithGoAndOpenSSL(t *testing.T) {
	k, roots := signer(t)
	c, _ := OpenChain(t.TempDir(), "n1", k.Cert, k.Key)
	data, sig, err := sealOne(c, Manifest{RecordingID: "r1"})
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := Check(data, sig, roots); err != nil {
		t.Fatal(err)
	}
	if _, _, err := Check(append(data, '\n'), sig, roots); err == nil {
		t.Fatal("an altered manifest verified")
	}
	dir := t.TempDir()
	mp, sp := filepath.Join(dir, FileName("r1")), filepath.Join(dir, SignatureName("r1"))
	os.WriteFile(mp, data, 0o600)
	os.WriteFile(sp, sig, 0o600)
	out, err := exec.Command("openssl", "cms", "-verify", "-binary", "-inform", "DER", "-in", sp, "-content", mp,
		"-CAfile", k.CertPath, "-purpose", "any", "-out", os.DevNull).CombinedOutput()
	if err != nil {
		t.Fatalf("openssl cms -verify: %v: %s", err, out)
	}
}

func TestCheckFileComparesSizeAndHash(t *testing.T) {
	f := File{Name: "a.mp3", Size: 3, SHA256: Hash([]byte("abc"))}
	if err := CheckFile(f, strings.NewReader("abc")); err != nil {
		t.Fatal(err)
	}
	for _, body := range []string{"abd", "abcd", ""} {
		if err := CheckFile(f, strings.NewReader(body)); !errors.Is(err, ErrFile) {
			t.Fatalf("%q: got %v", body, err)
		}
	}
}

func TestAdoptTakesUpAManifestACrashLeftUnlinked(t *testing.T) {
	k, _ := signer(t)
	dir := t.TempDir()
	c, _ := OpenChain(dir, "n1", k.Cert, k.Key)
	first := sealN(t, c, "r1")
	var stored []byte
	errCrash := errors.New("crash before the link is recorded")
	err := c.Seal(Manifest{RecordingID: "r2"}, time.Now(), func(d, _ []byte) error {
		stored = d
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	// Simulate the crash: a chain reopened from the state before r2.
	os.WriteFile(filepath.Join(dir, stateFile), []byte("1 "+Hash(first[0].Data)+"\n"), 0o600)
	c2, _ := OpenChain(dir, "n1", k.Cert, k.Key)
	if err := c2.Adopt(stored); err != nil {
		t.Fatal(err)
	}
	if err := c2.Adopt(stored); err != nil {
		t.Fatalf("adopting twice: %v", err)
	}
	third := sealN(t, c2, "r3")
	m2, _ := Parse(stored)
	if err := CheckChain([]Link{first[0], {Data: stored, Manifest: m2}, third[0]}); err != nil {
		t.Fatal(err)
	}
	if err := c2.Seal(Manifest{RecordingID: "r4"}, time.Now(), func(_, _ []byte) error { return errCrash }); !errors.Is(err, errCrash) {
		t.Fatalf("store error: got %v", err)
	}
	if next := sealN(t, c2, "r5"); next[0].Manifest.Sequence != 4 {
		t.Fatalf("a failed store advanced the chain: sequence %d", next[0].Manifest.Sequence)
	}
}
