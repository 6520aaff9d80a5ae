package app

import (
	"crypto/x509"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/reel-project/reel/core/manifest"
	"github.com/reel-project/reel/internal/testpki"
)

// encryptingConfig is the configuration startMCPProcess adds: the default
// profile encrypts for tenant and the node signs manifests.
func encryptingConfig(tenant, node *testpki.Key) string {
	return fmt.Sprintf("    encryption: {certificates: [%q]}\nmanifests: {certificate: %q, key: %q}\n",
		tenant.CertPath, node.CertPath, node.KeyPath)
}

// kill -9 in the middle of an encrypted recording: after the restart the
// recording is repaired, encrypted and delivered; the recordings directory
// (the localdir storage) never holds a plaintext MP3 or WAV.
func TestAnEncryptingMCPKilledMidCallDeliversOnlyEnvelopesAfterTheRestart(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs reel-mcp")
	}
	keys := t.TempDir()
	tenant, _ := testpki.Valid(keys, "p384", 0)
	node, _ := testpki.Valid(keys, "rsa2048", 0)
	yaml := encryptingConfig(tenant, node)
	bin, data := buildMCP(t, t.TempDir()), t.TempDir()
	sip := killedMidCall(t, bin, data, "conf-crash-enc", yaml)
	second := startMCPProcess(t, bin, data, sip, yaml)
	defer func() { _ = second.Process.Kill() }()
	dir := filepath.Join(data, "recordings")
	sig := waitGlob(t, filepath.Join(dir, "*.manifest.json.p7s"))
	media, _ := filepath.Glob(filepath.Join(dir, "*.[mw][pa][3v]"))
	if len(media) != 2 {
		t.Fatalf("recordings dir holds %v, want an MP3 and a WAV", media)
	}
	for _, f := range media {
		openAndProbe(t, f, tenant.KeyPath)
	}
	roots := x509.NewCertPool()
	roots.AddCert(node.Cert)
	res, err := manifest.VerifyLocal([]string{strings.TrimSuffix(sig, ".p7s")}, roots)
	if err != nil || res[0].Err != nil {
		t.Fatalf("manifest: %v %+v", err, res)
	}
}

// waitGlob waits until pattern matches one file and returns it.
func waitGlob(t *testing.T, pattern string) string {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for {
		if m, _ := filepath.Glob(pattern); len(m) == 1 {
			return m[0]
		}
		if time.Now().After(deadline) {
			t.Fatalf("nothing matches %s after 30 s", pattern)
		}
		time.Sleep(50 * time.Millisecond)
	}
}
