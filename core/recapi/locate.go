package recapi

import (
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"github.com/reel-project/reel/core/recindex"
	"github.com/reel-project/reel/core/recmeta"
)

func cleanRoots(roots []string) []string {
	var out []string
	for _, r := range roots {
		if abs, err := filepath.Abs(r); err == nil && r != "" {
			out = append(out, abs)
		}
	}
	return out
}

// Locate returns the local path of the file named mediaID of recording d and
// its document entry: the first of its storage locations, then of the
// spool's folders, that exists under one of roots. It is ErrNoFile when the
// recording has no such file or no copy is here, ErrEncrypted when the file
// is sealed.
func (a *API) Locate(d recindex.Detail, mediaID string) (string, recmeta.MediaFile, error) {
	mf, ok := d.Document.File(mediaID)
	if !ok {
		return "", mf, fmt.Errorf("%w: recording %s has no file %q", ErrNoFile, d.ID, mediaID)
	}
	if mf.MediaDescriptor.Encryption != nil {
		return "", mf, ErrEncrypted
	}
	for _, p := range a.candidates(d, mf) {
		if a.under(p) {
			if fi, err := os.Stat(p); err == nil && fi.Mode().IsRegular() {
				return p, mf, nil
			}
		}
	}
	return "", mf, fmt.Errorf("%w: no local copy of %s (it may be only in remote storage)", ErrNoFile, mediaID)
}

// candidates are where the file may be: its storage URIs and delivery
// locations that are local files, then the spool's folders under each root.
func (a *API) candidates(d recindex.Detail, mf recmeta.MediaFile) []string {
	var out []string
	for _, s := range mf.MediaDescriptor.Storage {
		out = appendLocal(out, s.URI)
	}
	for _, dl := range d.Delivery {
		for _, l := range dl.Locations {
			if strings.HasSuffix(l, "/"+mf.MediaID) {
				out = appendLocal(out, l)
			}
		}
	}
	for _, r := range a.roots {
		out = append(out, filepath.Join(r, mf.MediaID), filepath.Join(r, "files", d.ID, mf.MediaID),
			filepath.Join(r, "active", d.ID, mf.MediaID))
	}
	return out
}

func appendLocal(out []string, uri string) []string {
	u, err := url.Parse(uri)
	switch {
	case err != nil:
		return out
	case u.Scheme == "file":
		return append(out, u.Path)
	case u.Scheme == "" && filepath.IsAbs(uri):
		return append(out, uri)
	}
	return out
}

// under reports whether p (made absolute, symlinks resolved) is inside a root.
func (a *API) under(p string) bool {
	abs, err := filepath.Abs(p)
	if err != nil {
		return false
	}
	if real, err := filepath.EvalSymlinks(abs); err == nil {
		abs = real
	}
	for _, r := range a.roots {
		if rr, err := filepath.EvalSymlinks(r); err == nil {
			r = rr
		}
		if strings.HasPrefix(abs, r+string(filepath.Separator)) {
			return true
		}
	}
	return false
}
