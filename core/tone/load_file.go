package tone

import (
	"context"
	"fmt"
	"net/url"
	"os"
)

// readFile reads the file named by a file:// URL (host empty or localhost)
// or by a plain path, which is used as written. Only regular files are read,
// so a FIFO or a device cannot block or stream forever.
func readFile(ctx context.Context, uri string, u *url.URL, limit int64) ([]byte, error) {
	path, err := filePath(uri, u)
	if err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("%w: %s: %w", ErrFetch, path, err)
	}
	fi, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrFetch, err)
	}
	if !fi.Mode().IsRegular() {
		return nil, fmt.Errorf("%w: %s: not a regular file", ErrFetch, path)
	}
	if fi.Size() > limit {
		return nil, fmt.Errorf("%w: %s: %d bytes, limit %d", ErrTooLarge, path, fi.Size(), limit)
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrFetch, err)
	}
	defer f.Close()
	return readAtMost(f, limit, path)
}

// filePath returns the local path a file URI or plain path names.
func filePath(uri string, u *url.URL) (string, error) {
	if u.Scheme == "" {
		return uri, nil
	}
	if u.Host != "" && u.Host != "localhost" {
		return "", fmt.Errorf("%w: %s: file URI with remote host %q", ErrFetch, uri, u.Host)
	}
	if u.Opaque != "" || u.Path == "" {
		return "", fmt.Errorf("%w: %s: file URI without an absolute path", ErrFetch, uri)
	}
	return u.Path, nil
}
