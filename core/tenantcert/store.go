package tenantcert

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"slices"
	"sync"
	"time"
)

// Store holds the certificates of every profile. Safe for concurrent use.
type Store struct {
	log    *slog.Logger
	files  map[string][]string // profile → PEM paths
	mu     sync.Mutex
	certs  map[string][]Cert
	stamps map[string]fileStamp // path → what was last read
	warned map[string]bool      // fingerprint → validity warning logged
	failed map[string]string    // profile → last reload error logged
}

// fileStamp tells a changed file from an unchanged one without reading it.
type fileStamp struct {
	size  int64
	mtime time.Time
}

// Load reads every profile's files; any error is returned (a start with a
// broken configuration must fail).
func Load(files map[string][]string, log *slog.Logger) (*Store, error) {
	s := &Store{log: log, files: files, certs: map[string][]Cert{}, stamps: map[string]fileStamp{},
		warned: map[string]bool{}, failed: map[string]string{}}
	for profile := range files {
		certs, err := s.read(profile)
		if err != nil {
			return nil, err
		}
		s.certs[profile] = certs
	}
	return s, nil
}

// read parses all of a profile's files and records their stamps.
func (s *Store) read(profile string) ([]Cert, error) {
	var all []Cert
	for _, path := range s.files[profile] {
		st, err := os.Stat(path)
		if err != nil {
			return nil, fmt.Errorf("profile %s: %w", profile, err)
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return nil, fmt.Errorf("profile %s: %w", profile, err)
		}
		certs, err := Parse(path, data)
		if err != nil {
			return nil, fmt.Errorf("profile %s: %w", profile, err)
		}
		s.stamps[path] = fileStamp{st.Size(), st.ModTime()}
		all = append(all, certs...)
	}
	return all, nil
}

// Reload re-reads every profile. A profile whose files fail keeps its
// certificates; the error is logged once per distinct error and returned.
func (s *Store) Reload() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	var first error
	for profile := range s.files {
		certs, err := s.read(profile)
		if err != nil {
			s.logFailure(profile, err)
			first = cmpOr(first, err)
			continue
		}
		if !sameCerts(s.certs[profile], certs) {
			s.log.Info("encryption certificates loaded", "profile", profile, "certificates", fingerprints(certs))
		}
		s.certs[profile] = certs
		delete(s.failed, profile)
	}
	return first
}

func (s *Store) logFailure(profile string, err error) {
	if s.failed[profile] == err.Error() {
		return
	}
	s.failed[profile] = err.Error()
	s.log.Error("encryption certificates not reloaded; keeping the previous ones", "profile", profile, "err", err)
}

// Recipients returns the profile's certificates valid at now, skipping the
// others with one warning each; none is ErrNoCertificate.
func (s *Store) Recipients(profile string, now time.Time) ([]Cert, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []Cert
	for _, c := range s.certs[profile] {
		if now.Before(c.NotBefore) || now.After(c.NotAfter) {
			s.warnInvalid(profile, c, now)
			continue
		}
		out = append(out, c)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("%w: profile %s (%d configured)", ErrNoCertificate, profile, len(s.certs[profile]))
	}
	return out, nil
}

func (s *Store) warnInvalid(profile string, c Cert, now time.Time) {
	if s.warned[c.Fingerprint] {
		return
	}
	s.warned[c.Fingerprint] = true
	what := "expired"
	if now.Before(c.NotBefore) {
		what = "not yet valid"
	}
	s.log.Warn("encryption certificate skipped: "+what, "profile", profile, "path", c.Path,
		"certificate", c.Fingerprint, "not_before", c.NotBefore, "not_after", c.NotAfter)
}

// Watch reloads when a file's size or modification time changes, checking
// every interval until ctx ends.
func (s *Store) Watch(ctx context.Context, interval time.Duration) {
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			if s.changed() {
				s.Reload() // logged inside
			}
		}
	}
}

func (s *Store) changed() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, paths := range s.files {
		for _, p := range paths {
			st, err := os.Stat(p)
			if err != nil || (fileStamp{st.Size(), st.ModTime()}) != s.stamps[p] {
				return true
			}
		}
	}
	return false
}

func sameCerts(a, b []Cert) bool {
	return slices.Equal(fingerprints(a), fingerprints(b))
}

func fingerprints(cs []Cert) []string {
	out := make([]string, len(cs))
	for i, c := range cs {
		out[i] = c.Fingerprint
	}
	return out
}

func cmpOr(a, b error) error {
	if a != nil {
		return a
	}
	return b
}
