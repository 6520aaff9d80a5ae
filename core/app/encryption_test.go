package app

import (
	"crypto/sha256"
	"crypto/x509"
	"encoding/hex"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/reel-project/reel/core/cms"
	"github.com/reel-project/reel/core/config"
	"github.com/reel-project/reel/core/manifest"
	"github.com/reel-project/reel/internal/testpki"
	"github.com/reel-project/reel/plugins/davtest"
)

// encryptedDoc is what the RPS gets for an encrypted recording.
type encryptedDoc struct {
	ID         string
	MediaFiles []struct {
		MediaID         string
		Size            string
		MediaDescriptor struct {
			Storage    []struct{ URI string }
			SHA256     string
			Encryption struct{ Format, Certificate string }
		}
	}
}

// A profile with encryption and a node with a manifest key: WebDAV holds
// only envelopes (that openssl opens into files ffprobe accepts), the
// manifest and its signature; the RPS document names the format, the
// certificate and each stored file's SHA-256.
func TestAnEncryptingProfileStoresOnlyEnvelopesAndASignedManifestOnWebDAV(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: runs Apache and two plugin processes")
	}
	keys := t.TempDir()
	tenant, err := testpki.Valid(keys, "rsa2048", 0)
	if err != nil {
		t.Fatal(err)
	}
	node, err := testpki.Valid(keys, "p256", 0)
	if err != nil {
		t.Fatal(err)
	}
	dav := davtest.Start(t)
	rps := newRPS(t, dav, "")
	m, addr, _ := deliveryMCP(t, dav, rps, func(c *config.MCP) {
		p := c.Profiles[config.DefaultProfile]
		p.Encryption = &config.Encryption{Certificates: []string{tenant.CertPath}}
		c.Profiles[config.DefaultProfile] = p
		c.Manifests = config.Manifests{Certificate: node.CertPath, Key: node.KeyPath}
	})
	recordCall(t, addr, "conf-enc", 2)
	waitDelivered(t, m, 60*time.Second)

	posts := rps.got()
	if len(posts) != 1 {
		t.Fatalf("%d RPS posts, want 1", len(posts))
	}
	var doc encryptedDoc
	if err := json.Unmarshal(posts[0].raw, &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.MediaFiles) != 2 {
		t.Fatalf("document lists %d media files, want an MP3 and a WAV", len(doc.MediaFiles))
	}
	fp := sha256.Sum256(tenant.Cert.Raw)
	folder := ""
	for _, mf := range doc.MediaFiles {
		d := mf.MediaDescriptor
		if d.Encryption.Format != "pkcs7" || d.Encryption.Certificate != hex.EncodeToString(fp[:]) {
			t.Errorf("%s: encryption %+v", mf.MediaID, d.Encryption)
		}
		rel := strings.TrimPrefix(d.Storage[0].URI, dav.URL+"/")
		folder = filepath.Dir(rel)
		body, err := os.ReadFile(dav.Path(rel))
		if err != nil {
			t.Fatal(err)
		}
		if sum := sha256.Sum256(body); hex.EncodeToString(sum[:]) != d.SHA256 {
			t.Errorf("%s: stored SHA-256 %x, document says %s", mf.MediaID, sum, d.SHA256)
		}
		openAndProbe(t, dav.Path(rel), tenant.KeyPath)
	}
	checkStoredManifest(t, dav, folder, node.Cert, len(doc.MediaFiles))
}

// openAndProbe decrypts an envelope with openssl and runs ffprobe on it.
func openAndProbe(t *testing.T, path, key string) {
	t.Helper()
	data, _ := os.ReadFile(path)
	if !cms.IsEnvelope(data) {
		t.Fatalf("%s on the server is not a CMS envelope", filepath.Base(path))
	}
	out := filepath.Join(t.TempDir(), filepath.Base(path))
	if b, err := exec.Command("openssl", "cms", "-decrypt", "-binary", "-inform", "DER", "-in", path, "-inkey", key, "-out", out).CombinedOutput(); err != nil {
		t.Fatalf("openssl cms -decrypt %s: %v: %s", filepath.Base(path), err, b)
	}
	if b, err := exec.Command("ffprobe", "-v", "error", out).CombinedOutput(); err != nil || len(b) > 0 {
		t.Fatalf("ffprobe refuses the decrypted %s: %v %s", filepath.Base(path), err, b)
	}
}

// checkStoredManifest verifies the manifest beside the files on WebDAV and
// that the folder holds nothing else.
func checkStoredManifest(t *testing.T, dav *davtest.Server, folder string, node *x509.Certificate, media int) {
	t.Helper()
	names := davFolder(t, dav, folder)
	var mpath string
	for _, n := range names {
		if strings.HasSuffix(n, ".manifest.json") {
			mpath = filepath.Join(dav.Path(folder), n)
		}
	}
	if len(names) != media+2 || mpath == "" {
		t.Fatalf("WebDAV folder holds %v, want %d envelopes, the manifest and its signature", names, media)
	}
	roots := x509.NewCertPool()
	roots.AddCert(node)
	results, err := manifest.VerifyLocal([]string{mpath}, roots)
	if err != nil || results[0].Err != nil || len(results[0].Manifest.Files) != media {
		t.Fatalf("manifest on WebDAV: %v %+v", err, results)
	}
}
