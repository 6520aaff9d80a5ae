package httpput

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync"

	"github.com/reel-project/reel/plugins/sdk"
)

// ErrStream marks a Put that failed because the caller's reader did; the
// reader's own error is wrapped beside it and keeps its class.
var ErrStream = errors.New("the content stream failed")

// Put streams size bytes of r to u. On 409 (Apache's answer when a parent
// collection is missing) it creates every parent of u below root with MKCOL and sends the PUT again, which is possible because the client
// waits for "100 Continue" and Apache refuses before reading the body; if a
// server read some of it anyway, the error is retryable and the next
// attempt finds the parents. A failure of r is returned as it is (wrapped
// with %w), whatever the server said: the caller must not trust the upload.
func (c *Client) Put(ctx context.Context, root, u *url.URL, size int64, r io.Reader, contentType string) error {
	body := &countingReader{r: r, size: size}
	status, err := c.put(ctx, u, size, body, contentType)
	if err == nil && status == http.StatusConflict && body.read() == 0 {
		if err = c.MkcolParents(ctx, root, u); err == nil {
			status, err = c.put(ctx, u, size, body, contentType)
		}
	}
	if berr := body.failure(); berr != nil {
		return fmt.Errorf("PUT %s: %w: %w", Redacted(u), ErrStream, berr)
	}
	if err == nil && status == http.StatusConflict {
		err = sdk.Permanent(fmt.Errorf("%w: PUT %s: 409 Conflict after MKCOL of its parents", ErrStatus, Redacted(u)))
	}
	return err
}

// put sends one PUT; it returns 409 as a status so Put can MKCOL, and every
// other refusal as an error.
func (c *Client) put(ctx context.Context, u *url.URL, size int64, body *countingReader, contentType string) (int, error) {
	hdr := http.Header{"Expect": {"100-continue"}}
	if contentType != "" {
		hdr.Set("Content-Type", contentType)
	}
	var rd io.Reader = http.NoBody
	if size > 0 {
		rd = body
	} else if err := body.drainEmpty(); err != nil {
		return 0, err
	}
	resp, err := c.doSized(ctx, http.MethodPut, u, rd, size, hdr)
	if err != nil {
		return 0, err
	}
	switch {
	case resp.StatusCode == http.StatusConflict && body.read() == 0:
		Drain(resp)
		return resp.StatusCode, nil
	case resp.StatusCode/100 == 2:
		Drain(resp)
		return resp.StatusCode, nil
	}
	return resp.StatusCode, StatusError(http.MethodPut, u, resp)
}

// MkcolParents creates each collection between root (exclusive) and u's
// parent, outermost first. 405 (it exists) is success.
func (c *Client) MkcolParents(ctx context.Context, root, u *url.URL) error {
	for _, dir := range parents(root, u) {
		resp, err := c.do(ctx, "MKCOL", dir, nil, nil)
		if err != nil {
			return err
		}
		if err := c.mkcolAnswer(ctx, dir, resp); err != nil {
			return err
		}
	}
	return nil
}

// mkcolAnswer accepts 201 and 405 (it exists); any other refusal is
// accepted too when the collection exists by now: Apache may answer 403
// to a MKCOL that races with another one for the same folder.
func (c *Client) mkcolAnswer(ctx context.Context, dir *url.URL, resp *http.Response) error {
	if resp.StatusCode == http.StatusCreated || resp.StatusCode == http.StatusMethodNotAllowed {
		Drain(resp)
		return nil
	}
	err := StatusError("MKCOL", dir, resp)
	if _, perr := c.Propfind(ctx, dir); perr == nil {
		return nil
	}
	return err
}

// parents lists the collections from base (exclusive) down to u's parent;
// none when u is not below base.
func parents(base, u *url.URL) []*url.URL {
	root := strings.TrimSuffix(base.Path, "/")
	rest, ok := strings.CutPrefix(u.Path, root+"/")
	if !ok || base.Scheme != u.Scheme || base.Host != u.Host {
		return nil
	}
	segs := strings.Split(rest, "/")
	var out []*url.URL
	path := root
	for _, s := range segs[:len(segs)-1] {
		if s == "" {
			continue
		}
		path += "/" + s
		d := *u
		d.Path, d.RawPath = path+"/", ""
		out = append(out, &d)
	}
	return out
}

// countingReader counts the bytes the transport read and keeps the first
// error other than io.EOF. It never lets the transport have the last of the
// size bytes before the source has confirmed its clean end: a source that
// fails at its end (the SDK's reader reports a wrong SHA-256 on the read after
// the last bytes) must not leave the server with a complete body, which it
// would store while the DELETE of the damaged upload races with it. The
// withheld bytes cut the body short, so the server refuses the PUT.
type countingReader struct {
	r    io.Reader
	size int64
	done bool // the source has confirmed its end after size bytes

	mu sync.Mutex
	n  int64
	e  error
}

func (b *countingReader) Read(p []byte) (int, error) {
	if b.done { // only Read touches done, and the transport reads from one goroutine
		return 0, io.EOF
	}
	n, err := b.r.Read(p)
	if err == nil && n > 0 {
		if total := b.read() + int64(n); total >= b.size {
			err = b.confirmEnd(total)
			b.done = err == io.EOF
		}
	}
	if err != nil && err != io.EOF {
		n = 0 // withheld: with an error the body must end short
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	b.n += int64(n)
	if err != nil && err != io.EOF && b.e == nil {
		b.e = err
	}
	return n, err
}

// errLonger is the source's error when it has more than the declared size.
var errLonger = errors.New("the content is longer than its declared size")

// confirmEnd reads once more past total bytes and returns io.EOF when the
// source is at a clean end, or the reason it is not.
func (b *countingReader) confirmEnd(total int64) error {
	if total > b.size {
		return errLonger
	}
	var probe [1]byte
	for range 100 {
		n, err := b.r.Read(probe[:])
		switch {
		case n > 0:
			return errLonger
		case err != nil:
			return err
		}
	}
	return io.ErrNoProgress
}

func (b *countingReader) read() int64 {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.n
}

func (b *countingReader) failure() error {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.e
}

// drainEmpty reads an empty object to its end, so a mismatch surfaces.
func (b *countingReader) drainEmpty() error {
	if _, err := io.Copy(io.Discard, b); err != nil {
		return err
	}
	return nil
}
