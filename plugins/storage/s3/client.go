package s3

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"time"

	"github.com/reel-project/reel/internal/sigv4"

	"github.com/reel-project/reel/plugins/sdk"
)

// Transport timeouts. A whole Put is bounded by the host's deadline.
const (
	dialTimeout   = 10 * time.Second
	headerTimeout = 2 * time.Minute // CompleteMultipartUpload of a big object can take a while
)

// client sends signed requests to one bucket. It is safe for concurrent use.
type client struct {
	http      *http.Client
	sign      sigv4.Signer
	endpoint  *url.URL
	bucket    string
	pathStyle bool
}

// newClient builds the client of a validated configuration, reading the
// credential and CA files.
func newClient(cfg Config) (*client, error) {
	access, secret, err := cfg.credentials()
	if err != nil {
		return nil, err
	}
	tr, err := transport(cfg.CAFile)
	if err != nil {
		return nil, err
	}
	u, _ := url.Parse(cfg.Endpoint) // validated
	return &client{
		http:      &http.Client{Transport: tr},
		sign:      sigv4.Signer{AccessKey: access, SecretKey: secret, Region: cfg.Region, Now: time.Now},
		endpoint:  u,
		bucket:    cfg.Bucket,
		pathStyle: *cfg.PathStyle,
	}, nil
}

func transport(caFile string) (*http.Transport, error) {
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.DialContext = (&net.Dialer{Timeout: dialTimeout, KeepAlive: 30 * time.Second}).DialContext
	tr.ResponseHeaderTimeout = headerTimeout
	tr.MaxIdleConnsPerHost = 16
	if caFile == "" {
		return tr, nil
	}
	pem, err := os.ReadFile(caFile)
	if err != nil {
		return nil, sdk.ConfigErrorf("ca_file", "%v", err)
	}
	pool := x509.NewCertPool()
	if !pool.AppendCertsFromPEM(pem) {
		return nil, sdk.ConfigErrorf("ca_file", "%s holds no PEM certificate", caFile)
	}
	tr.TLSClientConfig = &tls.Config{RootCAs: pool, MinVersion: tls.VersionTLS12}
	return tr, nil
}

// url is the address of key (the bucket itself for "") with query q.
func (c *client) url(key string, q url.Values) *url.URL {
	u := *c.endpoint
	path := "/" + key
	switch {
	case c.pathStyle && key == "":
		path = "/" + c.bucket
	case c.pathStyle:
		path = "/" + c.bucket + path
	default:
		u.Host = c.bucket + "." + u.Host
	}
	u.Path, u.RawPath = path, sigv4.URIEscape(path, false)
	u.RawQuery = sigv4.CanonicalQuery(&url.URL{RawQuery: q.Encode()})
	return &u
}

// request is one S3 call.
type request struct {
	op     string      // for errors: "PUT", "HEAD", "UploadPart"…
	method string      // HTTP method
	key    string      // object key
	query  url.Values  // sub-resource parameters
	header http.Header // extra headers, all signed
	body   io.Reader   // nil for none
	size   int64       // body length
	sha256 string      // body's hex SHA-256
}

// do sends r and returns the response of a 2xx status; any other status is
// a classified *Error, a transport failure a retryable error, and a done
// context its own error. The caller closes the body.
func (c *client) do(ctx context.Context, r request) (*http.Response, error) {
	req, err := c.newRequest(ctx, r)
	if err != nil {
		return nil, sdk.Permanent(err)
	}
	resp, err := c.http.Do(req)
	if err != nil {
		return nil, transportError(ctx, r.op, c.target(r.key), err)
	}
	if resp.StatusCode/100 != 2 {
		defer resp.Body.Close()
		return nil, responseError(r.op, c.target(r.key), resp)
	}
	return resp, nil
}

func (c *client) newRequest(ctx context.Context, r request) (*http.Request, error) {
	body := r.body
	if r.size == 0 {
		body = http.NoBody
	}
	req, err := http.NewRequestWithContext(ctx, r.method, c.url(r.key, r.query).String(), body)
	if err != nil {
		return nil, err
	}
	req.ContentLength = r.size
	for k, v := range r.header {
		req.Header[k] = v
	}
	sum := r.sha256
	if sum == "" {
		sum = sigv4.EmptySHA256
	}
	c.sign.Sign(req, sum)
	return req, nil
}

// transportError classifies a failure without a response: the caller's
// context ending keeps its error, a certificate that does not verify is
// permanent (a wrong ca_file does not heal; as in the other built-in
// plugins, 0019), everything else (refused, reset, timeout) is retryable.
func transportError(ctx context.Context, op, target string, err error) error {
	if ctxErr := ctx.Err(); ctxErr != nil {
		return fmt.Errorf("s3: %s %s: %w", op, target, ctxErr)
	}
	var ue *url.Error
	if errors.As(err, &ue) {
		err = ue.Err
	}
	err = fmt.Errorf("s3: %s %s: %w", op, target, err)
	var cve *tls.CertificateVerificationError
	if errors.As(err, &cve) {
		return sdk.Permanent(err)
	}
	return sdk.Retryable(err)
}

// target names key in errors and locations: bucket/key.
func (c *client) target(key string) string { return c.bucket + "/" + key }

// drain reads what is left of a response body and closes it, so that the
// connection is reused.
func drain(resp *http.Response) {
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, maxErrorBody))
	_ = resp.Body.Close()
}
