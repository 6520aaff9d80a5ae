package fetch

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// Options configure a Fetcher.
type Options struct {
	Client     *http.Client     // nil: a client with no overall timeout
	FileRoots  []string         // directories file: URIs may read below; none = no file access
	MaxBytes   int64            // largest body; 0 = 4 MiB
	MaxEntries int              // cache entries; 0 = 1024
	Now        func() time.Time // the cache's clock; nil = time.Now
}

// Fetcher fetches and caches. It is safe for concurrent use.
type Fetcher struct {
	opt   Options
	cache *cache
}

// New creates a Fetcher.
func New(o Options) *Fetcher {
	if o.Client == nil {
		o.Client = &http.Client{}
	}
	if o.MaxBytes == 0 {
		o.MaxBytes = 4 << 20
	}
	if o.MaxEntries == 0 {
		o.MaxEntries = 1024
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	return &Fetcher{opt: o, cache: newCache(o.MaxEntries)}
}

// Request is one fetch. MaxAge and MaxStale are negative when unset.
type Request struct {
	URL      *url.URL
	Method   string            // GET (default) or POST
	Values   url.Values        // namelist values: query for GET, body for POST
	Files    map[string][]byte // recorded audio: POST as multipart/form-data
	Timeout  time.Duration     // fetchtimeout; 0 = 30 s
	MaxAge   time.Duration
	MaxStale time.Duration
}

// Response is a fetched body. Its Body must not be modified.
type Response struct {
	URL         *url.URL
	Body        []byte
	ContentType string
	entry       *entry // nil when not cacheable
}

// Memo returns what build made from this body before, building it once per
// cache entry; uncacheable responses build every time.
func (r *Response) Memo(kind string, build func() (any, error)) (any, error) {
	if r.entry == nil {
		return build()
	}
	return r.entry.memo(kind, build)
}

// Fetch performs req.
func (f *Fetcher) Fetch(ctx context.Context, req Request) (*Response, error) {
	switch req.URL.Scheme {
	case "http", "https":
		return f.fetchHTTP(ctx, req)
	case "file":
		return f.fetchFile(req.URL)
	}
	return nil, fmt.Errorf("%w: %w: %q", ErrFetch, ErrScheme, req.URL.Scheme)
}

func (f *Fetcher) fetchFile(u *url.URL) (*Response, error) {
	p := filepath.Clean(u.Path)
	if !f.underRoot(p) {
		return nil, fmt.Errorf("%w: %w: %s", ErrFetch, ErrOutsideRoots, p)
	}
	st, err := os.Stat(p)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrFetch, err)
	}
	key := "file:" + p
	validator := fmt.Sprintf("%d/%d", st.Size(), st.ModTime().UnixNano())
	if e := f.cache.get(key); e != nil && e.validator == validator {
		return &Response{URL: u, Body: e.body, ContentType: e.ctype, entry: e}, nil
	}
	if st.Size() > f.opt.MaxBytes {
		return nil, fmt.Errorf("%w: %w: %s is %d bytes", ErrFetch, ErrTooLarge, p, st.Size())
	}
	body, err := os.ReadFile(p)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrFetch, err)
	}
	e := &entry{body: body, validator: validator, ctype: typeByExt(p)}
	f.cache.put(key, e)
	return &Response{URL: u, Body: body, ContentType: e.ctype, entry: e}, nil
}

func (f *Fetcher) underRoot(p string) bool {
	for _, r := range f.opt.FileRoots {
		root, err := filepath.Abs(r)
		if err != nil {
			continue
		}
		if rel, err := filepath.Rel(root, p); err == nil && rel != ".." && !strings.HasPrefix(rel, "../") {
			return true
		}
	}
	return false
}

func typeByExt(p string) string {
	switch filepath.Ext(p) {
	case ".vxml", ".xml", ".grxml", ".txml":
		return "application/xml"
	case ".js":
		return "application/javascript"
	}
	return "application/octet-stream"
}

// newHTTPRequest builds the request: namelist in the query for GET, in an
// urlencoded or multipart body for POST.
func newHTTPRequest(ctx context.Context, req Request) (*http.Request, error) {
	u := *req.URL
	u.Fragment = ""
	method := strings.ToUpper(req.Method)
	if method != "POST" {
		if len(req.Values) > 0 {
			q := u.Query()
			for k, vs := range req.Values {
				q[k] = append(q[k], vs...)
			}
			u.RawQuery = q.Encode()
		}
		return http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	}
	if len(req.Files) == 0 {
		r, err := http.NewRequestWithContext(ctx, http.MethodPost, u.String(), strings.NewReader(req.Values.Encode()))
		if err == nil {
			r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		}
		return r, err
	}
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	for k, vs := range req.Values {
		for _, v := range vs {
			_ = mw.WriteField(k, v)
		}
	}
	for k, data := range req.Files {
		w, err := mw.CreateFormFile(k, k+".wav")
		if err != nil {
			return nil, err
		}
		_, _ = w.Write(data)
	}
	_ = mw.Close()
	r, err := http.NewRequestWithContext(ctx, http.MethodPost, u.String(), &buf)
	if err == nil {
		r.Header.Set("Content-Type", mw.FormDataContentType())
	}
	return r, err
}

func readLimited(r io.Reader, limit int64) ([]byte, error) {
	body, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrFetch, err)
	}
	if int64(len(body)) > limit {
		return nil, fmt.Errorf("%w: %w: over %d bytes", ErrFetch, ErrTooLarge, limit)
	}
	return body, nil
}
