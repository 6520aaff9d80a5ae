package httpput

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"time"

	"github.com/reel-project/reel/plugins/sdk"
)

// Client talks to one HTTP(S) server with the credentials of its Settings.
// It is safe for concurrent use.
type Client struct {
	http     *http.Client
	base     *url.URL
	user     string
	password string
}

// New builds a Client from validated settings; it reads password_file and
// ca_file and names the key when one cannot be used.
func New(s Settings) (*Client, error) {
	if err := s.Validate(); err != nil {
		return nil, err
	}
	pw, err := s.password()
	if err != nil {
		return nil, err
	}
	tr, err := transport(s.CAFile)
	if err != nil {
		return nil, err
	}
	timeout, _ := s.timeout()
	base, _ := url.Parse(s.URL)
	hc := &http.Client{Transport: tr, Timeout: timeout, CheckRedirect: noRedirects}
	return &Client{http: hc, base: base, user: s.Username, password: pw}, nil
}

// noRedirects hands a 3xx to the caller, who refuses it: following it
// would resend a POST as GET or drop the credentials.
func noRedirects(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }

// transport waits for "100 Continue" before it sends a body, so a PUT the
// server refuses at once (409, 401) leaves the body unread and retryable.
func transport(caFile string) (*http.Transport, error) {
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.ExpectContinueTimeout = 2 * time.Second
	if caFile == "" {
		return tr, nil
	}
	pem, err := os.ReadFile(caFile)
	if err != nil {
		return nil, sdk.ConfigErrorf("ca_file", "%v", err)
	}
	pool, err := x509.SystemCertPool()
	if err != nil {
		pool = x509.NewCertPool()
	}
	if !pool.AppendCertsFromPEM(pem) {
		return nil, sdk.ConfigErrorf("ca_file", "no PEM certificate in %s", caFile)
	}
	tr.TLSClientConfig = &tls.Config{RootCAs: pool, MinVersion: tls.VersionTLS12}
	return tr, nil
}

// Base is the configured URL.
func (c *Client) Base() *url.URL { u := *c.base; return &u }

// do sends one request without a body, or with a body of unknown length.
func (c *Client) do(ctx context.Context, method string, u *url.URL, body io.Reader, hdr http.Header) (*http.Response, error) {
	return c.doSized(ctx, method, u, body, -1, hdr)
}

// doSized sends one request whose body has size bytes (-1: unknown), with
// the client's credentials when u is on the configured origin; credentials
// in u itself win. A known length streams the body without chunking and
// lets the server refuse an oversized file (413) up front.
func (c *Client) doSized(ctx context.Context, method string, u *url.URL, body io.Reader, size int64, hdr http.Header) (*http.Response, error) {
	req, err := http.NewRequestWithContext(ctx, method, u.String(), body)
	if err != nil {
		return nil, sdk.Permanent(fmt.Errorf("%w: %v", sdk.ErrInvalid, err))
	}
	if size >= 0 && body != nil && body != http.NoBody {
		req.ContentLength = size
	}
	for k, v := range hdr {
		req.Header[k] = v
	}
	c.authorize(req, u)
	resp, err := c.http.Do(req)
	if err != nil {
		return nil, transportError(ctx, method, u, err)
	}
	return resp, nil
}

func (c *Client) authorize(req *http.Request, u *url.URL) {
	switch {
	case u.User != nil:
		pw, _ := u.User.Password()
		req.SetBasicAuth(u.User.Username(), pw)
	case c.user != "" && u.Scheme == c.base.Scheme && u.Host == c.base.Host:
		req.SetBasicAuth(c.user, c.password)
	}
}

// Redacted is u without its password, for locations and errors.
func Redacted(u *url.URL) string { return u.Redacted() }

// Drain reads and closes a response body so the connection is reused.
func Drain(resp *http.Response) {
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
	_ = resp.Body.Close()
}
