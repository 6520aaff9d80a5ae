package app

import (
	"bytes"
	"crypto/x509"
	"encoding/binary"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/reel-project/reel/core/cms"
	"github.com/reel-project/reel/core/manifest"
	"github.com/reel-project/reel/core/spool"
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

// kill -9 while a recording is being encrypted: the node holds the
// plaintext and a partial envelope, nothing has left it; after the restart
// the envelope is made again from the plaintext and delivered, and it
// opens to the very bytes that were recorded. To make the encryption last
// long enough to be caught, the recording waits (no valid certificate)
// while its WAV is grown to 128 MB.
func TestAnMCPKilledWhileEncryptingRedoesTheEnvelopeAfterTheRestart(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs reel-mcp")
	}
	keys := t.TempDir()
	expired, _ := testpki.New(keys, "rsa2048", 0, time.Now().Add(-48*time.Hour), time.Now().Add(-time.Hour))
	tenant, _ := testpki.Valid(keys, "rsa2048", 0)
	certs := filepath.Join(keys, "tenant.pem")
	writeFile(t, certs, expired.CertPEM)
	yaml := fmt.Sprintf("    encryption: {certificates: [%q]}\n", certs)
	bin, data := buildMCP(t, t.TempDir()), t.TempDir()
	spoolDir, recordings := filepath.Join(data, "spool"), filepath.Join(data, "recordings")

	// 1: a recording that waits for a certificate, grown while no MCP runs.
	sip := killedMidCall(t, bin, data, "conf-kill-seal", yaml)
	second := startMCPProcess(t, bin, data, sip, yaml)
	waitFor(t, func() bool {
		jobs, _ := spool.Inspector{Dir: spoolDir}.List(spool.Filter{})
		return len(jobs) == 1 && strings.Contains(jobs[0].LastError, "waiting for an encryption certificate")
	})
	kill9(t, second)
	wavs, _ := filepath.Glob(filepath.Join(spoolDir, "files", "*", "*.wav"))
	if len(wavs) != 1 {
		t.Fatalf("spool holds %v, want one WAV", wavs)
	}
	plain := growWAV(t, wavs[0], 128<<20)

	// 2: a valid certificate; kill -9 once the envelope is being written.
	writeFile(t, certs, tenant.CertPEM)
	third := startMCPProcess(t, bin, data, sip, yaml)
	tmp := filepath.Join(filepath.Dir(wavs[0]), "."+filepath.Base(wavs[0])+".cms-tmp")
	waitFor(t, func() bool { st, err := os.Stat(tmp); return err == nil && st.Size() > 0 })
	kill9(t, third)
	if media := mediaIn(t, recordings); len(media) > 0 {
		t.Fatalf("delivered while the envelope was being written: %v", media)
	}
	if got, _ := os.ReadFile(wavs[0]); !bytes.Equal(got, plain) && !cms.IsEnvelope(got) {
		t.Fatal("the spooled WAV is neither the plaintext nor an envelope after the kill")
	}

	// 3: the restart seals again and delivers envelopes only.
	fourth := startMCPProcess(t, bin, data, sip, yaml)
	defer func() { _ = fourth.Process.Kill() }()
	waitSidecars(t, recordings, 2)
	media := mediaIn(t, recordings)
	if len(media) != 2 {
		t.Fatalf("recordings dir holds %v, want an MP3 and a WAV", media)
	}
	for _, f := range media {
		openAndProbe(t, f, tenant.KeyPath)
		if strings.HasSuffix(f, ".wav") {
			out := filepath.Join(t.TempDir(), "plain.wav")
			if b, err := exec.Command("openssl", "cms", "-decrypt", "-binary", "-inform", "DER", "-in", f, "-inkey", tenant.KeyPath, "-out", out).CombinedOutput(); err != nil {
				t.Fatalf("openssl: %v: %s", err, b)
			}
			if got, _ := os.ReadFile(out); !bytes.Equal(got, plain) {
				t.Fatalf("the delivered WAV opens to %d bytes, not the %d recorded", len(got), len(plain))
			}
		}
	}
	if left, _ := filepath.Glob(filepath.Join(spoolDir, "files", "*", ".*.cms-tmp")); len(left) > 0 {
		t.Errorf("partial envelopes left behind: %v", left)
	}
}

func kill9(t *testing.T, cmd *exec.Cmd) {
	t.Helper()
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	_ = cmd.Wait()
}

func writeFile(t *testing.T, path string, data []byte) {
	t.Helper()
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
}

// growWAV rewrites the WAV at path to size bytes by repeating its audio,
// fixing the RIFF and data chunk sizes, and returns the new contents.
func growWAV(t *testing.T, path string, size int) []byte {
	t.Helper()
	wav, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	at := bytes.Index(wav, []byte("data"))
	if at < 12 || len(wav) <= at+8 {
		t.Fatalf("%s has no data chunk", path)
	}
	audio := wav[at+8:]
	out := make([]byte, 0, size)
	out = append(out, wav[:at+8]...)
	for len(out) < size {
		out = append(out, audio[:min(len(audio), size-len(out))]...)
	}
	binary.LittleEndian.PutUint32(out[4:], uint32(len(out)-8))
	binary.LittleEndian.PutUint32(out[at+4:], uint32(len(out)-at-8))
	writeFile(t, path, out)
	return out
}
