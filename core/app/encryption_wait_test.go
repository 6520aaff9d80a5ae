package app

import (
	"errors"
	"io"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/reel-project/reel/core/config"
	"github.com/reel-project/reel/core/spool"
	"github.com/reel-project/reel/internal/testpki"
)

// A profile whose only certificate has expired: the recording waits in the
// spool — listed with the reason, counted by the metric, named by /readyz
// (still 200) — and nothing reaches the storage; once a valid certificate
// is configured (SIGHUP), it is encrypted for it and delivered.
func TestWithoutAValidCertificateTheRecordingWaitsThenLeavesEncrypted(t *testing.T) {
	keys := t.TempDir()
	expired, _ := testpki.New(keys, "rsa2048", 0, time.Now().Add(-48*time.Hour), time.Now().Add(-time.Hour))
	fresh, _ := testpki.Valid(keys, "p256", 0)
	certs := filepath.Join(keys, "tenant.pem")
	os.WriteFile(certs, expired.CertPEM, 0o600)
	m, addr := startMCP(t, func(c *config.MCP) {
		p := c.Profiles[config.DefaultProfile]
		p.Encryption = &config.Encryption{Certificates: []string{certs}}
		c.Profiles[config.DefaultProfile] = p
		c.Spool.BackoffBase, c.Spool.BackoffMax = 10*time.Millisecond, 50*time.Millisecond
	})
	recordCall(t, addr, "conf-wait", 2)
	waitFor(t, func() bool {
		code, body := get(t, "http://"+m.HTTPAddr()+"/readyz")
		return code == http.StatusOK && strings.Contains(body, "profile default: 1 recordings wait for a valid encryption certificate")
	})
	if _, body := get(t, "http://"+m.HTTPAddr()+"/metrics"); !strings.Contains(body, "reel_encryption_waiting 1") {
		t.Error("metric reel_encryption_waiting is not 1")
	}
	jobs, _ := spool.Inspector{Dir: m.cfg.SpoolDir()}.List(spool.Filter{})
	if len(jobs) != 1 || jobs[0].State != spool.Pending || !strings.Contains(jobs[0].LastError, "waiting for an encryption certificate") {
		t.Fatalf("spool list: %+v", jobs)
	}
	if media := mediaIn(t, m.cfg.RecordingDir()); len(media) > 0 {
		t.Fatalf("delivered without a certificate: %v", media)
	}
	if err := (spool.Inspector{Dir: m.cfg.SpoolDir()}).Export(jobs[0].ID, io.Discard); !errors.Is(err, spool.ErrPlaintext) {
		t.Fatalf("export of the waiting recording: %v, want ErrPlaintext", err)
	}

	os.WriteFile(certs, append(append([]byte(nil), expired.CertPEM...), fresh.CertPEM...), 0o600)
	if err := m.ReloadCertificates(); err != nil {
		t.Fatal(err)
	}
	waitDelivered(t, m, 30*time.Second)
	media := mediaIn(t, m.cfg.RecordingDir())
	if len(media) != 2 {
		t.Fatalf("recordings dir holds %v, want an MP3 and a WAV", media)
	}
	for _, f := range media {
		openAndProbe(t, f, fresh.KeyPath)
	}
	if code, body := get(t, "http://"+m.HTTPAddr()+"/readyz"); code != http.StatusOK || strings.TrimSpace(body) != "ready" {
		t.Errorf("/readyz after delivery: %d %q", code, body)
	}
}

func mediaIn(t *testing.T, dir string) []string {
	t.Helper()
	m, err := filepath.Glob(filepath.Join(dir, "*.[mw][pa][3v]"))
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// A certificate file that cannot be used, or a manifest key that does not
// match its certificate, stops the start with an error naming the file.
func TestUnusableKeysStopTheStartNamingTheFile(t *testing.T) {
	keys := t.TempDir()
	weak, _ := testpki.Valid(keys, "rsa1024", 0)
	good, _ := testpki.Valid(keys, "p256", 0)
	other, _ := testpki.Valid(keys, "p384", 0)
	missing := filepath.Join(keys, "missing.pem")
	for _, tc := range []struct {
		name, want string
		edit       func(*config.MCP)
	}{
		{"a missing certificate file", "missing.pem", encryptFor(missing)},
		{"a weak certificate", "1024 bits", encryptFor(weak.CertPath)},
		{"a private key as certificate file", "PRIVATE KEY", encryptFor(good.KeyPath)},
		{"a manifest key of another certificate", "does not hold the key", func(c *config.MCP) {
			c.Manifests = config.Manifests{Certificate: good.CertPath, Key: other.KeyPath}
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cfg := config.Default()
			cfg.DataDir = t.TempDir()
			cfg.SIP.Listen, cfg.HTTP.Listen, cfg.RTP.BindIP = "127.0.0.1:0", "127.0.0.1:0", "127.0.0.1"
			tc.edit(&cfg)
			m, err := NewMCP(cfg, slog.New(slog.DiscardHandler))
			if err == nil {
				m.stopDelivery()
				t.Fatal("NewMCP succeeded")
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("error %q does not name %q", err, tc.want)
			}
		})
	}
}

func encryptFor(path string) func(*config.MCP) {
	return func(c *config.MCP) {
		p := c.Profiles[config.DefaultProfile]
		p.Encryption = &config.Encryption{Certificates: []string{path}}
		c.Profiles[config.DefaultProfile] = p
	}
}
