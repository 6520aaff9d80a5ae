package manifest

import (
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"path"
	"path/filepath"
)

// Dir reads local files.
type Dir struct{}

// Open opens a local file.
func (Dir) Open(p string) (io.ReadCloser, error) { return os.Open(p) }

// Sibling is name in p's directory (only its base: names never climb).
func (Dir) Sibling(p, name string) string {
	return filepath.Join(filepath.Dir(p), filepath.Base(name))
}

// HTTP reads files with GET, e.g. from the WebDAV server the storage
// plugin writes to, with Basic auth when User is set.
type HTTP struct {
	Client         *http.Client
	User, Password string
}

// Open GETs the URL; any status but 200 is an error.
func (h HTTP) Open(u string) (io.ReadCloser, error) {
	req, err := http.NewRequest(http.MethodGet, u, nil)
	if err != nil {
		return nil, err
	}
	if h.User != "" {
		req.SetBasicAuth(h.User, h.Password)
	}
	c := h.Client
	if c == nil {
		c = http.DefaultClient
	}
	resp, err := c.Do(req)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode != http.StatusOK {
		resp.Body.Close()
		return nil, fmt.Errorf("GET %s: %s", u, resp.Status)
	}
	return resp.Body, nil
}

// Sibling is name in the URL's folder.
func (HTTP) Sibling(u, name string) string {
	p, err := url.Parse(u)
	if err != nil {
		return u + "/../" + name
	}
	p.Path = path.Join(path.Dir(p.Path), path.Base(name))
	p.RawPath = ""
	return p.String()
}
