package manifest

import (
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"strings"
	"time"

	"github.com/reel-project/reel/internal/sigv4"
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
	return get(h.Client, req, u)
}

// Sibling is name in the URL's folder.
func (HTTP) Sibling(u, name string) string { return sibling(u, name) }

// S3 reads s3://bucket/key objects — the locations the S3 storage plugin
// reports — from Endpoint with path-style GETs signed by Signer.
type S3 struct {
	Client   *http.Client
	Endpoint string // e.g. https://s3.eu-west-1.amazonaws.com or a MinIO URL
	Signer   sigv4.Signer
}

// Open GETs the object; any status but 200 is an error.
func (s S3) Open(loc string) (io.ReadCloser, error) {
	u, err := url.Parse(loc)
	if err != nil || u.Scheme != "s3" || u.Host == "" || u.Path == "" {
		return nil, fmt.Errorf("%q is not an s3://bucket/key location", loc)
	}
	req, err := http.NewRequest(http.MethodGet, strings.TrimSuffix(s.Endpoint, "/")+"/"+u.Host+u.EscapedPath(), nil)
	if err != nil {
		return nil, err
	}
	sg := s.Signer
	if sg.Now == nil {
		sg.Now = time.Now
	}
	sg.Sign(req, sigv4.EmptySHA256)
	return get(s.Client, req, loc)
}

// Sibling is name in the key's folder.
func (S3) Sibling(loc, name string) string { return sibling(loc, name) }

func get(c *http.Client, req *http.Request, what string) (io.ReadCloser, error) {
	if c == nil {
		c = http.DefaultClient
	}
	resp, err := c.Do(req)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode != http.StatusOK {
		resp.Body.Close()
		return nil, fmt.Errorf("GET %s: %s", what, resp.Status)
	}
	return resp.Body, nil
}

// sibling is name (its base only) in the URL's folder.
func sibling(u, name string) string {
	p, err := url.Parse(u)
	if err != nil {
		return u + "/../" + path.Base(name)
	}
	p.Path = path.Join(path.Dir(p.Path), path.Base(name))
	p.RawPath = ""
	return p.String()
}
