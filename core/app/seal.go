package app

import (
	"context"
	"crypto"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"fmt"
	"maps"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/reel-project/reel/core/cms"
	"github.com/reel-project/reel/core/config"
	"github.com/reel-project/reel/core/httpapi"
	"github.com/reel-project/reel/core/manifest"
	"github.com/reel-project/reel/core/seal"
	"github.com/reel-project/reel/core/spool"
	"github.com/reel-project/reel/core/tenantcert"
)

// certPoll is how often the certificate files are checked for changes.
const certPoll = 2 * time.Second

// newSealer builds the spool's Seal from the profiles' encryption blocks
// and the node's manifest key; nil when neither is configured.
func (m *MCP) newSealer() (*seal.Sealer, error) {
	files := map[string][]string{}
	profiles := map[string]seal.Profile{}
	for name, p := range m.cfg.Profiles {
		if p.Encryption == nil {
			continue
		}
		files[name] = p.Encryption.Certificates
		profiles[name] = seal.Profile{Encrypt: true, Options: cmsOptions(*p.Encryption), AnalyticsPlaintext: p.Encryption.AnalyticsPlaintext}
	}
	chain, err := m.openChain()
	if err != nil || (len(files) == 0 && chain == nil) {
		return nil, err
	}
	s := &seal.Sealer{Profiles: profiles, Default: config.DefaultProfile, Chain: chain, Log: m.log, Now: time.Now}
	if len(files) > 0 {
		if s.Certs, err = tenantcert.Load(files, m.log); err != nil {
			return nil, fmt.Errorf("encryption: %w", err)
		}
	}
	m.metrics.RegisterEncryption(func() float64 { return float64(total(s.Waiting())) })
	return s, nil
}

func cmsOptions(e config.Encryption) cms.Options {
	var o cms.Options
	if e.Cipher == "aes-256-gcm" {
		o.Cipher = cms.AES256GCM
	}
	if e.KeyTransport == "rsa-pkcs1v15" {
		o.KeyTransport = cms.RSAPKCS1v15
	}
	return o
}

// openChain opens the node's manifest chain in the data dir.
func (m *MCP) openChain() (*manifest.Chain, error) {
	c := m.cfg.Manifests
	if c.Certificate == "" && c.Key == "" {
		return nil, nil
	}
	cert, key, err := loadSigner(c.Certificate, c.Key)
	if err != nil {
		return nil, fmt.Errorf("manifests: %w", err)
	}
	return manifest.OpenChain(m.cfg.DataDir, m.cfg.NodeID, cert, key)
}

func loadSigner(certPath, keyPath string) (*x509.Certificate, crypto.Signer, error) {
	data, err := os.ReadFile(certPath)
	if err != nil {
		return nil, nil, err
	}
	block, _ := pem.Decode(data)
	if block == nil || block.Type != "CERTIFICATE" {
		return nil, nil, fmt.Errorf("%s: no PEM certificate", certPath)
	}
	cert, err := x509.ParseCertificate(block.Bytes)
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", certPath, err)
	}
	if data, err = os.ReadFile(keyPath); err != nil {
		return nil, nil, err
	}
	key, err := cms.ParsePrivateKey(data)
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", keyPath, err)
	}
	signer, ok := key.(crypto.Signer)
	if !ok || !signer.Public().(interface{ Equal(crypto.PublicKey) bool }).Equal(cert.PublicKey) {
		return nil, nil, fmt.Errorf("%s does not hold the key of %s", keyPath, certPath)
	}
	return cert, signer, nil
}

// sealOption is the spool's Seal, nil without a sealer.
func (m *MCP) sealOption() spool.Seal {
	if m.sealer == nil {
		return nil
	}
	return m.sealer.Seal
}

// spoolEvent drops a dead-lettered recording from the waiting count and
// tells the recordings index.
func (m *MCP) spoolEvent(e spool.Event) {
	m.index.follow.Notify(e)
	if m.sealer != nil && e.Kind == spool.DeadLettered {
		m.sealer.Forget(e.RecordingID)
	}
}

// watchCertificates re-reads changed certificate files until ctx ends.
func (m *MCP) watchCertificates(ctx context.Context) {
	if m.sealer != nil && m.sealer.Certs != nil {
		m.sealer.Certs.Watch(ctx, certPoll)
	}
}

// ReloadCertificates re-reads every profile's certificate files (SIGHUP).
func (m *MCP) ReloadCertificates() error {
	if m.sealer == nil || m.sealer.Certs == nil {
		return nil
	}
	return m.sealer.Certs.Reload()
}

// encryptionWarning names the profiles whose recordings wait for a
// certificate: /readyz stays 200 (one tenant's missing certificate must
// not stop every tenant's calls) but says so.
func (m *MCP) encryptionWarning() error {
	if m.sealer == nil {
		return nil
	}
	w := m.sealer.Waiting()
	if len(w) == 0 {
		return nil
	}
	var parts []string
	for _, p := range slices.Sorted(maps.Keys(w)) {
		parts = append(parts, fmt.Sprintf("profile %s: %d recordings wait for a valid encryption certificate", p, w[p]))
	}
	return httpapi.Warning(errors.New(strings.Join(parts, "; ")))
}

func total(m map[string]int) int {
	n := 0
	for _, v := range m {
		n += v
	}
	return n
}
