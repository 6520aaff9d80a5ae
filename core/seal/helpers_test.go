package seal

import (
	"bytes"
	"crypto/x509"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/reel-project/reel/core/cms"
	"github.com/reel-project/reel/core/manifest"
	"github.com/reel-project/reel/core/spool"
	"github.com/reel-project/reel/core/tenantcert"
	"github.com/reel-project/reel/internal/testpki"
)

// fixture is a sealer for profile "bank" (encrypting for one RSA and one
// EC certificate) and "plain" (manifests only), and a job with an MP3 and
// a WAV that ffmpeg made from the repository's audio fixture.
type fixture struct {
	sealer    *Sealer
	tenant    []*testpki.Key
	node      *testpki.Key
	roots     *x509.CertPool
	certsFile string
}

func newFixture(t *testing.T, opt cms.Options) *fixture {
	t.Helper()
	dir := t.TempDir()
	f := &fixture{certsFile: filepath.Join(dir, "bank.pem")}
	for i, kind := range []string{"rsa2048", "p256"} {
		k, err := testpki.Valid(dir, kind, i)
		if err != nil {
			t.Fatal(err)
		}
		f.tenant = append(f.tenant, k)
	}
	os.WriteFile(f.certsFile, append(bytes.Clone(f.tenant[0].CertPEM), f.tenant[1].CertPEM...), 0o600)
	store, err := tenantcert.Load(map[string][]string{"bank": {f.certsFile}}, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	if f.node, err = testpki.Valid(dir, "p384", 0); err != nil {
		t.Fatal(err)
	}
	f.roots = x509.NewCertPool()
	f.roots.AddCert(f.node.Cert)
	chain, err := manifest.OpenChain(dir, "0a0b0c0d", f.node.Cert, f.node.Key)
	if err != nil {
		t.Fatal(err)
	}
	f.sealer = &Sealer{Certs: store, Chain: chain, Default: "default", Log: slog.New(slog.DiscardHandler), Now: time.Now,
		Profiles: map[string]Profile{"bank": {Encrypt: true, Options: opt}, "plain": {}}}
	return f
}

// media makes name in dir with ffmpeg from 3 s of the µ-law fixture.
func media(t *testing.T, dir, name string) string {
	t.Helper()
	if _, err := exec.LookPath("ffmpeg"); err != nil {
		t.Fatal("ffmpeg not installed (make deps)")
	}
	out := filepath.Join(dir, name)
	args := []string{"-loglevel", "error", "-f", "mulaw", "-ar", "8000", "-ac", "1", "-t", "3",
		"-i", "../../testdata/audio/pcmu.1.8k.raw"}
	if filepath.Ext(name) == ".wav" {
		args = append(args, "-c:a", "pcm_mulaw")
	} else {
		args = append(args, "-b:a", "16k")
	}
	if b, err := exec.Command("ffmpeg", append(args, "-y", out)...).CombinedOutput(); err != nil {
		t.Fatalf("ffmpeg: %v: %s", err, b)
	}
	return out
}

// newSealJob is a spool job folder with an MP3, a WAV and a document.
func newSealJob(t *testing.T, id, profile string) (*spool.SealJob, map[string][]byte) {
	t.Helper()
	dir := t.TempDir()
	j := &spool.SealJob{ID: id, Dir: dir}
	plain := map[string][]byte{}
	for _, n := range []string{id + ".mp3", id + ".wav"} {
		p := media(t, dir, n)
		plain[n], _ = os.ReadFile(p)
		j.Files = append(j.Files, spool.FileRef{Name: n, Path: p, ContentType: "audio/" + filepath.Ext(n)[1:]})
	}
	j.Document = []byte(`{"id":"` + id + `","mediaFiles":[{"mediaId":"` + id + `.mp3","ivrprofile":"` + profile +
		`","startTime":"2026-12-07T23:00:00.000+0000","mediaDescriptor":{"storage":[]}},{"mediaId":"` + id +
		`.wav","ivrprofile":"` + profile + `"}],"eventHistory":[{"event":"start","time":"t0"},{"event":"stop","time":"t1"}]}`)
	return j, plain
}
