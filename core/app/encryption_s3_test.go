package app

import (
	"bytes"
	"crypto/x509"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/reel-project/reel/core/config"
	"github.com/reel-project/reel/core/manifest"
	"github.com/reel-project/reel/internal/testpki"
	"github.com/reel-project/reel/plugins/miniotest"
)

// The same through the S3 plugin and a real MinIO, with AES-256-GCM and an
// EC tenant key: every object is an envelope or the signed manifest.
func TestAnEncryptingProfileStoresOnlyEnvelopesAndASignedManifestOnMinIO(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: runs MinIO and a plugin process")
	}
	keys := t.TempDir()
	tenant, _ := testpki.Valid(keys, "p256", 0)
	node, _ := testpki.Valid(keys, "rsa2048", 0)
	srv, err := miniotest.Start(miniotest.Binary(t), t.TempDir(), "", "rec")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(srv.Stop)
	s3 := goBuild(t, t.TempDir(), "github.com/reel-project/reel/cmd/reel-plugin-storage-s3")
	m, addr := startMCP(t, func(c *config.MCP) {
		c.Plugins = []config.Plugin{{Name: "s3", Kinds: []string{"storage"}, Binary: s3, Config: map[string]any{
			"endpoint": srv.Endpoint(), "bucket": "rec", "access_key": miniotest.AccessKey, "secret_key": miniotest.SecretKey}}}
		c.Profiles = map[string]config.Profile{config.DefaultProfile: {Storage: []string{"s3"},
			Encryption: &config.Encryption{Certificates: []string{tenant.CertPath}, Cipher: "aes-256-gcm"}}}
		c.Manifests = config.Manifests{Certificate: node.CertPath, Key: node.KeyPath}
	})
	recordCall(t, addr, "conf-enc-s3", 2)
	waitDelivered(t, m, 60*time.Second)

	objects, err := srv.List("rec", "")
	if err != nil || len(objects) != 4 {
		t.Fatalf("bucket holds %v (%v), want 2 envelopes, the manifest and its signature", objects, err)
	}
	local := t.TempDir() // the objects as files, for openssl and VerifyLocal
	var mpath, mkey string
	for _, key := range objects {
		body, err := srv.Get("rec", key)
		if err != nil {
			t.Fatal(err)
		}
		p := filepath.Join(local, path.Base(key))
		os.WriteFile(p, body, 0o600)
		switch {
		case strings.HasSuffix(key, ".manifest.json"):
			mpath, mkey = p, key
		case strings.HasSuffix(key, ".mp3"), strings.HasSuffix(key, ".wav"):
			if bytes.Contains(body, []byte("WAVEfmt")) {
				t.Fatalf("%s: a WAV header in the stored object", key)
			}
			openAndProbe(t, p, tenant.KeyPath)
		}
	}
	roots := x509.NewCertPool()
	roots.AddCert(node.Cert)
	res, err := manifest.VerifyLocal([]string{mpath}, roots)
	if err != nil || res[0].Err != nil || res[0].Manifest.Encryption.Cipher != "aes-256-gcm" {
		t.Fatalf("manifest from MinIO: %v %+v", err, res)
	}

	// reelctl verify reads the manifest and the envelopes from the bucket.
	reelctl := goBuild(t, t.TempDir(), "github.com/reel-project/reel/cmd/reelctl")
	cmd := exec.Command(reelctl, "verify", "--ca", node.CertPath, "--s3-endpoint", srv.Endpoint(), "s3://rec/"+mkey)
	cmd.Env = append(os.Environ(), "AWS_ACCESS_KEY_ID="+miniotest.AccessKey, "AWS_SECRET_ACCESS_KEY="+miniotest.SecretKey)
	if out, err := cmd.CombinedOutput(); err != nil || !strings.HasPrefix(string(out), "ok ") {
		t.Fatalf("reelctl verify s3://rec/%s: %v\n%s", mkey, err, out)
	}
	cmd = exec.Command(reelctl, cmd.Args[1:]...)
	cmd.Env = append(os.Environ(), "AWS_ACCESS_KEY_ID="+miniotest.AccessKey, "AWS_SECRET_ACCESS_KEY=wrong")
	if out, err := cmd.CombinedOutput(); err == nil || !strings.Contains(string(out), "403") {
		t.Fatalf("reelctl verify with a wrong secret: %v\n%s", err, out)
	}
}
