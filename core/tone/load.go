package tone

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// Defaults for the zero fields of LoadOptions.
const (
	DefaultMaxBytes = 1 << 20
	DefaultTimeout  = 5 * time.Second
)

// LoadOptions bounds what Load may fetch. The zero value is usable.
type LoadOptions struct {
	// MaxBytes is the largest file accepted; 0 means DefaultMaxBytes.
	MaxBytes int64
	// Timeout bounds the whole fetch, body included; 0 means DefaultTimeout.
	Timeout time.Duration
	// HTTPClient fetches http and https URIs; nil means a plain client.
	// Its own Timeout, if any, also applies.
	HTTPClient *http.Client
	// AllowFile permits file:// URIs and plain paths. It is off by default
	// because audiosrc comes from the network: a SIP Server, or whoever
	// can reach our MSML endpoint, would otherwise choose local files to open.
	AllowFile bool
}

// withDefaults fills the zero fields.
func (o LoadOptions) withDefaults() LoadOptions {
	if o.MaxBytes <= 0 {
		o.MaxBytes = DefaultMaxBytes
	}
	if o.Timeout <= 0 {
		o.Timeout = DefaultTimeout
	}
	if o.HTTPClient == nil {
		o.HTTPClient = &http.Client{}
	}
	return o
}

// Load fetches the WAV file at uri and decodes it (see ParseWAV). uri is an
// http:// or https:// URL, or, only when opt.AllowFile is set, a file:// URL
// or a plain path. An HTTP response must have a 2xx status. Errors wrap
// ErrFetch (with the underlying error, so errors.Is(err,
// context.DeadlineExceeded) works), ErrTooLarge, ErrFormat or ErrRate, and
// name the URI with any password redacted.
func Load(ctx context.Context, uri string, opt LoadOptions) (*Source, error) {
	opt = opt.withDefaults()
	b, err := fetch(ctx, uri, opt)
	if err != nil {
		return nil, err
	}
	src, err := ParseWAV(b)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", redact(uri), err)
	}
	return src, nil
}

// fetch returns the bytes at uri, dispatching on its scheme.
func fetch(ctx context.Context, uri string, opt LoadOptions) ([]byte, error) {
	u, err := url.Parse(uri)
	if uri == "" || err != nil {
		return nil, fmt.Errorf("%w: bad URI %s", ErrFetch, redact(uri))
	}
	switch strings.ToLower(u.Scheme) {
	case "http", "https":
		return fetchHTTP(ctx, u, opt)
	case "file", "":
		if !opt.AllowFile {
			return nil, fmt.Errorf("%w: %s: file URIs are not allowed (LoadOptions.AllowFile)", ErrFetch, uri)
		}
		return readFile(ctx, uri, u, opt.MaxBytes)
	}
	return nil, fmt.Errorf("%w: %s: unsupported scheme %q", ErrFetch, redact(uri), u.Scheme)
}

// readAtMost reads r to the end, failing with ErrTooLarge past limit bytes.
func readAtMost(r io.Reader, limit int64, what string) ([]byte, error) {
	b, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return nil, fmt.Errorf("%w: %s: %w", ErrFetch, what, err)
	}
	if int64(len(b)) > limit {
		return nil, fmt.Errorf("%w: %s: more than %d bytes", ErrTooLarge, what, limit)
	}
	return b, nil
}

// redact returns uri with any password replaced, for error messages.
func redact(uri string) string {
	u, err := url.Parse(uri)
	switch {
	case uri == "":
		return `""`
	case err != nil:
		return "(unparsable URI)"
	}
	return u.Redacted()
}
