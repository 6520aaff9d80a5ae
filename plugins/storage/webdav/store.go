package webdav

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/url"
	"path"
	"sync/atomic"
	"time"

	"github.com/reel-project/reel/plugins/internal/httpput"
	"github.com/reel-project/reel/plugins/sdk"
)

// Version is the plugin's version, reported to the host.
const Version = "1.0.0"

// WebDAV stores objects on a WebDAV server. It is safe for concurrent use;
// Configure must come first.
type WebDAV struct {
	state atomic.Pointer[state]
}

type state struct {
	client *httpput.Client
	tmpl   Template
}

var (
	_ sdk.Plugin  = (*WebDAV)(nil)
	_ sdk.Storage = (*WebDAV)(nil)
)

// errNotConfigured: a call before Configure, a host bug no retry fixes.
var errNotConfigured = sdk.Permanent(errors.New("storage-webdav: not configured"))

// New returns an unconfigured plugin.
func New() *WebDAV { return &WebDAV{} }

// Info names the plugin.
func (w *WebDAV) Info() sdk.Info { return sdk.Info{Name: "storage-webdav", Version: Version} }

// Configure parses the block, reads password_file and ca_file.
func (w *WebDAV) Configure(raw json.RawMessage) error {
	cfg, err := ParseConfig(raw)
	if err != nil {
		return err
	}
	client, err := httpput.New(cfg.Settings)
	if err != nil {
		return err
	}
	tmpl, _ := ParseTemplate(cfg.Path)
	w.state.Store(&state{client: client, tmpl: tmpl})
	sdk.Logger().Info("configured", "settings", cfg.Settings.String(), "path", cfg.Path)
	return nil
}

func (w *WebDAV) loaded() (*state, error) {
	if s := w.state.Load(); s != nil {
		return s, nil
	}
	return nil, errNotConfigured
}

// Put uploads to a temporary name beside the final one, records the
// SHA-256 as a dead property, then MOVEs without overwriting: the object
// becomes visible only whole and verified, and never replaces another.
func (w *WebDAV) Put(ctx context.Context, obj sdk.Object, r io.Reader) (sdk.Location, error) {
	s, err := w.loaded()
	if err != nil {
		return sdk.Location{}, err
	}
	if err := obj.Validate(); err != nil {
		return sdk.Location{}, err
	}
	final, err := s.url(obj.Key, obj.Metadata)
	if err != nil {
		return sdk.Location{}, err
	}
	if err := s.sameOrMissing(ctx, final, obj); !errors.Is(err, sdk.ErrNotFound) {
		if err == nil {
			s.cleanup(tempURL(final, obj)) // an earlier attempt's, killed after its MOVE
		}
		return location(final, err)
	}
	if err := s.upload(ctx, final, obj, r); err != nil {
		return sdk.Location{}, fmt.Errorf("storage-webdav: %w", err)
	}
	return location(final, nil)
}

// upload PUTs to a temp name, sets the sha256 property and MOVEs it to
// final; the temp is deleted whatever happens. The temp name is the same
// for every attempt at the same object, so the PUT of the next attempt
// replaces what an attempt killed mid-way (its process gone, no DELETE)
// left behind, and this attempt's DELETE removes it.
func (s *state) upload(ctx context.Context, final *url.URL, obj sdk.Object, r io.Reader) error {
	tmp := tempURL(final, obj)
	defer s.cleanup(tmp)
	if err := s.client.Put(ctx, s.client.Base(), tmp, obj.Size, r, obj.ContentType); err != nil {
		return err
	}
	if err := s.client.SetSHA256(ctx, tmp, obj.SHA256); err != nil {
		return err
	}
	moved, err := s.client.Move(ctx, tmp, final)
	if err != nil || moved {
		return err
	}
	return s.sameOrMissing(ctx, final, obj) // a concurrent Put won the race
}

// cleanup deletes the temp file with a context of its own: the call's may
// be cancelled already. It is a no-op after a successful MOVE (404).
func (s *state) cleanup(tmp *url.URL) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := s.client.Delete(ctx, tmp); err != nil {
		sdk.Logger().Warn("temp file left behind", "url", httpput.Redacted(tmp), "err", err)
	}
}

// sameOrMissing is nil when final holds obj (same size and SHA-256 property;
// size alone when the server keeps no properties), sdk.ErrNotFound when
// nothing is there, and sdk.ErrExists for another object.
func (s *state) sameOrMissing(ctx context.Context, final *url.URL, obj sdk.Object) error {
	p, err := s.client.Propfind(ctx, final)
	switch {
	case err != nil:
		return err
	case p.Size != obj.Size || (p.SHA256 != "" && p.SHA256 != obj.SHA256):
		return fmt.Errorf("storage-webdav: %s holds %d bytes sha256 %q: %w", httpput.Redacted(final), p.Size, p.SHA256, sdk.ErrExists)
	}
	return nil
}

// Stat describes a stored object from PROPFIND (Depth 0). With a template
// that needs metadata it cannot find the folder and answers ErrNotFound;
// the host then sends the object again and Put finds it stored.
func (w *WebDAV) Stat(ctx context.Context, key sdk.Key) (sdk.Stored, error) {
	s, err := w.loaded()
	if err != nil {
		return sdk.Stored{}, err
	}
	if err := key.Validate(); err != nil {
		return sdk.Stored{}, err
	}
	if !s.tmpl.keyOnly() {
		return sdk.Stored{}, sdk.ErrNotFound
	}
	u, err := s.url(key, nil)
	if err != nil {
		return sdk.Stored{}, err
	}
	p, err := s.client.Propfind(ctx, u)
	if err != nil {
		return sdk.Stored{}, err
	}
	return sdk.Stored{Size: p.Size, SHA256: p.SHA256, Location: sdk.Location{URI: httpput.Redacted(u)}}, nil
}

// Delete removes the object; a missing one is success. With a template
// that needs metadata it cannot find the folder: ErrUnimplemented.
func (w *WebDAV) Delete(ctx context.Context, key sdk.Key) error {
	s, err := w.loaded()
	if err != nil {
		return err
	}
	if err := key.Validate(); err != nil {
		return err
	}
	if !s.tmpl.keyOnly() {
		return sdk.ErrUnimplemented
	}
	u, err := s.url(key, nil)
	if err != nil {
		return err
	}
	return s.client.Delete(ctx, u)
}

// url is <url>/<expanded path>/<name>.
func (s *state) url(key sdk.Key, meta map[string]string) (*url.URL, error) {
	folder, err := s.tmpl.Expand(key, meta)
	if err != nil {
		return nil, err
	}
	if folder != "" {
		folder += "/"
	}
	return s.client.Base().JoinPath(folder + key.Name), nil
}

// tempURL is the hidden temp name of obj in final's folder: the same for
// every attempt at the same bytes (the SHA-256 names them), another for
// another object under the same name.
func tempURL(final *url.URL, obj sdk.Object) *url.URL {
	dir, name := path.Split(final.Path)
	tmp := *final
	tmp.Path, tmp.RawPath = dir+"."+name+".reel-tmp-"+obj.SHA256[:16], ""
	return &tmp
}

func location(u *url.URL, err error) (sdk.Location, error) {
	if err != nil {
		return sdk.Location{}, err
	}
	return sdk.Location{URI: httpput.Redacted(u)}, nil
}
