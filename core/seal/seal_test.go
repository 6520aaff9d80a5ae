package seal

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/reel-project/reel/core/cms"
	"github.com/reel-project/reel/core/manifest"
)

func TestSealedFilesOpenWithOpenSSLAndFFprobeAcceptsThem(t *testing.T) {
	for _, opt := range []cms.Options{{}, {Cipher: cms.AES256GCM, KeyTransport: cms.RSAPKCS1v15}} {
		f := newFixture(t, opt)
		j, plain := newSealJob(t, "rec1", "bank")
		if err := f.sealer.Seal(context.Background(), j); err != nil {
			t.Fatal(err)
		}
		for _, file := range j.Files[:2] {
			for _, k := range f.tenant {
				out := filepath.Join(t.TempDir(), file.Name)
				b, err := exec.Command("openssl", "cms", "-decrypt", "-binary", "-inform", "DER", "-in", file.Path,
					"-inkey", k.KeyPath, "-out", out).CombinedOutput()
				if err != nil {
					t.Fatalf("openssl cms -decrypt %s: %v: %s", file.Name, err, b)
				}
				if got, _ := os.ReadFile(out); !bytes.Equal(got, plain[file.Name]) {
					t.Fatalf("%s: decrypted bytes differ from the plaintext", file.Name)
				}
				if b, err := exec.Command("ffprobe", "-v", "error", out).CombinedOutput(); err != nil || len(b) > 0 {
					t.Fatalf("ffprobe refuses the decrypted %s: %v %s", file.Name, err, b)
				}
			}
		}
	}
}

func TestSealDescribesTheFilesAndAddsASignedManifest(t *testing.T) {
	f := newFixture(t, cms.Options{})
	j, _ := newSealJob(t, "rec1", "bank")
	if err := f.sealer.Seal(context.Background(), j); err != nil {
		t.Fatal(err)
	}
	if len(j.Files) != 4 || j.Files[2].Name != "rec1.manifest.json" || j.Files[3].Name != "rec1.manifest.json.p7s" {
		t.Fatalf("files %+v", j.Files)
	}
	data, _ := os.ReadFile(filepath.Join(j.Dir, j.Files[2].Name))
	sig, _ := os.ReadFile(filepath.Join(j.Dir, j.Files[3].Name))
	m, _, err := manifest.Check(data, sig, f.roots)
	if err != nil {
		t.Fatal(err)
	}
	for i, mf := range m.Files {
		fh, _ := os.Open(j.Files[i].Path)
		if err := manifest.CheckFile(mf, fh); err != nil {
			t.Fatal(err)
		}
		fh.Close()
	}
	if len(m.Events) != 2 || m.Files[0].Start == "" || m.Encryption == nil || len(m.Encryption.Certificates) != 2 {
		t.Fatalf("manifest %+v", m)
	}
	var doc struct {
		MediaFiles []struct {
			Size            string
			MediaDescriptor struct {
				SHA256     string
				Storage    []any
				Encryption struct{ Format, Certificate string }
			}
		}
	}
	if err := json.Unmarshal(j.Document, &doc); err != nil {
		t.Fatal(err)
	}
	d := doc.MediaFiles[0]
	if d.MediaDescriptor.SHA256 != m.Files[0].SHA256 || d.MediaDescriptor.Encryption.Format != "pkcs7" ||
		d.MediaDescriptor.Encryption.Certificate != m.Encryption.Certificates[0] || d.MediaDescriptor.Storage == nil {
		t.Fatalf("document media file %+v", d)
	}
}

func TestSealAgainAfterAnInterruptionChangesNothing(t *testing.T) {
	f := newFixture(t, cms.Options{})
	j, _ := newSealJob(t, "rec1", "bank")
	files := append(j.Files[:0:0], j.Files...)
	doc := j.Document
	if err := f.sealer.Seal(context.Background(), j); err != nil {
		t.Fatal(err)
	}
	first, _ := os.ReadFile(j.Files[0].Path)
	again := *j
	again.Files, again.Document = files, doc // the record as it was before the crash
	if err := f.sealer.Seal(context.Background(), &again); err != nil {
		t.Fatal(err)
	}
	if now, _ := os.ReadFile(again.Files[0].Path); !bytes.Equal(now, first) {
		t.Fatal("an envelope was encrypted a second time")
	}
	next, _ := newSealJob(t, "rec2", "plain")
	if err := f.sealer.Seal(context.Background(), next); err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(filepath.Join(next.Dir, manifest.FileName("rec2")))
	m, _ := manifest.Parse(data)
	if m.Sequence != 2 || m.Encryption != nil {
		t.Fatalf("next manifest: sequence %d (want 2: the re-seal took no link), encryption %+v", m.Sequence, m.Encryption)
	}
}

func TestNoValidCertificateKeepsThePlaintextAndWaits(t *testing.T) {
	f := newFixture(t, cms.Options{})
	os.WriteFile(f.certsFile, []byte("not a certificate"), 0o600)
	f.sealer.Certs.Reload()
	f.sealer.Profiles["empty"] = Profile{Encrypt: true}
	j, plain := newSealJob(t, "rec1", "empty")
	err := f.sealer.Seal(context.Background(), j)
	if !errors.Is(err, ErrWaiting) {
		t.Fatalf("got %v, want ErrWaiting", err)
	}
	if got := f.sealer.Waiting(); got["empty"] != 1 {
		t.Fatalf("waiting %v", got)
	}
	if now, _ := os.ReadFile(j.Files[0].Path); !bytes.Equal(now, plain[j.Files[0].Name]) || len(j.Files) != 2 {
		t.Fatal("files changed although nothing could be sealed")
	}
	if ents, _ := os.ReadDir(j.Dir); len(ents) != 2 {
		t.Fatalf("%d entries in the job folder, want the 2 files", len(ents))
	}
}
