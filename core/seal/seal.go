package seal

import (
	"context"
	"crypto/x509"
	"errors"
	"fmt"
	"log/slog"
	"path/filepath"
	"sync"
	"time"

	"github.com/reel-project/reel/core/cms"
	"github.com/reel-project/reel/core/manifest"
	"github.com/reel-project/reel/core/spool"
	"github.com/reel-project/reel/core/tenantcert"
)

// ErrWaiting: the profile requires encryption and has no valid certificate.
var ErrWaiting = errors.New("waiting for an encryption certificate")

// Profile is one profile's encryption setting.
type Profile struct {
	Encrypt bool
	Options cms.Options
	// AnalyticsPlaintext keeps each file's plaintext for the profile's
	// analytics destinations (a trusted sink); storage still gets envelopes.
	AnalyticsPlaintext bool
}

// Sealer seals spool jobs. Safe for concurrent use.
type Sealer struct {
	Certs    *tenantcert.Store  // the profiles' certificates (nil: none encrypts)
	Profiles map[string]Profile // by profile name; a missing name does not encrypt
	Default  string             // profile of a document that names none
	Chain    *manifest.Chain    // nil: no manifests
	Log      *slog.Logger
	Now      func() time.Time

	waiting sync.Map // recording id → profile
}

// Seal is a spool.Seal.
func (s *Sealer) Seal(ctx context.Context, j *spool.SealJob) error {
	doc, err := parseDocument(j.Document)
	if err != nil {
		return err
	}
	profile := doc.profile(s.Default)
	var enc *manifest.Encryption
	if p := s.Profiles[profile]; p.Encrypt {
		if enc, err = s.encrypt(ctx, j, profile, p); err != nil {
			return err
		}
	}
	stored, err := storedFiles(j.Files)
	if err != nil {
		return err
	}
	j.Document = doc.describe(stored, enc)
	if s.Chain == nil {
		return nil
	}
	return s.addManifest(j, doc, stored, enc)
}

// encrypt replaces every file with its envelope for the profile's
// certificates valid now.
func (s *Sealer) encrypt(ctx context.Context, j *spool.SealJob, profile string, p Profile) (*manifest.Encryption, error) {
	err := fmt.Errorf("%w: profile %s", tenantcert.ErrNoCertificate, profile)
	var certs []tenantcert.Cert
	if s.Certs != nil {
		certs, err = s.Certs.Recipients(profile, s.Now())
	}
	if err != nil {
		s.waiting.Store(j.ID, profile)
		return nil, fmt.Errorf("%w (%v)", ErrWaiting, err)
	}
	s.waiting.Delete(j.ID)
	enc := &manifest.Encryption{Format: "pkcs7", Cipher: cipherName(p.Options.Cipher)}
	x509s := make([]*x509.Certificate, len(certs))
	for i, c := range certs {
		x509s[i] = c.Certificate
		enc.Certificates = append(enc.Certificates, c.Fingerprint)
	}
	for i := range j.Files {
		f := &j.Files[i]
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		if p.AnalyticsPlaintext {
			if err := keepPlain(f.Path, filepath.Join(j.Dir, spool.PlainName(f.Name))); err != nil {
				return nil, fmt.Errorf("plaintext copy of %s: %w", f.Name, err)
			}
			f.Plain = &spool.PlainCopy{}
		}
		if err := encryptInPlace(f.Path, x509s, p.Options); err != nil {
			return nil, fmt.Errorf("encrypt %s: %w", f.Name, err)
		}
	}
	return enc, nil
}

// Waiting returns how many recordings wait for a certificate, by profile.
func (s *Sealer) Waiting() map[string]int {
	out := map[string]int{}
	s.waiting.Range(func(_, p any) bool {
		out[p.(string)]++
		return true
	})
	return out
}

// Forget drops a recording from Waiting (it completed or was dead-lettered).
func (s *Sealer) Forget(id string) { s.waiting.Delete(id) }

func cipherName(c cms.ContentCipher) string {
	if c == cms.AES256GCM {
		return "aes-256-gcm"
	}
	return "aes-256-cbc"
}
