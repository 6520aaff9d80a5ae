package localdir

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"
	"sync/atomic"

	"github.com/reel-project/reel/plugins/sdk"
)

// Version is the plugin's version, reported to the host.
const Version = "1.0.0"

// Name is the plugin's name, reported to the host.
const Name = "storage-localdir"

// LocalDir stores objects as files in a directory and their metadata
// beside them. It is safe for concurrent use; Configure must come first.
type LocalDir struct {
	cfg atomic.Pointer[Config]
}

var (
	_ sdk.Plugin   = (*LocalDir)(nil)
	_ sdk.Storage  = (*LocalDir)(nil)
	_ sdk.Metadata = (*LocalDir)(nil)
)

// New returns an unconfigured plugin.
func New() *LocalDir { return &LocalDir{} }

// Info names the plugin.
func (l *LocalDir) Info() sdk.Info { return sdk.Info{Name: Name, Version: Version} }

// Configure parses the block and creates the directory.
func (l *LocalDir) Configure(raw json.RawMessage) error {
	cfg, err := ParseConfig(raw)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(cfg.Dir, 0o750); err != nil {
		return sdk.ConfigErrorf("dir", "cannot create it: %v", err)
	}
	l.cfg.Store(&cfg)
	return nil
}

func (l *LocalDir) config() (*Config, error) {
	cfg := l.cfg.Load()
	if cfg == nil {
		return nil, errNotConfigured
	}
	return cfg, nil
}

// Put writes r to a temp file and links it to its final name only when the
// whole content arrived intact; an identical object already there is a
// success, a different one sdk.ErrExists.
func (l *LocalDir) Put(_ context.Context, obj sdk.Object, r io.Reader) (sdk.Location, error) {
	cfg, err := l.config()
	if err != nil {
		return sdk.Location{}, err
	}
	final := cfg.path(obj.Key)
	if err := sameOrMissing(final, obj); !errors.Is(err, sdk.ErrNotFound) {
		return location(final), err
	}
	err = writeFile(final, r, cfg.Fsync)
	if errors.Is(err, fs.ErrExist) { // a concurrent Put won the race
		err = sameOrMissing(final, obj)
	}
	if err != nil {
		return sdk.Location{}, fmt.Errorf("localdir: put %s: %w", final, classify(err))
	}
	return location(final), nil
}

// sameOrMissing is nil if path holds obj's content, sdk.ErrNotFound if
// there is no file, sdk.ErrExists if there is another one.
func sameOrMissing(path string, obj sdk.Object) error {
	st, err := describe(path)
	switch {
	case err != nil:
		return err
	case st.Size != obj.Size || st.SHA256 != obj.SHA256:
		return fmt.Errorf("localdir: %s holds %d bytes sha256 %s: %w", path, st.Size, st.SHA256, sdk.ErrExists)
	}
	return nil
}

// Stat hashes the stored file.
func (l *LocalDir) Stat(_ context.Context, key sdk.Key) (sdk.Stored, error) {
	cfg, err := l.config()
	if err != nil {
		return sdk.Stored{}, err
	}
	return describe(cfg.path(key))
}

// Delete removes the file and its metadata document.
func (l *LocalDir) Delete(_ context.Context, key sdk.Key) error {
	cfg, err := l.config()
	if err != nil {
		return err
	}
	path := cfg.path(key)
	for _, p := range []string{path, path + docExt} {
		if err := os.Remove(p); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("localdir: delete %s: %w", p, classify(err))
		}
	}
	return nil
}

// describe returns the size, SHA-256 and location of the file at path, or
// sdk.ErrNotFound.
func describe(path string) (sdk.Stored, error) {
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return sdk.Stored{}, sdk.ErrNotFound
	}
	if err != nil {
		return sdk.Stored{}, classify(err)
	}
	defer f.Close()
	h := sha256.New()
	n, err := io.Copy(h, f)
	if err != nil {
		return sdk.Stored{}, fmt.Errorf("localdir: hash %s: %w", path, err)
	}
	return sdk.Stored{Size: n, SHA256: hex.EncodeToString(h.Sum(nil)), Location: location(path)}, nil
}

func location(path string) sdk.Location {
	return sdk.Location{URI: (&url.URL{Scheme: "file", Path: path}).String()}
}
